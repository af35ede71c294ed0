"""What editors write: the content model, front matter, Q&A handbooks, body checks and sanitising.

Pure Python over strings and paths; problems are collected, never raised (problems.py).
"""

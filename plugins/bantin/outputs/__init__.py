"""Every file the build writes passes one gate (gate.py); the finished site replaces the
old one in one step (publish.py).
"""

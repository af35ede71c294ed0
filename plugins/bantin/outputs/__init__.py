"""Every file the build writes passes one gate (gate.py); the finished site replaces the
old one in one step (publish.py); its size against hosts' limits (footprint.py); the offline
copy's layout, one start file beside the site's folder (offlinecopy.py).
"""

"""`python -m forkprobe CODE`: runs CODE as a command's main module would (test_forkrun.py
compares a fork of tests/forkrun.py's server with a real process on it)."""

import sys

exec(sys.argv[1])  # noqa: S102 (the test's own code)

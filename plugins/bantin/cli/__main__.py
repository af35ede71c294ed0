"""`python -m bantin.cli`: the `bantin` command, for tests and for a venv whose scripts
folder is not on PATH."""

import sys

from bantin.cli import main

sys.exit(main())

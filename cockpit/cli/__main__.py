"""`python -m cockpit.cli` runs the command line, as it did when cli was one module."""

import sys

from cockpit.cli import main

sys.exit(main())

"""`python -m experiments.cli ...` runs the `ripple` command line."""

import sys

from experiments.cli import main

sys.exit(main())

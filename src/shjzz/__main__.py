"""``python -m shjzz``: the command-line interface."""

from shjzz.cli import main

raise SystemExit(main())

"""`python -m llo` runs the same entry function as the `llo` console script."""

from llo.cli.main import main

raise SystemExit(main())

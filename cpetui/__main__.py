"""Lets `python -m cpetui` run the command line."""

from cpetui.cli import main

raise SystemExit(main())

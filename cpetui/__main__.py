"""Lets `python -m cpetui` run the command line."""

from cpetui.cli import run

run()

"""cpetui: a keyboard-driven terminal app that keeps a CPE log honest and audit-ready."""

__version__ = "0.1.0"

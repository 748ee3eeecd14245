"""Ledger files: parse, locate, edit, atomic save and watch (no Textual here)."""

"""The full-screen Textual app: ledgers, status, activities and findings, kept live with the files."""

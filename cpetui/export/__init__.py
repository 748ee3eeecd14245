"""Pure formatters from a Ledger and its Status to report text: CSV, Markdown, JSON, IIA-Japan layout."""

"""CI configuration for a charter repo, written from its charters: `govkit ci github`."""

"""Storage: models and functions that take a session and never commit."""

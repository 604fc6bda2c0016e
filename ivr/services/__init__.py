"""Services: one module per capability, each taking a session and never committing."""

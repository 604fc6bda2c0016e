"""The web layer: one blueprint per module (webhooks, health, coordinator)."""

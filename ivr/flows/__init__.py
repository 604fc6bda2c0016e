"""The pure domain: the call and SMS conversations, alert text, moderation, GSM-7, phones, the catalogue."""

"""Every Twilio word the line knows: signatures, TwiML, REST, status and error codes, routes."""

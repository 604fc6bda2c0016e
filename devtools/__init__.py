"""Tools for developers, outside the app package: the terminal simulator and a fake Twilio."""

"""Sending: turning queued delivery rows into messages, off the request."""

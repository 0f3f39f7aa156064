"""Handschlag: a professional network where a connection means what a handshake means."""

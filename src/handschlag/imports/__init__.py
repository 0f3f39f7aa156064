"""Bring a LinkedIn or XING network: upload, the hygiene report as a background job,
and the import of the profile and of contacts (never contacted without a click)."""

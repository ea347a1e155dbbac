"""Template tags of the web process: the inbox's (``{% load inbox %}``)."""

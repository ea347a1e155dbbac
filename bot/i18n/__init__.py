"""Internationalization: catalogs, extraction, bidi handling and locale formatting."""

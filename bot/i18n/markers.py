"""Marking client-facing texts in code for extraction into the catalogs."""

from __future__ import annotations

from typing import Tuple


def N_(context: str, text: str) -> Tuple[str, str]:  # noqa: N802 - the gettext convention
    """Mark a text for ``lotse messages extract``; returns ``(context, German source)``."""
    return context, text

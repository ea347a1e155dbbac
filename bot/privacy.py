"""Pseudonyms for client identifiers: a keyed hash, never the identifier itself.

>>> pseudonym("web", "abc", key="k") == pseudonym("web", "abc", key="k")
True
>>> pseudonym("web", "abc", key="k") != pseudonym("web", "abd", key="k")
True
>>> pseudonym("web", "abc", key="k").startswith("web-")
True
"""

from __future__ import annotations

import hashlib
import hmac


class MissingPseudonymKey(RuntimeError):
    """No key for pseudonyms was configured (LOTSE_PSEUDONYM_KEY)."""


def pseudonym(channel: str, identifier: str, key: str) -> str:
    """The pseudonymous client reference for ``identifier`` on ``channel``."""
    if not key:
        raise MissingPseudonymKey("set LOTSE_PSEUDONYM_KEY")
    digest = hmac.new(key.encode(), f"{channel}:{identifier}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}-{digest[:32]}"

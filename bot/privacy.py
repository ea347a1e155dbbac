"""Pseudonyms for client identifiers: a keyed hash, never the identifier itself.

>>> pseudonym("web", "abc", key="k") == pseudonym("web", "abc", key="k")
True
>>> pseudonym("web", "abc", key="k") != pseudonym("web", "abd", key="k")
True
>>> pseudonym("web", "abc", key="k").startswith("web-")
True
>>> len(message_key("whatsapp", "wamid.HBgNNDkxNTExMjM0NTY3OBUCABIYFjNFQjA=", key="k"))
64
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


def message_key(channel: str, external_id: str, key: str) -> str:
    """What is stored of a platform's message id (a Telegram update id, a WhatsApp ``wamid``, which
    embeds the client's phone number in base64): a keyed hash, enough to recognise the id again."""
    if not key:
        raise MissingPseudonymKey("set LOTSE_PSEUDONYM_KEY")
    return hmac.new(key.encode(), f"message:{channel}:{external_id}".encode(), hashlib.sha256).hexdigest()

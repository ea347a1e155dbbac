"""Button payloads that fit a platform's limit: long Rasa payloads travel as a short stored digest.

Telegram's ``callback_data`` holds at most 64 bytes and WhatsApp's ids 200 to 256 characters;
Rasa payloads with entities (an appointment slot) can be longer. :func:`encode` keeps a payload
that fits as it is and stores a longer one under ``#<digest>``; :func:`decode` reverses it.
"""

from __future__ import annotations

import hashlib
from typing import Optional

#: Prefix of a stored payload's key (Rasa payloads start with "/").
PREFIX = "#"


def encode(payload: str, max_bytes: int) -> str:
    """``payload`` itself when it fits ``max_bytes`` (UTF-8), else the key of its stored copy."""
    if len(payload.encode()) <= max_bytes and not payload.startswith(PREFIX):
        return payload
    from bot.channels.models import ButtonPayload

    digest = hashlib.sha256(payload.encode()).hexdigest()[:24]
    ButtonPayload.objects.get_or_create(digest=digest, defaults={"payload": payload})
    return PREFIX + digest


def decode(data: str) -> Optional[str]:
    """The payload behind button data from :func:`encode`; None for an unknown key."""
    if not data.startswith(PREFIX):
        return data
    from bot.channels.models import ButtonPayload

    row = ButtonPayload.objects.filter(digest=data[len(PREFIX):]).first()
    return row.payload if row else None

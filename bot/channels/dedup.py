"""Each update once: Telegram update ids and WhatsApp message ids, recorded once handled.

Only a keyed hash of an id is stored (:func:`bot.privacy.message_key`): a WhatsApp message id
embeds the client's phone number. An id is recorded after the replies to its message are stored in
the outbox (:func:`handled`, in the same transaction), so a failure in between (Rasa, the database)
leaves it unrecorded and the platform's redelivery is answered.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Iterator

from django.db import IntegrityError, transaction

from bot import settings
from bot.channels.models import ProcessedUpdate
from bot.privacy import message_key

#: How long processed ids are kept (platforms redeliver within hours, not weeks).
KEEP = timedelta(days=14)


class AlreadyHandled(Exception):
    """The update was handled meanwhile by another worker (its redelivery raced this one)."""


def key(channel: str, external_id: str) -> str:
    """What is stored for ``external_id``."""
    return message_key(channel, external_id, settings.PSEUDONYM_KEY)


def seen(channel: str, external_id: str) -> bool:
    """Whether the update was handled before (a redelivery)."""
    return ProcessedUpdate.objects.filter(channel=channel, external_id=key(channel, external_id)).exists()


@contextmanager
def handled(channel: str, external_id: str) -> Iterator[None]:
    """A transaction that stores the replies (the block) and records the update as handled; raises
    :class:`AlreadyHandled` (and stores nothing) when another worker recorded it meanwhile."""
    try:
        with transaction.atomic():
            yield
            ProcessedUpdate.objects.create(channel=channel, external_id=key(channel, external_id))
    except IntegrityError as error:
        raise AlreadyHandled(channel) from error


def prune(now: datetime | None = None) -> int:
    """Forget processed ids older than :data:`KEEP`; returns how many."""
    cutoff = (now or datetime.now(timezone.utc)) - KEEP
    deleted, _ = ProcessedUpdate.objects.filter(received__lt=cutoff).delete()
    return deleted

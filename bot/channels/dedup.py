"""Each update once: Telegram update_ids and WhatsApp message ids are recorded when first seen."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from django.db import IntegrityError, transaction

from bot.channels.models import ProcessedUpdate

#: How long processed ids are kept (platforms redeliver within hours, not weeks).
KEEP = timedelta(days=14)


def first_time(channel: str, external_id: str) -> bool:
    """Record ``external_id``; False when it was processed before (a redelivery)."""
    try:
        with transaction.atomic():
            ProcessedUpdate.objects.create(channel=channel, external_id=external_id)
    except IntegrityError:
        return False
    return True


def prune(now: datetime | None = None) -> int:
    """Forget processed ids older than :data:`KEEP`; returns how many."""
    cutoff = (now or datetime.now(timezone.utc)) - KEEP
    deleted, _ = ProcessedUpdate.objects.filter(received__lt=cutoff).delete()
    return deleted

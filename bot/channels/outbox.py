"""The durable outbox: every message to a client is stored before sending and marked sent only
when the platform accepted it, so an outage loses nothing.

A channel's sender is a function ``send(row, body) -> external id`` that raises
:class:`TransientSendError` (the row stays pending and is tried again later, with backoff),
:class:`PermanentSendError` (the row is marked failed) or :class:`WindowClosed` (the row waits
for the client to write again). :func:`flush` sends what is due, oldest first; one client's
messages keep their order (a message that could not go out holds back the later ones).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, Dict, List, Optional, Set

from django.db.models import Q, QuerySet

from bot.channels import constants as c
from bot.channels import crypto, dedup
from bot.channels.errors import PermanentSendError, TransientSendError, WindowClosed
from bot.channels.models import OutboxMessage

logger = logging.getLogger(__name__)

#: A channel's sender: hands one outbox message to the platform, returns the platform's message id.
Sender = Callable[[OutboxMessage, Dict], str]
#: How long a flush may hold a message before another flush may try it (a lease against double sends).
LEASE = timedelta(seconds=60)
#: Longest wait between two attempts of one message.
MAX_DELAY = timedelta(hours=1)
#: Sent messages are kept this long (WhatsApp's status callbacks find their reply by them).
KEEP_SENT = timedelta(days=7)


@dataclass
class FlushResult:
    """What one :func:`flush` did."""

    sent: int = 0
    pending: int = 0
    failed: int = 0


def _now() -> datetime:
    return datetime.now(timezone.utc)


def enqueue(channel: str, client_ref: str, body: Dict, ticket_message_id: Optional[int] = None) -> OutboxMessage:
    """Store one message for the client (its body encrypted); it is pending until sent."""
    return OutboxMessage.objects.create(channel=channel, client_ref=client_ref,
                                        body=crypto.encrypt(json.dumps(body, ensure_ascii=False)),
                                        ticket_message_id=ticket_message_id)


def body_of(row: OutboxMessage) -> Dict:
    """The message a row carries."""
    return json.loads(crypto.decrypt(row.body))


def due(channel: str, client_ref: Optional[str] = None, now: Optional[datetime] = None) -> "QuerySet[OutboxMessage]":
    """Pending messages whose next attempt is due, oldest first."""
    rows = OutboxMessage.objects.filter(channel=channel, status=c.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now or _now()))
    return rows.filter(client_ref=client_ref) if client_ref else rows


def pending_count(channel: str) -> int:
    """How many messages of ``channel`` wait to be sent."""
    return OutboxMessage.objects.filter(channel=channel, status=c.PENDING).count()


def _claim(row: OutboxMessage, now: datetime) -> bool:
    """Take the row for this flush (a lease), unless another flush took it meanwhile."""
    return bool(OutboxMessage.objects.filter(pk=row.pk, status=c.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)).update(next_attempt_at=now + LEASE))


def _behind(row: OutboxMessage) -> bool:
    """Whether an earlier message to the same client is still pending (this one must wait for it)."""
    return OutboxMessage.objects.filter(channel=row.channel, client_ref=row.client_ref, status=c.PENDING,
                                        pk__lt=row.pk).exists()


def backoff(attempts: int) -> timedelta:
    """Wait before attempt ``attempts + 1``: 5 s, 10 s, 20 s, … at most an hour.

    >>> backoff(0), backoff(3)
    (datetime.timedelta(seconds=5), datetime.timedelta(seconds=40))
    """
    return min(timedelta(seconds=5 * 2 ** min(attempts, 20)), MAX_DELAY)


def flush(channel: str, send: Sender, client_ref: Optional[str] = None, now: Optional[datetime] = None) -> FlushResult:
    """Send the due messages of ``channel`` (of one client when ``client_ref`` is given)."""
    now = now or _now()
    result = FlushResult()
    held: Set[str] = set()
    rows: List[OutboxMessage] = list(due(channel, client_ref, now).order_by("created", "pk"))
    for row in rows:
        if row.client_ref in held or _behind(row) or not _claim(row, now):
            result.pending += 1
            continue
        try:
            external_id = send(row, body_of(row))
        except WindowClosed:
            OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=None, last_error="WindowClosed")
            held.add(row.client_ref)
            result.pending += 1
        except TransientSendError as error:
            delay = timedelta(seconds=error.retry_after) if error.retry_after else backoff(row.attempts)
            OutboxMessage.objects.filter(pk=row.pk).update(attempts=row.attempts + 1, next_attempt_at=now + delay,
                                                           last_error=type(error).__name__)
            logger.warning("%s message %s stays pending: %s", channel, row.pk, type(error).__name__)
            held.add(row.client_ref)
            result.pending += 1
        except (PermanentSendError, crypto.UndecryptableAddress) as error:
            OutboxMessage.objects.filter(pk=row.pk).update(status=c.FAILED, attempts=row.attempts + 1,
                                                           last_error=type(error).__name__)
            logger.error("%s message %s failed: %s", channel, row.pk, type(error).__name__)
            result.failed += 1
        else:
            OutboxMessage.objects.filter(pk=row.pk).update(status=c.SENT, sent_at=_now(), attempts=row.attempts + 1,
                                                           external_id=dedup.key(channel, external_id) if external_id else "",
                                                           last_error="")
            result.sent += 1
    return result


def prune(now: Optional[datetime] = None) -> int:
    """Delete sent messages older than :data:`KEEP_SENT`; returns how many."""
    deleted, _ = OutboxMessage.objects.filter(status=c.SENT, sent_at__lt=(now or _now()) - KEEP_SENT).delete()
    return deleted

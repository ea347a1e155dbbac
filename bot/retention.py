"""Retention: what is older than the retention period (``LOTSE_RETENTION_DAYS``, default 90) is deleted.

Deleted are conversations whose last message is older, resolved tickets last changed before then
(with transcripts, notes and replies), appointments that ended before then, content gaps
(the editors' redacted unanswered messages) recorded before then, and the channels' data: the
encrypted addresses of clients who last wrote before then with their outbox messages, outbox
messages older than that, processed message ids after two weeks (:data:`bot.channels.dedup.KEEP`),
sent messages after a week, and expired staff sessions. Open tickets and coming appointments are
kept. ``lotse retention`` runs it; ``lotse run`` runs it once a day.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Optional

from bot import conversations

#: Default retention period in days.
DEFAULT_DAYS = 90


def retention_days() -> float:
    """The configured retention period in days."""
    return float(os.environ.get("LOTSE_RETENTION_DAYS") or DEFAULT_DAYS)


@dataclass(frozen=True)
class Deleted:
    """How much one retention run deleted."""

    conversations: int
    tickets: int
    appointments: int
    gaps: int = 0
    channel_rows: int = 0


def delete_expired(days: Optional[float] = None, now: Optional[dt.datetime] = None) -> Deleted:
    """Delete everything older than ``days`` (default: the configured period) as of ``now``."""
    from django.db import transaction

    from bot.content import gaps
    from bot.directory.models import Appointment
    from bot.handover.constants import RESOLVED
    from bot.handover.models import Ticket

    days = retention_days() if days is None else days
    now = now or dt.datetime.now(dt.timezone.utc)
    cutoff = now - dt.timedelta(days=days)
    with transaction.atomic():
        tickets = Ticket.objects.filter(status=RESOLVED, updated__lt=cutoff)
        ticket_count = tickets.count()
        tickets.delete()
        appointments = Appointment.objects.filter(end__lt=cutoff)
        appointment_count = appointments.count()
        appointments.delete()
        gap_count = gaps.delete_older_than(cutoff)
        channel_count = delete_channel_data(cutoff, now)
    return Deleted(conversations.delete_older_than(days, now=now.timestamp()), ticket_count, appointment_count,
                   gap_count, channel_count)


def delete_channel_data(cutoff: dt.datetime, now: dt.datetime) -> int:
    """Delete the channels' rows older than ``cutoff`` (and the short-lived ones by their own limits),
    and expired sessions; returns how many rows."""
    from django.contrib.sessions.models import Session

    from bot.channels import dedup, outbox, recipients
    from bot.channels.models import OutboxMessage, Recipient

    count = 0
    for ref in Recipient.objects.filter(last_inbound_at__lt=cutoff).values_list("client_ref", flat=True):
        count += recipients.forget(ref)
    old_messages, _ = OutboxMessage.objects.filter(created__lt=cutoff).delete()
    sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
    return count + old_messages + sessions + dedup.prune(now) + outbox.prune(now)

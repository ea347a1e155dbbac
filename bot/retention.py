"""Retention: what is older than the retention period (``LOTSE_RETENTION_DAYS``, default 90) is deleted.

Deleted are conversations whose last message is older, resolved tickets last changed before then
(with transcripts, notes and replies), appointments that ended before then, and content gaps
(the editors' redacted unanswered messages) recorded before then. Open tickets and
coming appointments are kept. ``lotse retention`` runs it; ``lotse run`` runs it once a day.
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
    return Deleted(conversations.delete_older_than(days, now=now.timestamp()), ticket_count, appointment_count,
                   gap_count)

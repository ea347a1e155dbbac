"""Inbox view tests: the handover tests' databases, users and tickets (tests/handover/conftest.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Optional

from django.utils import timezone

from tests.directory.conftest import committed_db, db, directory_db  # noqa: F401 - the shared database fixtures
from tests.handover.conftest import fake_rasa  # noqa: F401 - Rasa's HTTP API on loopback


def shaped(ticket, *, created: Optional[datetime] = None, reply_by: Any = "keep",  # type: ignore[no-untyped-def]
           first_response: Optional[datetime] = None, resolved_at: Optional[datetime] = None,
           status: Optional[str] = None, **fields: Any):
    """Give a ticket the times (and fields) a test needs (``created`` is set on insert otherwise)."""
    from bot.handover.models import Ticket

    values = dict(fields)
    if created is not None:
        values["created"] = created
    if reply_by != "keep":
        values["reply_by"] = reply_by
    if first_response is not None:
        values["first_response"] = first_response
    if resolved_at is not None:
        values["resolved_at"] = resolved_at
    if status is not None:
        values["status"] = status
    Ticket.objects.filter(pk=ticket.pk).update(**values)
    return Ticket.objects.get(pk=ticket.pk)


def hours(n: float) -> datetime:
    """``n`` hours from now (negative: ago)."""
    return timezone.now() + timedelta(hours=n)

"""What integration managers do with a ticket: claim, assign, change status, note, reply; each audited.

The callers (the inbox views) have checked that the user may see the ticket (see :mod:`scoping`).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from bot.directory.models import IntegrationManager
from bot.handover import constants as c
from bot.handover.models import AuditEntry, Ticket, TicketMessage, TicketNote
from bot.handover.outbound import send

#: A user's views of a ticket within this time count as one (reloads are not new audit lines).
VIEW_WINDOW = timedelta(minutes=5)


class NotAManager(Exception):
    """The user has no integration manager of their own (e.g. a coordinator) and cannot claim."""


def record(ticket: Ticket, user, action: str, detail: str = "") -> None:  # type: ignore[no-untyped-def]
    """Add an audit entry (``detail`` must never hold client text)."""
    AuditEntry.objects.create(ticket=ticket, user=user if user.is_authenticated else None, action=action,
                              detail=detail[:200])


def record_view(ticket: Ticket, user) -> bool:  # type: ignore[no-untyped-def]
    """Audit that the user viewed the ticket, unless they did within :data:`VIEW_WINDOW`; True when recorded."""
    since = timezone.now() - VIEW_WINDOW
    if user.is_authenticated and AuditEntry.objects.filter(ticket=ticket, user=user, action=c.VIEWED,
                                                           at__gte=since).exists():
        return False
    record(ticket, user, c.VIEWED)
    return True


def _started(ticket: Ticket) -> None:
    if ticket.status == c.NEW:
        ticket.status = c.IN_PROGRESS


def claim(ticket: Ticket, user) -> None:  # type: ignore[no-untyped-def]
    """Take the ticket as one's own."""
    manager = getattr(getattr(user, "inbox_user", None), "manager", None)
    if manager is None:
        raise NotAManager(user.pk)
    with transaction.atomic():
        ticket.assignee = manager
        _started(ticket)
        ticket.save(update_fields=["assignee", "status", "updated"])
        record(ticket, user, c.CLAIMED, manager.name)


def assign(ticket: Ticket, manager: IntegrationManager, user) -> None:  # type: ignore[no-untyped-def]
    """Give the ticket to a colleague (the form has checked the district)."""
    with transaction.atomic():
        ticket.assignee = manager
        ticket.save(update_fields=["assignee", "updated"])
        record(ticket, user, c.ASSIGNED, manager.name)


def set_status(ticket: Ticket, status: str, user) -> None:  # type: ignore[no-untyped-def]
    """Change the ticket's status."""
    with transaction.atomic():
        old = ticket.status
        ticket.status = status
        if status != old:
            ticket.resolved_at = timezone.now() if status == c.RESOLVED else None
        ticket.save(update_fields=["status", "resolved_at", "updated"])
        record(ticket, user, c.STATUS_CHANGED, f"{c.STATUSES[old]} → {c.STATUSES[status]}")


def add_note(ticket: Ticket, text: str, user) -> TicketNote:  # type: ignore[no-untyped-def]
    """Add an internal note."""
    with transaction.atomic():
        note = TicketNote.objects.create(ticket=ticket, author=user, text=text)
        record(ticket, user, c.NOTE_ADDED)
    return note


def reply(ticket: Ticket, text: str, user) -> TicketMessage:  # type: ignore[no-untyped-def]
    """Queue a reply (committed first, so it is never lost) and try to deliver it at once."""
    with transaction.atomic():
        message = TicketMessage.objects.create(ticket=ticket, author=user, text=text, language=ticket.language)
        ticket.first_response = ticket.first_response or timezone.now()
        _started(ticket)
        ticket.save(update_fields=["first_response", "status", "updated"])
        record(ticket, user, c.REPLIED)
    send(message)
    message.refresh_from_db()
    return message

"""The handover API for the Rasa actions: synchronous functions returning plain dataclasses.

Call them from async code through a thread (``asyncio.to_thread``). Every function raises
:class:`HandoverUnavailable` when the database cannot be read or written, so an action can answer
cleanly. A ticket is committed before :func:`open_ticket` returns: once the client is told about
it, it exists. Times are aware datetimes in Europe/Berlin.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

from django.db import IntegrityError, transaction

from bot.directory.errors import UnknownManager
from bot.directory.models import IntegrationManager
from bot.handover import constants as c
from bot.handover.assignment import choose
from bot.handover.errors import HandoverUnavailable, guarded
from bot.handover.models import ClientBinding, Ticket
from bot.handover.reply_time import Window, expected_reply_by
from bot.handover.summary import build_summary, faq_titles, render
from bot.handover.times import iso_time
from bot.handover.types import TicketInfo

__all__ = ["HandoverUnavailable", "TicketInfo", "UnknownManager", "bind_client", "delete_client_data",
           "open_ticket", "open_tickets_of"]


def _now() -> datetime:
    return datetime.now(timezone.utc)


def new_reference() -> str:
    """A random short reference such as ``T-7K3Q`` (not checked for uniqueness).

    >>> ref = new_reference(); ref.startswith("T-") and len(ref) == 2 + c.REFERENCE_LENGTH
    True
    """
    return "T-" + "".join(secrets.choice(c.REFERENCE_ALPHABET) for _ in range(c.REFERENCE_LENGTH))


def clean_transcript(transcript: List[Dict[str, Any]]) -> List[Dict[str, str]]:
    """The transcript reduced to ``{sender, text, time}`` lines; other senders and keys are dropped.

    Times become ISO 8601 in UTC, whether they came as ISO text or as Rasa's epoch seconds.

    >>> lines = [{"sender": "client", "text": "Hallo", "time": 1764943981.601339, "id": 7},
    ...          {"sender": "system", "text": "x"}, {"sender": "bot", "text": "Hi", "time": None}]
    >>> for line in clean_transcript(lines):
    ...     print(line)
    {'sender': 'client', 'text': 'Hallo', 'time': '2025-12-05T14:13:01+00:00'}
    {'sender': 'bot', 'text': 'Hi', 'time': ''}
    """
    return [{"sender": line["sender"], "text": str(line.get("text", "")), "time": iso_time(line.get("time"))}
            for line in transcript if isinstance(line, dict) and line.get("sender") in c.SENDERS]


def ticket_info(ticket: Ticket, now: Optional[datetime] = None) -> TicketInfo:
    """The plain description of a ticket, with the time the client can expect an answer."""
    windows = ([Window(a.weekday, a.start, a.end) for a in ticket.assignee.availability.all()]
               if ticket.assignee else [])
    return TicketInfo(id=ticket.pk, reference=ticket.reference,
                      manager_name=ticket.assignee.name if ticket.assignee else None,
                      district=ticket.district.name if ticket.district else None, urgent=ticket.urgent,
                      expected_reply_by=expected_reply_by(windows, now or _now(), ticket.urgent))


def _create(fields: Dict[str, Any]) -> Ticket:
    """Insert the ticket under a fresh reference (a clash, however unlikely, draws a new one)."""
    for _ in range(10):
        reference = new_reference()
        if Ticket.objects.filter(reference=reference).exists():
            continue
        try:
            with transaction.atomic():
                return Ticket.objects.create(reference=reference, **fields)
        except IntegrityError:
            continue  # a concurrent ticket took the reference a moment earlier
    raise IntegrityError("no free ticket reference")


@guarded
def open_ticket(client_ref: str, channel: str, language: str, municipality: Optional[str], intent: str,
                entities: Dict[str, Any], urgency: str, asked: List[str], answered: List[str],
                transcript: Optional[List[Dict[str, Any]]], *, now: Optional[datetime] = None) -> TicketInfo:
    """Write a ticket for the client and return it, committed; the assignee is notified by e-mail.

    ``asked`` and ``answered`` are the intents and response names of the conversation so far (they
    make the German summary). ``transcript`` ([{sender: client|bot, text, time}]) is passed only
    when the client consented; None stores no transcript. The assignee is told by e-mail, and on
    Telegram when they linked their chat (:func:`bot.handover.notify.announce_new_ticket`).
    """
    if channel not in c.CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    if urgency not in c.URGENCIES:
        raise ValueError(f"unknown urgency {urgency!r}")
    from bot.handover.notify import announce_new_ticket, notify_new_ticket

    titles = faq_titles(answered)
    with transaction.atomic():
        where = choose(client_ref, municipality, language)
        place = (where.place_name, where.place_district or "nicht im Verzeichnis") if where.place_name else None
        summary = build_summary(intent, entities, language, asked, answered, place, urgency == c.URGENT,
                                consent=transcript is not None, titles=titles)
        ticket = _create({
            "client_ref": client_ref, "channel": channel, "language": language, "municipality": where.municipality,
            "municipality_name": where.place_name, "district": where.district, "intent": intent,
            "entities": dict(entities), "urgency": urgency, "summary": summary, "summary_text": render(summary),
            "consent": transcript is not None,
            "transcript": clean_transcript(transcript) if transcript is not None else None,
            "assignee": where.manager,
        })
        info = ticket_info(ticket, now)
        Ticket.objects.filter(pk=ticket.pk).update(reply_by=info.expected_reply_by)
        # Named callables, not partials: Django logs a failing robust callback by its __qualname__.
        transaction.on_commit(lambda pk=ticket.pk: notify_new_ticket(pk), robust=True)
        transaction.on_commit(lambda pk=ticket.pk: announce_new_ticket(pk), robust=True)
    return info


@guarded
def open_tickets_of(client_ref: str, now: Optional[datetime] = None) -> List[TicketInfo]:
    """The client's tickets that are not resolved, newest first."""
    rows = (Ticket.objects.filter(client_ref=client_ref, status__in=c.OPEN_STATUSES)
            .select_related("assignee", "district").prefetch_related("assignee__availability"))
    return [ticket_info(t, now) for t in rows]


@guarded
def bind_client(client_ref: str, manager_id: int) -> None:
    """Bind the client to an active manager: their next tickets go to that manager.

    Raises :class:`UnknownManager` when no active manager has this id.
    """
    if not IntegrationManager.objects.filter(pk=manager_id, active=True).exists():
        raise UnknownManager(manager_id)
    ClientBinding.objects.update_or_create(client_ref=client_ref, defaults={"manager_id": manager_id})


@guarded
def delete_client_data(client_ref: str) -> int:
    """Delete the client's tickets (with transcripts, notes and replies) and binding; returns the tickets deleted."""
    with transaction.atomic():
        count = Ticket.objects.filter(client_ref=client_ref).count()
        Ticket.objects.filter(client_ref=client_ref).delete()
        ClientBinding.objects.filter(client_ref=client_ref).delete()
    return count

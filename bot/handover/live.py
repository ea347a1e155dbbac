"""Live conversation: the integration manager writes with the client directly while the bot is silent.

Starting pauses the client's conversation in Rasa (``{"event": "pause"}`` appended to the tracker:
Rasa's ConversationPaused, after which Rasa stores the client's messages but does not answer),
then marks the ticket live and tells the client in their language. Ending posts
``{"event": "resume"}``, clears the mark and tells the client the bot is back. The ticket is only
marked when Rasa accepted the event, so a Rasa outage changes nothing. The client can end it
themselves with the bot-back command (:func:`ended_by_client`, called by the relay).

The callers (the inbox views) have checked that the user may see the ticket (see :mod:`scoping`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Tuple

import requests
from django.db import DatabaseError, transaction
from django.utils import timezone as django_timezone

from bot import settings
from bot.handover import constants as c
from bot.handover.errors import DeliveryFailed, LiveChatNotPossible, LiveChatUnavailable, guarded
from bot.handover.models import AuditEntry, Ticket
from bot.handover.outbound import deliver, tracker_url
from bot.handover.times import local_datetime
from bot.handover.workflow import record
from bot.i18n.markers import N_

logger = logging.getLogger(__name__)

#: Rasa's events (rasa.shared.core.events.ConversationPaused / ConversationResumed).
PAUSE = "pause"
RESUME = "resume"
#: What the client is told, in their language.
STARTED = N_("handover|live_started", "Sie schreiben jetzt direkt mit {manager} aus Ihrem Integrationsmanagement. "
                                      "Der Chatbot macht so lange Pause. Wenn Sie zurück zum Chatbot möchten, "
                                      "schreiben Sie „{command}“.")
STARTED_TEAM = N_("handover|live_started_team", "Sie schreiben jetzt direkt mit Ihrem Integrationsmanagement. "
                                                "Der Chatbot macht so lange Pause. Wenn Sie zurück zum Chatbot "
                                                "möchten, schreiben Sie „{command}“.")
ENDED = N_("handover|live_ended", "Das Gespräch mit Ihrem Integrationsmanagement ist beendet. Ab jetzt antwortet "
                                  "Ihnen wieder der Chatbot Lotse.")
#: Audit detail when the client took the bot back (never client text).
BY_CLIENT = "durch die Person (Befehl)"


@dataclass(frozen=True)
class LiveLine:
    """One message of the live conversation, for the inbox: from the client or a manager's reply."""

    sender: str  #: ``client`` or ``manager``
    text: str
    time: datetime
    language: str = ""

    def to_dict(self) -> Dict[str, Any]:
        """JSON for the inbox's polling (``shown``: the time as the page shows it, e.g. "Sa 5.12. 14:03")."""
        return {"sender": self.sender, "text": self.text, "time": self.time.isoformat(), "language": self.language,
                "shown": local_datetime(self.time)}


def send_event(client_ref: str, name: str) -> None:
    """Append ``{"event": name}`` to the client's Rasa tracker; raises :class:`LiveChatUnavailable`."""
    try:
        response = requests.post(tracker_url(client_ref, "/events"), json={"event": name},
                                 timeout=settings.RASA_TIMEOUT)
    except requests.RequestException as error:
        raise LiveChatUnavailable(f"{name}: Rasa unreachable ({type(error).__name__})") from error
    if response.status_code >= 400:
        raise LiveChatUnavailable(f"{name}: Rasa answered HTTP {response.status_code}")


def read_tracker(client_ref: str) -> Dict[str, Any]:
    """The client's tracker from Rasa (``paused``, ``events``, …); raises :class:`LiveChatUnavailable`."""
    try:
        response = requests.get(tracker_url(client_ref), timeout=settings.RASA_TIMEOUT)
        response.raise_for_status()
        body = response.json()
    except (requests.RequestException, ValueError) as error:
        raise LiveChatUnavailable(f"tracker: {type(error).__name__}") from error
    return body if isinstance(body, dict) else {}


def start(ticket: Ticket, user, manager_name: Optional[str] = None) -> bool:  # type: ignore[no-untyped-def]
    """Pause the bot for the ticket's client and mark the ticket live; True when the client was told."""
    if ticket.channel not in c.CHANNELS:
        raise LiveChatNotPossible(ticket.channel)
    send_event(ticket.client_ref, PAUSE)
    try:
        with transaction.atomic():
            ticket.live_since = django_timezone.now()
            if ticket.status == c.NEW:
                ticket.status = c.IN_PROGRESS
            ticket.save(update_fields=["live_since", "status", "updated"])
            record(ticket, user, c.LIVE_STARTED)
    except DatabaseError:
        ticket.live_since = None
        _undo(ticket.client_ref)
        raise
    text, values = (STARTED, {"manager": manager_name}) if manager_name else (STARTED_TEAM, {})
    return _tell(ticket, text, command=_command_word(ticket.language), **values)


def end(ticket: Ticket, user) -> bool:  # type: ignore[no-untyped-def]
    """Resume the bot for the ticket's client and clear the mark; True when the client was told."""
    send_event(ticket.client_ref, RESUME)
    with transaction.atomic():
        ticket.live_since = None
        ticket.save(update_fields=["live_since", "updated"])
        record(ticket, user, c.LIVE_ENDED)
    return _tell(ticket, ENDED)


@guarded
def ended_by_client(client_ref: str) -> int:
    """Clear the live mark of the client's tickets after they took the bot back; returns how many."""
    with transaction.atomic():
        tickets = list(Ticket.objects.select_for_update().filter(client_ref=client_ref, live_since__isnull=False))
        for ticket in tickets:
            ticket.live_since = None
            ticket.save(update_fields=["live_since", "updated"])
            AuditEntry.objects.create(ticket=ticket, user=None, action=c.LIVE_ENDED, detail=BY_CLIENT)
    return len(tickets)


def messages(ticket: Ticket) -> List[LiveLine]:
    """The live conversation: the client's messages after the pause and the replies since, oldest first.

    Only what the client wrote after the (latest) pause event is shown: earlier messages belong
    to the transcript, which needs consent. Raises :class:`LiveChatUnavailable`.
    """
    if not ticket.is_live:
        return []
    lines = [LiveLine("client", text, time, ticket.language) for text, time in client_messages(read_tracker(
        ticket.client_ref).get("events") or [])]
    lines += [LiveLine("manager", m.text, m.created, m.language)
              for m in ticket.messages.filter(created__gte=ticket.live_since)]
    return sorted(lines, key=lambda line: line.time)


def client_messages(events: List[Dict[str, Any]]) -> List[Tuple[str, datetime]]:
    """The texts and times of the user events after the last pause event (none without a pause).

    >>> client_messages([{"event": "user", "text": "vorher", "timestamp": 1.0}, {"event": "pause", "timestamp": 2.0},
    ...                  {"event": "user", "text": "danach", "timestamp": 3.0}])
    [('danach', datetime.datetime(1970, 1, 1, 0, 0, 3, tzinfo=datetime.timezone.utc))]
    """
    pauses = [index for index, event in enumerate(events) if event.get("event") == PAUSE]
    if not pauses:
        return []
    return [(str(event.get("text") or ""), datetime.fromtimestamp(float(event.get("timestamp") or 0), timezone.utc))
            for event in events[pauses[-1] + 1:] if event.get("event") == "user"]


def _undo(client_ref: str) -> None:
    """Resume after the ticket could not be marked, so Rasa and the ticket agree again."""
    try:
        send_event(client_ref, RESUME)
    except LiveChatUnavailable as error:
        logger.error("pause not undone: %s", error)


def _tell(ticket: Ticket, text: Tuple[str, str], **values: Any) -> bool:
    """Deliver a localized notice to the ticket's client; False (logged) when it could not go out."""
    from bot.nlg.renderer import fill, translated

    rendered = translated(ticket.language, *text)
    try:
        deliver(ticket, fill(rendered, values, ticket.language) if values else rendered)
    except DeliveryFailed as error:
        logger.warning("live notice for %s not delivered: %s", ticket.reference, type(error).__name__)
        return False
    return True


def _command_word(language: str) -> str:
    from bot.channels.commands import bot_back_word

    return bot_back_word(language)

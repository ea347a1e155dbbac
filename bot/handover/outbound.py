"""The outbound port: managers' replies reach the client on the ticket's channel.

Each channel registers an adapter with :func:`register`; :func:`deliver` dispatches by
``ticket.channel``. The web chat's adapter appends a ``bot`` event to the client's Rasa tracker
(Rasa's HTTP API, token auth), which the chat page polls. :func:`send` records the outcome on the
:class:`TicketMessage`: a reply that could not be delivered stays ``queued`` (never lost) and
:func:`retry_queued` (``lotse handover retry``) sends it again. Telegram and WhatsApp adapters plug
in with ``@register("telegram")``.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import quote

import requests

from bot import settings
from bot.handover import constants as c
from bot.handover.errors import DeliveryFailed, UnknownChannel
from bot.handover.models import Ticket, TicketMessage

logger = logging.getLogger(__name__)

#: An adapter hands ``text`` to the client of ``ticket``; raises DeliveryFailed when it cannot.
Adapter = Callable[[Ticket, str, Optional[int]], None]
#: Adapters by channel name.
ADAPTERS: Dict[str, Adapter] = {}
#: Seconds to wait for a channel's API.
TIMEOUT = 10.0


def register(channel: str) -> Callable[[Adapter], Adapter]:
    """Decorator: make ``adapter`` the one delivering replies on ``channel``."""
    def decorate(adapter: Adapter) -> Adapter:
        ADAPTERS[channel] = adapter
        return adapter
    return decorate


def deliver(ticket: Ticket, text: str, message_id: Optional[int] = None) -> None:
    """Hand ``text`` to the ticket's client on their channel; raises :class:`DeliveryFailed`."""
    adapter = ADAPTERS.get(ticket.channel)
    if adapter is None:
        raise UnknownChannel(f"no outbound adapter for channel {ticket.channel!r}")
    adapter(ticket, text, message_id)


def send(message: TicketMessage) -> bool:
    """Deliver a queued reply and record the outcome; True when it was sent."""
    now = datetime.now(timezone.utc)
    try:
        deliver(message.ticket, message.text, message.pk)
    except DeliveryFailed as error:
        TicketMessage.objects.filter(pk=message.pk).update(attempts=message.attempts + 1,
                                                           last_error=type(error).__name__)
        logger.warning("reply %s of %s stays queued: %s", message.pk, message.ticket.reference, error)
        return False
    TicketMessage.objects.filter(pk=message.pk, status=c.QUEUED).update(
        status=c.SENT, sent_at=now, attempts=message.attempts + 1, last_error="")
    logger.info("reply %s of %s sent on %s", message.pk, message.ticket.reference, message.ticket.channel)
    return True


def retry_queued() -> Tuple[int, int]:
    """Send every queued reply again, oldest first; returns (sent, still queued)."""
    sent = failed = 0
    for message in TicketMessage.objects.filter(status=c.QUEUED).select_related("ticket").order_by("created"):
        if send(message):
            sent += 1
        else:
            failed += 1
    return sent, failed


def mark_delivered(message_ids: List[int]) -> int:
    """Mark sent replies as delivered (the client's channel showed them); returns how many changed."""
    return TicketMessage.objects.filter(pk__in=message_ids, status=c.SENT).update(status=c.DELIVERED)


def tracker_url(conversation_id: str, suffix: str = "") -> str:
    """Rasa's tracker endpoint of a conversation (``suffix`` "/events" appends), token from ``LOTSE_RASA_TOKEN``."""
    token = os.environ.get("LOTSE_RASA_TOKEN", "")
    return (f"{settings.RASA_URL}/conversations/{quote(conversation_id, safe='')}/tracker{suffix}"
            f"?token={quote(token, safe='')}")


@register(c.WEB)
def deliver_to_web_chat(ticket: Ticket, text: str, message_id: Optional[int] = None) -> None:
    """Append the reply as a bot utterance to the client's Rasa tracker; the chat page polls for it."""
    event: Dict[str, Any] = {"event": "bot", "text": text, "timestamp": datetime.now(timezone.utc).timestamp(),
                             "metadata": {"from_manager": True, "ticket": ticket.reference, "message_id": message_id}}
    try:
        response = requests.post(tracker_url(ticket.client_ref, "/events"), json=event, timeout=TIMEOUT)
    except requests.RequestException as error:
        raise DeliveryFailed(f"Rasa unreachable: {type(error).__name__}") from error
    if response.status_code >= 400:
        raise DeliveryFailed(f"Rasa answered HTTP {response.status_code}")

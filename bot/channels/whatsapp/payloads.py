"""WhatsApp webhook payloads (Cloud API, ``field: messages``) read into inbound messages and statuses.

Nothing here trusts the shape: anything that is not the documented structure is skipped.

>>> data = {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages",
...   "value": {"messaging_product": "whatsapp", "messages": [{"from": "4915100000000", "id": "wamid.A",
...   "timestamp": "1700000000", "type": "text", "text": {"body": "Hallo"}}]}}]}]}
>>> messages, statuses = parse(data)
>>> messages[0].inbound.kind, messages[0].inbound.text, statuses
('text', 'Hallo', [])
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterator, List, Optional, Tuple

from bot.channels import constants as c
from bot.channels.inbound import Inbound

#: Delivery statuses WhatsApp reports.
STATUSES = ("sent", "delivered", "read", "failed")
#: Message types answered as media, by WhatsApp's type name.
MEDIA_KINDS = {"audio": c.VOICE, "voice": c.VOICE, "image": c.PHOTO, "document": c.DOCUMENT, "sticker": c.STICKER,
               "video": c.VIDEO, "contacts": c.CONTACT}
#: Types that need no answer: a reaction to a message, system notices.
IGNORED = ("reaction", "system", "ephemeral")


@dataclass(frozen=True)
class StatusUpdate:
    """A delivery status callback: the WhatsApp message id and its new status."""

    message_id: str
    status: str


@dataclass(frozen=True)
class Received:
    """An inbound message, when the client sent it (opens the 24-hour window) and to which business
    number (``metadata.phone_number_id`` of the notification)."""

    inbound: Inbound
    sent_at: datetime
    phone_number_id: str = ""


def _dicts(value: Any) -> Iterator[dict]:
    return (item for item in value if isinstance(item, dict)) if isinstance(value, list) else iter(())


#: A WhatsApp sender: the phone number's digits (wa_id), as the Cloud API sends it.
MAX_NUMBER_DIGITS = 20


def _values(data: Any) -> Iterator[dict]:
    if not isinstance(data, dict):
        return
    for entry in _dicts(data.get("entry")):
        for change in _dicts(entry.get("changes")):
            if isinstance(change.get("value"), dict):
                yield change["value"]


def parse(data: Any) -> Tuple[List[Received], List[StatusUpdate]]:
    """The inbound messages and status updates of one webhook payload."""
    messages: List[Received] = []
    statuses: List[StatusUpdate] = []
    for value in _values(data):
        metadata = value.get("metadata") if isinstance(value.get("metadata"), dict) else {}
        number_id = _str(metadata.get("phone_number_id"))
        for message in _dicts(value.get("messages")):
            received = received_from(message)
            if received is not None:
                messages.append(Received(received.inbound, received.sent_at, number_id))
        for status in _dicts(value.get("statuses")):
            if isinstance(status.get("id"), str) and status.get("status") in STATUSES:
                statuses.append(StatusUpdate(status["id"], status["status"]))
    return messages, statuses


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _float(value: Any) -> Optional[float]:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def received_from(message: dict) -> Optional[Received]:
    """One inbound message; None when it has no sender or id, or needs no answer."""
    sender, message_id, kind = _str(message.get("from")), _str(message.get("id")), _str(message.get("type"))
    if not (sender.isascii() and sender.isdigit() and len(sender) <= MAX_NUMBER_DIGITS) or not message_id \
            or len(message_id) > 500 or kind in IGNORED:
        return None
    base = {"channel": c.WHATSAPP, "address": sender, "external_id": message_id}
    if kind == "text":
        inbound = Inbound(kind=c.TEXT, text=_str((message.get("text") or {}).get("body")
                                                 if isinstance(message.get("text"), dict) else None), **base)
    elif kind == "interactive" and isinstance(message.get("interactive"), dict):
        reply = message["interactive"].get("button_reply") or message["interactive"].get("list_reply")
        payload = _str(reply.get("id")) if isinstance(reply, dict) else ""
        inbound = Inbound(kind=c.BUTTON if payload else c.OTHER, text=payload, **base)
    elif kind == "button" and isinstance(message.get("button"), dict):  # a template's quick reply
        inbound = Inbound(kind=c.TEXT, text=_str(message["button"].get("text")), **base)
    elif kind == "location" and isinstance(message.get("location"), dict):
        location = message["location"]
        inbound = Inbound(kind=c.LOCATION, latitude=_float(location.get("latitude")),
                          longitude=_float(location.get("longitude")), **base)
    else:
        inbound = Inbound(kind=MEDIA_KINDS.get(kind, c.OTHER), **base)
    return Received(inbound, sent_time(message.get("timestamp")))


def sent_time(timestamp: Any) -> datetime:
    """The message's Unix timestamp as a time (never in the future); now when missing or invalid."""
    now = datetime.now(timezone.utc)
    seconds = _float(timestamp)
    if seconds is None or not 0 < seconds < 4e9:
        return now
    return min(datetime.fromtimestamp(seconds, timezone.utc), now)

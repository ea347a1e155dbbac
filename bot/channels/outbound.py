"""Integration managers' replies on Telegram and WhatsApp: the adapters of ``bot.handover.outbound``.

A reply is queued in the channel outbox once per :class:`TicketMessage` (a retry by ``lotse
handover retry`` flushes the same rows, it never sends twice) with a localized "from your
integration management" line, then sent. When it did not go out, :class:`DeliveryFailed` keeps
the TicketMessage queued. On WhatsApp outside the 24-hour window it goes out as the template.
:func:`push` sends any text to a client on their channel the same way (e.g. a reminder).
"""

from __future__ import annotations

from typing import List, Optional

import httpx

from bot.channels import config, outbox, recipients, texts
from bot.channels import constants as c
from bot.channels.inbound import Reply
from bot.channels.models import OutboxMessage
from bot.handover.errors import DeliveryFailed, UnknownChannel
from bot.handover.models import Ticket
from bot.handover.outbound import register


def _rows(ticket: Ticket, text: str, message_id: Optional[int]) -> List[OutboxMessage]:
    """The outbox rows of this reply: the earlier ones on a retry, else new ones."""
    if recipients.find(ticket.client_ref) is None:
        raise DeliveryFailed(f"no {ticket.channel} recipient for ticket {ticket.reference}")
    if message_id is not None:
        existing = list(OutboxMessage.objects.filter(ticket_message_id=message_id))
        if existing:
            return existing
    reply = [Reply(f"{texts.say(ticket.language, texts.FROM_MANAGER)}\n\n{text}")]
    if ticket.channel == c.TELEGRAM:
        from bot.channels.telegram import sender as telegram_sender

        return telegram_sender.queue(ticket.client_ref, reply, message_id)
    from bot.channels.whatsapp import sender as whatsapp_sender

    return whatsapp_sender.queue(ticket.client_ref, reply, ticket.language, message_id)


def _check_sent(rows: List[OutboxMessage], reference: str) -> None:
    states = set(OutboxMessage.objects.filter(pk__in=[r.pk for r in rows]).values_list("status", flat=True))
    if states != {c.SENT}:
        raise DeliveryFailed(f"reply to {reference} not accepted yet ({', '.join(sorted(states))})")


@register(c.TELEGRAM)
def deliver_to_telegram(ticket: Ticket, text: str, message_id: Optional[int] = None) -> None:
    """Send the reply to the client's Telegram chat; raises DeliveryFailed to keep it queued."""
    from bot.channels.telegram import sender
    from bot.channels.telegram.client import TelegramClient

    settings = config.telegram()
    if settings is None:
        raise UnknownChannel("Telegram is not configured (TELEGRAM_BOT_TOKEN)")
    rows = _rows(ticket, text, message_id)
    with TelegramClient(settings) as client:
        sender.flush(client, ticket.client_ref)
    _check_sent(rows, ticket.reference)


@register(c.WHATSAPP)
def deliver_to_whatsapp(ticket: Ticket, text: str, message_id: Optional[int] = None) -> None:
    """Send the reply on WhatsApp (as the template outside the 24-hour window); raises DeliveryFailed."""
    from bot.channels.whatsapp import sender

    settings = config.whatsapp()
    if settings is None:
        raise UnknownChannel("WhatsApp is not configured (WHATSAPP_TOKEN)")
    rows = _rows(ticket, text, message_id)
    with httpx.Client() as http:
        sender.flush(http, settings, ticket.client_ref)
    _check_sent(rows, ticket.reference)


def push(client_ref: str, text: str, language: str) -> outbox.FlushResult:
    """Queue ``text`` for a client on their channel and try to send it now (e.g. a reminder)."""
    recipient = recipients.find(client_ref)
    if recipient is None:
        return outbox.FlushResult()
    if recipient.channel == c.TELEGRAM:
        from bot.channels.telegram import sender as telegram_sender
        from bot.channels.telegram.client import TelegramClient

        telegram_sender.queue(client_ref, [Reply(text)])
        settings = config.telegram()
        if settings is None:
            return outbox.FlushResult(pending=1)
        with TelegramClient(settings) as client:
            return telegram_sender.flush(client, client_ref)
    from bot.channels.whatsapp import sender as whatsapp_sender

    whatsapp_sender.queue(client_ref, [Reply(text)], language)
    whatsapp_settings = config.whatsapp()
    if whatsapp_settings is None:
        return outbox.FlushResult(pending=1)
    with httpx.Client() as http:
        return whatsapp_sender.flush(http, whatsapp_settings, client_ref)

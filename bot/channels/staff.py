"""New tickets announced to integration managers on Telegram, through the bot's own Telegram channel.

Opt-in per manager: the inbox page "Benachrichtigungen" shows the manager a link code; they send
``/start <code>`` to the Lotse bot on Telegram and that chat is linked
(:class:`bot.handover.models.TelegramSubscription`). The code works like the client codes of
:mod:`bot.channels.codes` (the manager id and an HMAC of it), with its own prefix and purpose,
so it cannot be made up for another manager and never binds a client.

An announcement carries the ticket number, its urgency and the inbox link: no client data. It
goes through the channel's durable outbox (retried by the poll loop and ``lotse channels flush``).
"""

from __future__ import annotations

import hmac
import logging
import re
from typing import Optional

from bot.channels import config
from bot.channels.crypto import sign
from bot.channels.inbound import Reply
from bot.directory.models import IntegrationManager
from bot.handover import constants as hc
from bot.handover.models import TelegramSubscription, Ticket
from bot.handover.notify import announcer, managers_to_tell, ticket_url

logger = logging.getLogger(__name__)

_CODE = re.compile(r"^n([1-9][0-9]{0,9})_([0-9a-f]{10})$")
#: What the manager's chat is told (German: staff only).
LINKED = ("Lotse: Dieser Chat ist jetzt mit dem Posteingang von {name} verbunden. Neue Tickets werden hier "
          "angekündigt – nur mit Ticketnummer, Dringlichkeit und Link, ohne Daten der Personen. Ausschalten "
          "können Sie das im Posteingang unter „Benachrichtigungen“.")
ANNOUNCEMENT = "Lotse: neues Ticket {reference}\nDringlichkeit: {urgency}\n{url}"


def link_code(manager_id: int) -> str:
    """The code that links a Telegram chat to manager ``manager_id``'s announcements.

    >>> import os; os.environ.setdefault("LOTSE_SECRET_KEY", "doctest")  # doctest: +ELLIPSIS
    '...'
    >>> manager_of(link_code(7)), manager_of("m7_0000000000"), manager_of(link_code(7).replace("n7", "n8"))
    (7, None, None)
    """
    return f"n{manager_id}_{sign(f'notify:{manager_id}')}"


def manager_of(code: str) -> Optional[int]:
    """The manager id of a valid link code; None for anything else (a client's code, a typo)."""
    match = _CODE.match(code.strip())
    if not match:
        return None
    manager_id = int(match.group(1))
    return manager_id if hmac.compare_digest(match.group(2), sign(f"notify:{manager_id}")) else None


def link(client_ref: str, code: str) -> Optional[Reply]:
    """Link the chat ``client_ref`` to the code's manager; the confirmation, or None when the code is not one.

    Called for ``/start <code>`` before anything else; None lets the message go its usual way.
    """
    manager_id = manager_of(code)
    manager = IntegrationManager.objects.filter(pk=manager_id, active=True).first() if manager_id else None
    if manager is None:
        return None
    TelegramSubscription.objects.update_or_create(manager=manager, defaults={"client_ref": client_ref})
    logger.info("telegram announcements linked for manager %s", manager.pk)
    return Reply(LINKED.format(name=manager.name))


def announcement(ticket: Ticket) -> str:
    """The text of a new ticket's announcement: number, urgency, link (nothing about the client)."""
    return ANNOUNCEMENT.format(reference=ticket.reference, urgency=hc.URGENCIES[ticket.urgency],
                               url=ticket_url(ticket))


@announcer
def announce(ticket: Ticket) -> int:
    """Queue the announcement for every linked manager concerned and send it; returns how many were queued.

    Queued also where this process has no Telegram token (e.g. the action server without it): the
    channel's poll loop, or ``lotse channels flush``, sends what the outbox holds.
    """
    # Imported here, as in bot.channels.outbound: python-telegram-bot loads only when Telegram is used.
    from bot.channels.telegram import sender
    from bot.channels.telegram.client import TelegramClient

    ids = [m.pk for m in managers_to_tell(ticket)]
    chats = list(TelegramSubscription.objects.filter(manager_id__in=ids).values_list("client_ref", flat=True))
    if not chats:
        return 0
    for chat in chats:
        sender.queue(chat, [Reply(announcement(ticket))])
    settings = config.telegram()
    if settings is None:
        logger.info("telegram announcement of %s queued for %d chat(s); no TELEGRAM_BOT_TOKEN here to send it",
                    ticket.reference, len(chats))
        return len(chats)
    with TelegramClient(settings) as client:
        sent = sum(sender.flush(client, chat).sent for chat in chats)
    logger.info("telegram announcement of %s: %d of %d chat(s) sent now", ticket.reference, sent, len(chats))
    return len(chats)

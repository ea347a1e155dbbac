"""Telegram replies: split to 4,096 characters, buttons as inline keyboards, sent via the outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Dict, List, Optional

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.channels import buttons as payloads
from bot.channels import constants as c
from bot.channels import outbox, recipients
from bot.channels.errors import PermanentSendError
from bot.channels.inbound import Reply
from bot.channels.models import OutboxMessage
from bot.channels.splitting import split
from bot.channels.telegram.client import TelegramClient

#: Buttons with titles up to this length go two per row.
SHORT_TITLE = 16
#: Text of a message that only carries buttons (Telegram needs a text).
BUTTONS_ONLY_TEXT = "…"


def queue(client_ref: str, replies: List[Reply], ticket_message_id: Optional[int] = None) -> List[OutboxMessage]:
    """Store the replies in the outbox, long texts split; a reply's buttons go with its last part."""
    rows = []
    for reply in replies:
        parts = split(reply.text, c.TELEGRAM_MAX_TEXT) if reply.text.strip() else [BUTTONS_ONLY_TEXT]
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            body = {"text": part, "buttons": Reply("", reply.buttons).to_dict()["buttons"] if last else []}
            rows.append(outbox.enqueue(c.TELEGRAM, client_ref, body, ticket_message_id))
    return rows


def keyboard(buttons: List[Dict[str, str]]) -> Optional[InlineKeyboardMarkup]:
    """An inline keyboard: two buttons per row when all titles are short, else one."""
    if not buttons:
        return None
    keys = [InlineKeyboardButton(b["title"][:64] or "…", callback_data=payloads.encode(b["payload"],
                                                                                  c.TELEGRAM_MAX_CALLBACK_DATA))
            for b in buttons]
    width = 2 if all(len(b["title"]) <= SHORT_TITLE for b in buttons) else 1
    return InlineKeyboardMarkup([keys[i:i + width] for i in range(0, len(keys), width)])


def sender_for(client: TelegramClient) -> outbox.Sender:
    """The outbox sender that hands a message to Telegram (sendMessage)."""
    def send(row: OutboxMessage, body: Dict) -> str:
        recipient = recipients.find(row.client_ref)
        if recipient is None:
            raise PermanentSendError("NoRecipient")
        try:
            chat_id = int(recipients.address_of(recipient))
        except ValueError as error:  # not a chat id (never stored since updates.inbound_from checks it)
            raise PermanentSendError("BadAddress") from error
        message = client.call(client.bot.send_message, chat_id=chat_id,
                              text=body["text"], reply_markup=keyboard(body.get("buttons") or []))
        return str(message.message_id)
    return send


def flush(client: TelegramClient, client_ref: Optional[str] = None,
          now: Optional[datetime] = None) -> outbox.FlushResult:
    """Send the due Telegram messages (of one client, or all)."""
    return outbox.flush(c.TELEGRAM, sender_for(client), client_ref, now)

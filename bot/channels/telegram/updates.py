"""Telegram updates: parsed with PTB, turned into :class:`Inbound`, handled once each.

:func:`handle_update` is the same for long polling and the webhook: skip an update handled before,
answer a callback query, remember the (encrypted) chat id, ask the channel-neutral conversation,
queue the replies in the outbox and record the update as handled (one transaction), then send them.
After "delete my data" the chat id, the outbox and the client's pending messages are erased once the
confirmation has gone out.

Only private chats are answered: in a group, every member would share one client (the chat id), and
see each other's appointments and tickets; group updates get no answer at all.
"""

from __future__ import annotations

import logging
import math
from dataclasses import replace
from typing import Any, Optional

from telegram import Message, Update

from bot.channels import buttons, dedup, recipients
from bot.channels import constants as c
from bot.channels.conversation import respond
from bot.channels.errors import ChannelError
from bot.channels.inbound import Inbound
from bot.channels.telegram import sender
from bot.channels.telegram.client import TelegramClient

logger = logging.getLogger(__name__)

#: The update types Lotse asks Telegram for.
ALLOWED_UPDATES = ["message", "callback_query"]
#: The only chat type Lotse answers.
PRIVATE = "private"


def parse(data: Any) -> Optional[Update]:
    """An Update from Telegram's JSON, or None when it is not one."""
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        return None
    try:
        return Update.de_json(data, None)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError, RecursionError):
        return None


def inbound_from(update: Update) -> Optional[Inbound]:
    """What the client sent in ``update``; None for updates Lotse does not answer (edits, joins, …)."""
    update_id = str(update.update_id)
    query = update.callback_query
    if query is not None:
        chat = query.message.chat if query.message is not None else None
        if chat is None or not _private(chat) or not isinstance(query.data, (str, type(None))):
            return None
        return Inbound(c.TELEGRAM, str(chat.id), c.BUTTON, update_id, text=query.data or "",
                       language_code=_language(query.from_user), callback_id=str(query.id))
    message = update.message
    if message is None or not _private(message.chat):
        return None
    if not isinstance(message.text, (str, type(None))) or not isinstance(message.caption, (str, type(None))):
        return None
    base = {"channel": c.TELEGRAM, "address": str(message.chat.id), "external_id": update_id,
            "language_code": _language(message.from_user)}
    if message.text:
        if message.text.startswith("/"):
            command, _, argument = message.text[1:].partition(" ")
            return Inbound(kind=c.COMMAND, command=command.split("@")[0].lower(), text=argument.strip(), **base)
        return Inbound(kind=c.TEXT, text=message.text, **base)
    if message.location is not None:
        if not (_number(message.location.latitude) and _number(message.location.longitude)):
            return None  # not a location Telegram sends (coordinates are numbers)
        return Inbound(kind=c.LOCATION, latitude=message.location.latitude, longitude=message.location.longitude,
                       **base)
    return Inbound(kind=media_kind(message), text=message.caption or "", **base)


def _private(chat: Any) -> bool:
    """Whether ``chat`` is a private chat with a whole-number id (the address replies go to)."""
    chat_id = getattr(chat, "id", None)
    return (chat is not None and chat.type == PRIVATE and isinstance(chat_id, int)
            and not isinstance(chat_id, bool))


def _number(value: Any) -> bool:
    """Whether ``value`` is a finite real number (not a bool, a string or NaN)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _language(user: Any) -> str:
    """The sender's app language (a hint), or "" when missing or not a string."""
    code = getattr(user, "language_code", None)
    return code if isinstance(code, str) else ""


def media_kind(message: Message) -> str:
    """The kind of a message without text: voice, photo, document, sticker, video, contact or other."""
    if message.voice or message.audio or message.video_note:
        return c.VOICE
    if message.photo:
        return c.PHOTO
    if message.sticker:
        return c.STICKER
    if message.video or message.animation:
        return c.VIDEO
    if message.document:
        return c.DOCUMENT
    if message.contact:
        return c.CONTACT
    return c.OTHER


def handle_update(client: TelegramClient, update: Update) -> bool:
    """Answer one update (once); True when it was processed now, False for a repeat or an ignored type."""
    inbound = inbound_from(update)
    if inbound is None or dedup.seen(c.TELEGRAM, inbound.external_id):
        return False
    if inbound.callback_id:
        answer_callback(client, inbound.callback_id)
    if inbound.kind == c.BUTTON:
        inbound = replace(inbound, text=buttons.decode(inbound.text) or "")
    client_ref = recipients.remember(c.TELEGRAM, inbound.address, inbound.language_code)
    replies = respond(inbound, client_ref)
    try:
        with dedup.handled(c.TELEGRAM, inbound.external_id):
            sender.queue(client_ref, replies)
    except dedup.AlreadyHandled:
        return False
    sender.flush(client, client_ref)
    if replies.erased:
        recipients.forget(client_ref)
    return True


def answer_callback(client: TelegramClient, callback_id: str) -> None:
    """Stop the button's loading spinner (answerCallbackQuery); a failure only costs the spinner."""
    try:
        client.call(client.bot.answer_callback_query, callback_query_id=callback_id)
    except ChannelError as error:
        logger.warning("callback query not answered: %s", type(error).__name__)

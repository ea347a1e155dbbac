"""Names defined once: channels, outbox statuses, message kinds, limits."""

from __future__ import annotations

from typing import Final

from bot.handover.constants import TELEGRAM, WHATSAPP

__all__ = ["TELEGRAM", "WHATSAPP"]

#: Outbox statuses.
PENDING: Final = "pending"
SENT: Final = "sent"
FAILED: Final = "failed"
OUTBOX_STATUSES: Final = {PENDING: "Wartet", SENT: "Gesendet", FAILED: "Fehlgeschlagen"}

#: What an inbound message is, whatever the channel.
TEXT: Final = "text"
BUTTON: Final = "button"          # a button or list choice: the payload goes to Rasa
COMMAND: Final = "command"        # a Telegram /command
LOCATION: Final = "location"
VOICE: Final = "voice"
PHOTO: Final = "photo"
DOCUMENT: Final = "document"
STICKER: Final = "sticker"
VIDEO: Final = "video"
CONTACT: Final = "contact"
OTHER: Final = "other"
KINDS: Final = (TEXT, BUTTON, COMMAND, LOCATION, VOICE, PHOTO, DOCUMENT, STICKER, VIDEO, CONTACT, OTHER)

#: Telegram's longest message text.
TELEGRAM_MAX_TEXT: Final = 4096
#: Telegram's longest callback_data, in bytes.
TELEGRAM_MAX_CALLBACK_DATA: Final = 64
#: WhatsApp's longest text message body and interactive message body.
WHATSAPP_MAX_TEXT: Final = 4096
WHATSAPP_MAX_INTERACTIVE_BODY: Final = 1024
#: WhatsApp reply buttons: at most 3, titles at most 20 characters, ids at most 256.
WHATSAPP_MAX_BUTTONS: Final = 3
WHATSAPP_MAX_BUTTON_TITLE: Final = 20
WHATSAPP_MAX_BUTTON_ID: Final = 256
#: WhatsApp lists: at most 10 rows, row titles at most 24 characters, ids at most 200, button 20.
WHATSAPP_MAX_ROWS: Final = 10
WHATSAPP_MAX_ROW_TITLE: Final = 24
WHATSAPP_MAX_ROW_DESCRIPTION: Final = 72
WHATSAPP_MAX_ROW_ID: Final = 200
#: WhatsApp's customer service window, in hours.
WHATSAPP_WINDOW_HOURS: Final = 24

"""WhatsApp replies: text, reply buttons (at most 3) or a list (at most 10 rows), or a template
outside the 24-hour window; sent with httpx to the Cloud API through the outbox.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Dict, List, Optional

import httpx

from bot.channels import buttons as payloads
from bot.channels import constants as c
from bot.channels import outbox, recipients, texts
from bot.channels.config import WhatsAppConfig
from bot.channels.errors import PermanentSendError, TransientSendError, WindowClosed
from bot.channels.inbound import Reply
from bot.channels.models import OutboxMessage
from bot.channels.splitting import split
from bot.channels.whatsapp import window
from bot.languages import registry

logger = logging.getLogger(__name__)
logging.getLogger("httpx").setLevel(logging.WARNING)

#: Graph API error codes that mean "later": rate limits and temporary failures.
TRANSIENT_CODES = {1, 2, 4, 17, 80007, 130429, 131000, 131016, 131048, 131056, 133004}
#: Graph API error code: the 24-hour window is closed (re-engagement message).
WINDOW_CLOSED_CODE = 131047
#: Seconds to wait for the Graph API.
TIMEOUT = 10.0
#: Text of a message that only carries buttons.
BUTTONS_ONLY_TEXT = "…"


def queue(client_ref: str, replies: List[Reply], language: Optional[str] = None,
          ticket_message_id: Optional[int] = None) -> List[OutboxMessage]:
    """Store the replies in the outbox; long texts split, a reply's buttons with its last part."""
    rows = []
    for reply in replies:
        parts = split(reply.text, c.WHATSAPP_MAX_TEXT) if reply.text.strip() else [BUTTONS_ONLY_TEXT]
        if reply.buttons and len(parts[-1]) > c.WHATSAPP_MAX_INTERACTIVE_BODY:
            parts = parts[:-1] + split(parts[-1], c.WHATSAPP_MAX_INTERACTIVE_BODY)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            body = {"text": part, "buttons": Reply("", reply.buttons).to_dict()["buttons"] if last else [],
                    "language": language or ""}
            rows.append(outbox.enqueue(c.WHATSAPP, client_ref, body, ticket_message_id))
    return rows


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis.

    >>> shorten("Mit einem Menschen sprechen", 20)
    'Mit einem Menschen…'
    >>> shorten("A2", 20)
    'A2'
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def interactive(body: Dict[str, Any], language: str) -> Dict[str, Any]:
    """The interactive object for a message with buttons: reply buttons when there are at most 3
    and their titles fit 20 characters, else a list (at most 10 rows; a cut title is shown whole
    in the row's description)."""
    buttons = body["buttons"]
    text = body["text"][:c.WHATSAPP_MAX_INTERACTIVE_BODY]
    titles = [" ".join(b["title"].split()) or "…" for b in buttons]
    if len(buttons) <= c.WHATSAPP_MAX_BUTTONS and all(len(t) <= c.WHATSAPP_MAX_BUTTON_TITLE for t in titles) \
            and len(set(titles)) == len(titles):
        return {"type": "button", "body": {"text": text}, "action": {"buttons": [
            {"type": "reply", "reply": {"id": payloads.encode(b["payload"], c.WHATSAPP_MAX_BUTTON_ID), "title": t}}
            for b, t in zip(buttons, titles)]}}
    if len(buttons) > c.WHATSAPP_MAX_ROWS:
        logger.warning("whatsapp list: %d buttons, showing the first %d", len(buttons), c.WHATSAPP_MAX_ROWS)
    rows = []
    for b, title in list(zip(buttons, titles))[:c.WHATSAPP_MAX_ROWS]:
        row = {"id": payloads.encode(b["payload"], c.WHATSAPP_MAX_ROW_ID), "title": shorten(title, c.WHATSAPP_MAX_ROW_TITLE)}
        if row["title"] != title:
            row["description"] = shorten(title, c.WHATSAPP_MAX_ROW_DESCRIPTION)
        rows.append(row)
    label = shorten(texts.say(language, texts.LIST_BUTTON), c.WHATSAPP_MAX_BUTTON_TITLE)
    return {"type": "list", "body": {"text": text}, "action": {"button": label, "sections": [{"rows": rows}]}}


def message(to: str, body: Dict[str, Any], language: str) -> Dict[str, Any]:
    """The Cloud API request body of a free-form message (text or interactive)."""
    request: Dict[str, Any] = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to}
    if body.get("buttons"):
        return {**request, "type": "interactive", "interactive": interactive(body, language)}
    return {**request, "type": "text", "text": {"body": body["text"], "preview_url": False}}


def template(to: str, text: str, name: str, language: str) -> Dict[str, Any]:
    """The request body of the template that carries ``text`` outside the 24-hour window."""
    return {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": "template",
            "template": {"name": name, "language": {"code": window.template_language(language)},
                         "components": [{"type": "body", "parameters": [
                             {"type": "text", "text": window.template_parameter(text)}]}]}}


def post(http: httpx.Client, config: WhatsAppConfig, request: Dict[str, Any]) -> str:
    """Send one request body; returns the wamid. Raises the outbox's errors by the Graph API's answer."""
    try:
        response = http.post(config.messages_url, json=request, timeout=TIMEOUT,
                             headers={"Authorization": f"Bearer {config.token}"})
    except httpx.HTTPError as error:
        raise TransientSendError(type(error).__name__) from error
    try:
        data = response.json()
    except ValueError:
        data = {}
    if response.status_code == 200:
        messages = data.get("messages") if isinstance(data, dict) else None
        if isinstance(messages, list) and messages and isinstance(messages[0], dict):
            return str(messages[0].get("id") or "")
        return ""
    error = data.get("error") if isinstance(data, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    if code == WINDOW_CLOSED_CODE:
        raise WindowClosed("re-engagement required")
    if response.status_code >= 500 or response.status_code in (401, 429) or code in TRANSIENT_CODES:
        raise TransientSendError(f"GraphError{code or response.status_code}")
    raise PermanentSendError(f"GraphError{code or response.status_code}")


def sender_for(http: httpx.Client, config: WhatsAppConfig) -> outbox.Sender:
    """The outbox sender: free-form inside the window, the template outside it (or wait without one)."""
    def send(row: OutboxMessage, body: Dict[str, Any]) -> str:
        recipient = recipients.find(row.client_ref)
        if recipient is None:
            raise PermanentSendError("NoRecipient")
        to = recipients.address_of(recipient)
        language = registry().resolve(body.get("language") or None, registry().default)
        if window.is_open(recipient):
            try:
                return post(http, config, message(to, body, language))
            except WindowClosed:
                if not config.template_name:
                    raise
        elif not config.template_name:
            raise WindowClosed("no template configured")
        return post(http, config, template(to, body["text"], config.template_name, language))
    return send


def flush(http: httpx.Client, config: WhatsAppConfig, client_ref: Optional[str] = None,
          now: Optional[datetime] = None) -> outbox.FlushResult:
    """Send the due WhatsApp messages (of one client, or all)."""
    return outbox.flush(c.WHATSAPP, sender_for(http, config), client_ref, now)

"""Channel tests: the directory tests' databases (SQLite, and PostgreSQL when configured) and
loopback fakes of Telegram's Bot API, WhatsApp's Graph API and Rasa (see ``fakes.py``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any, Dict, Iterator, List

import pytest

from tests.channels.fakes import FakeRasa, FakeTelegram, FakeWhatsApp
from tests.directory.conftest import committed_db, db, directory_db  # noqa: F401 - the shared database fixtures

#: A Telegram chat id and a WhatsApp number used throughout (fictitious).
CHAT_ID = 987654321
PHONE = "4915112345678"
WEBHOOK_SECRET = "telegram-webhook-secret_1"
APP_SECRET = "whatsapp-app-secret"
VERIFY_TOKEN = "whatsapp-verify-token"


@pytest.fixture()
def fake_rasa(monkeypatch) -> Iterator[FakeRasa]:
    """Rasa's REST channel and tracker API on loopback (an echo bot by default)."""
    from bot import settings

    server = FakeRasa()
    monkeypatch.setattr(settings, "RASA_URL", server.url)
    monkeypatch.setenv("LOTSE_RASA_TOKEN", "test-token")
    yield server
    server.stop()


@pytest.fixture()
def no_waiting(monkeypatch) -> List[float]:
    """Retries do not wait; the waits they asked for are recorded."""
    from bot.channels.telegram import client

    waits: List[float] = []
    monkeypatch.setattr(client, "pause", waits.append)
    monkeypatch.setattr(client, "MIN_INTERVAL", 0.0)
    return waits


@pytest.fixture()
def fake_telegram(monkeypatch, no_waiting) -> Iterator[FakeTelegram]:
    """Telegram's Bot API on loopback; the channel is configured for long polling."""
    server = FakeTelegram()
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", FakeTelegram.TOKEN)
    monkeypatch.setenv("TELEGRAM_API_URL", server.api_url)
    monkeypatch.delenv("TELEGRAM_WEBHOOK_URL", raising=False)
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)
    yield server
    server.stop()


@pytest.fixture()
def telegram_webhook(monkeypatch, fake_telegram) -> FakeTelegram:
    """The Telegram channel in webhook mode."""
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://lotse.example.org/channels/telegram/webhook")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", WEBHOOK_SECRET)
    return fake_telegram


@pytest.fixture()
def fake_whatsapp(monkeypatch) -> Iterator[FakeWhatsApp]:
    """WhatsApp's Graph API on loopback; the channel is configured (no template unless a test sets one)."""
    server = FakeWhatsApp()
    monkeypatch.setenv("WHATSAPP_TOKEN", FakeWhatsApp.TOKEN)
    monkeypatch.setenv("WHATSAPP_PHONE_NUMBER_ID", FakeWhatsApp.PHONE_NUMBER_ID)
    monkeypatch.setenv("WHATSAPP_APP_SECRET", APP_SECRET)
    monkeypatch.setenv("WHATSAPP_VERIFY_TOKEN", VERIFY_TOKEN)
    monkeypatch.setenv("WHATSAPP_API_URL", server.api_url)
    monkeypatch.delenv("WHATSAPP_TEMPLATE_NAME", raising=False)
    yield server
    server.stop()


def web_client():  # type: ignore[no-untyped-def]
    """A django.test.Client: real requests through the URLconf and middleware (CSRF checks on)."""
    from django.test import Client

    return Client(SERVER_NAME="localhost", enforce_csrf_checks=True)


# --- Telegram updates, shaped as in the Bot API documentation -------------------------------------------------

def tg_user(language_code: str = "uk") -> Dict[str, Any]:
    """The sender of a message."""
    return {"id": CHAT_ID, "is_bot": False, "first_name": "Olena", "language_code": language_code}


def tg_message(update_id: int, language_code: str = "uk", **content: Any) -> Dict[str, Any]:
    """An update with a private message; ``content`` is e.g. ``text="Hallo"`` or ``voice={…}``."""
    return {"update_id": update_id, "message": {
        "message_id": update_id + 1000, "date": 1700000000, "from": tg_user(language_code),
        "chat": {"id": CHAT_ID, "type": "private", "first_name": "Olena"}, **content}}


def tg_callback(update_id: int, data: str) -> Dict[str, Any]:
    """An update with a callback query from an inline keyboard button."""
    return {"update_id": update_id, "callback_query": {
        "id": f"cbq-{update_id}", "from": tg_user(), "chat_instance": "-4242", "data": data,
        "message": {"message_id": 5, "date": 1700000000, "chat": {"id": CHAT_ID, "type": "private"},
                    "from": {"id": 123456, "is_bot": True, "first_name": "Lotse"}, "text": "Frage"}}}


def post_telegram(update: Any, secret: str = WEBHOOK_SECRET, raw: bytes = b""):  # type: ignore[no-untyped-def]
    """POST an update to the Telegram webhook with the given secret token header."""
    headers = {"HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN": secret} if secret else {}
    return web_client().post("/channels/telegram/webhook", data=raw or json.dumps(update),
                             content_type="application/json", **headers)


# --- WhatsApp webhook payloads, shaped as in the Cloud API documentation --------------------------------------

def wa_payload(messages: List[Dict[str, Any]] = (), statuses: List[Dict[str, Any]] = ()) -> Dict[str, Any]:
    """A ``whatsapp_business_account`` notification with messages and/or statuses."""
    value: Dict[str, Any] = {"messaging_product": "whatsapp",
                             "metadata": {"display_phone_number": "15550001111",
                                          "phone_number_id": FakeWhatsApp.PHONE_NUMBER_ID}}
    if messages:
        value["contacts"] = [{"profile": {"name": "Olena"}, "wa_id": PHONE}]
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = list(statuses)
    return {"object": "whatsapp_business_account",
            "entry": [{"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}]}


def wa_message(message_id: str, kind: str = "text", **content: Any) -> Dict[str, Any]:
    """One inbound message; ``content`` is the type's object, e.g. ``text={"body": "Hallo"}``."""
    import time

    return {"from": PHONE, "id": message_id, "timestamp": str(int(time.time())), "type": kind, **content}


def wa_status(message_id: str, status: str) -> Dict[str, Any]:
    """A delivery status callback."""
    import time

    return {"id": message_id, "status": status, "timestamp": str(int(time.time())), "recipient_id": PHONE,
            "pricing": {"billable": True, "pricing_model": "PMP", "category": "service"}}


def post_whatsapp(payload: Any, secret: str = APP_SECRET, raw: bytes = b"", signature: str = ""):  # type: ignore[no-untyped-def]
    """POST a notification to the WhatsApp webhook, signed with ``secret`` (or the given signature)."""
    body = raw or json.dumps(payload).encode()
    signature = signature or "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return web_client().post("/channels/whatsapp/webhook", data=body, content_type="application/json",
                             HTTP_X_HUB_SIGNATURE_256=signature)


def client_ref(channel: str, address: Any) -> str:
    """The pseudonym the channel uses for ``address``."""
    from bot.channels.recipients import client_ref as ref

    return ref(channel, str(address))

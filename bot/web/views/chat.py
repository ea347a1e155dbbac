"""The web chat: a page to try Lotse in the browser, and its message API.

The API relays messages to Rasa's REST channel over HTTP on loopback. The
client's browser session gets a random identifier; Rasa only sees its pseudonym.
"""

from __future__ import annotations

import json
import logging
import secrets
from typing import Any, Dict, List, Optional

import requests
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie
from django.db import DatabaseError
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bot import settings
from bot.channels.assistant import relay
from bot.channels.conversation import typed_command
from bot.languages import registry
from bot.privacy import pseudonym
from bot.web.ui_texts import ui_texts

logger = logging.getLogger(__name__)

CHANNEL = "web"
#: Longest message the chat accepts, as on Telegram.
MAX_MESSAGE_LENGTH = 4096
_SESSION_KEY = "lotse_client"


def browser_language(request: HttpRequest) -> Optional[str]:
    """The first supported language of the browser's Accept-Language header."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for part in header.split(","):
        code = part.split(";")[0].strip().split("-")[0].lower()
        if code in registry():
            return code
    return None


def page_language(request: HttpRequest) -> str:
    """The chat page's interface language: ``?lang=``, else the browser's, else the default."""
    return registry().resolve(request.GET.get("lang"), browser_language(request), registry().default)


def client_reference(request: HttpRequest) -> str:
    """The pseudonymous sender id of this browser session (created on first use)."""
    if _SESSION_KEY not in request.session:
        request.session[_SESSION_KEY] = secrets.token_hex(16)
    return pseudonym(CHANNEL, request.session[_SESSION_KEY], settings.PSEUDONYM_KEY)


@require_GET
@ensure_csrf_cookie
def chat_page(request: HttpRequest) -> HttpResponse:
    """The web chat page."""
    language = registry()[page_language(request)]
    return render(request, "web/chat.html", {
        "language": language, "texts": ui_texts(language.code), "languages": list(registry()),
    })


def _error(language: str, key: str, status: int) -> JsonResponse:
    return JsonResponse({"error": key, "message": ui_texts(language)[key]}, status=status)


@require_POST
def send_message(request: HttpRequest) -> JsonResponse:
    """Relay one client message to Rasa; answer the bot's messages."""
    language = page_language(request)
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        body = None
    text = body.get("text") if isinstance(body, dict) else None
    if not isinstance(text, str) or not text.strip():
        return _error(language, "empty", 400)
    if len(text) > MAX_MESSAGE_LENGTH:
        return _error(language, "too_long", 400)
    try:
        message = typed_command(text) or text.strip()  # /human as on Telegram
        messages = relay(client_reference(request), message, browser_language(request))
    except requests.RequestException as error:
        logger.error("assistant unreachable: %s", type(error).__name__)
        return _error(language, "unavailable", 503)
    return JsonResponse({"messages": messages})


@require_http_methods(["GET", "POST"])
def messages_endpoint(request: HttpRequest) -> JsonResponse:
    """``POST``: relay a client message; ``GET ?after=``: the integration manager's replies since then."""
    if request.method == "GET":
        return manager_messages(request)
    return send_message(request)


@require_GET
def manager_messages(request: HttpRequest) -> JsonResponse:
    """Messages that arrived on their own (manager replies, reminders) newer than ``?after=`` (Unix time)."""
    try:
        after = float(request.GET.get("after") or 0)
    except ValueError:
        return JsonResponse({"error": "after"}, status=400)
    if _SESSION_KEY not in request.session:  # no conversation yet: nothing to ask Rasa for
        return JsonResponse({"messages": [], "latest": after})
    language = page_language(request)
    try:
        events = tracker_events(client_reference(request))
    except requests.RequestException as error:
        logger.warning("assistant unreachable while polling: %s", type(error).__name__)
        return _error(language, "unavailable", 503)
    label = ui_texts(language)["from_manager"]
    replies = [e for e in events if e.get("event") == "bot" and is_pushed(e.get("metadata") or {})
               and float(e.get("timestamp") or 0) > after]
    _mark_delivered([e["metadata"].get("message_id") for e in replies if e["metadata"].get("from_manager")])
    return JsonResponse({
        "messages": [{"text": e.get("text") or "", "time": e.get("timestamp"),
                      "label": label if e["metadata"].get("from_manager") else ""} for e in replies],
        "latest": max([after] + [float(e.get("timestamp") or 0) for e in replies]),
    })


#: Bot messages that arrive without a client message (Rasa's reminders), shown by the polling.
PUSHED_RESPONSES = frozenset({"utter_appointment_reminder"})


def is_pushed(metadata: Dict[str, Any]) -> bool:
    """Whether a bot event reached the conversation on its own: a manager's reply or a reminder."""
    return bool(metadata.get("from_manager")) or metadata.get("utter_action") in PUSHED_RESPONSES


def tracker_events(sender: str) -> List[Dict[str, Any]]:
    """The events of the client's conversation, from Rasa's HTTP API."""
    from bot.handover.outbound import tracker_url

    response = requests.get(tracker_url(sender), timeout=settings.RASA_TIMEOUT)
    response.raise_for_status()
    return list(response.json().get("events") or [])


def _mark_delivered(message_ids: List[Any]) -> None:
    from bot.handover.outbound import mark_delivered

    ids = [i for i in message_ids if isinstance(i, int)]
    if not ids:
        return
    try:
        mark_delivered(ids)
    except DatabaseError as error:  # the reply was shown; its delivery status can stay "sent"
        logger.warning("delivery status not recorded: %s", type(error).__name__)

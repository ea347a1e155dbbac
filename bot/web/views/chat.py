"""The web chat: the page, and its message API.

- ``POST chat/api/messages`` relays one client message (``{"text": "…"}``) to Rasa's REST channel and
  answers the bot's messages;
- ``GET chat/api/messages?after=`` answers what reached the conversation on its own since then
  (an integration manager's replies, reminders); the page asks every few seconds;
- ``GET chat/api/history`` answers the conversation so far, for a reloaded page;
- ``POST chat/api/end`` forgets this browser's conversation (shared computers in a shelter).

Every answer is JSON, errors too (``{"error": key, "message": text in the page's language}``), and
none is cached. The browser gets a random identifier in Django's signed session cookie, which ends
with the browser session; Rasa only sees its pseudonym. Messages are rate-limited per session and
per client address (:mod:`bot.web.rate_limit`).
"""

from __future__ import annotations

import functools
import json
import logging
import math
import secrets
from typing import Any, Callable, Dict, List, Optional

import requests
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie
from django.views.decorators.http import require_GET

from bot import settings
from bot.channels.assistant import relay
from bot.channels.conversation import typed_command
from bot.languages import registry
from bot.privacy import pseudonym
from bot.web import chat_history, rate_limit
from bot.web.chat_history import PUSHED_RESPONSES, is_pushed  # noqa: F401 - where other modules found them
from bot.web.ui_texts import PAGE_SCRIPT_TEXTS, ui_texts

logger = logging.getLogger(__name__)

CHANNEL = "web"
#: Longest message the chat accepts, as on Telegram.
MAX_MESSAGE_LENGTH = 4096
#: Largest request body the message API reads: 4096 characters fit even with every one escaped.
MAX_BODY_BYTES = 64 * 1024
#: The example questions the start page offers as buttons (keys of :data:`bot.web.ui_texts.UI`).
EXAMPLES = ("example_course", "example_hours", "example_appointment")
_SESSION_KEY = "lotse_client"


class BadRequest(Exception):
    """A request the chat API does not take: ``key`` names the client-facing text, ``status`` the HTTP status."""

    def __init__(self, key: str, status: int = 400) -> None:
        super().__init__(key)
        self.key = key
        self.status = status


def browser_language(request: HttpRequest) -> Optional[str]:
    """The first supported language of the browser's Accept-Language header."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for part in header.split(","):
        code = part.split(";")[0].strip().split("-")[0].lower()
        if code in registry():
            return code
    return None


def language_hint(request: HttpRequest) -> Optional[str]:
    """The language the client chose on the page (``?lang=``), else the browser's: a hint for Rasa's NLU."""
    chosen = request.GET.get("lang")
    return chosen if chosen in registry() else browser_language(request)


def page_language(request: HttpRequest) -> str:
    """The chat page's interface language: ``?lang=``, else the browser's, else the default."""
    return registry().resolve(request.GET.get("lang"), browser_language(request), registry().default)


def client_id(request: HttpRequest) -> str:
    """This browser's random chat identifier, created on first use; its cookie ends with the browser session."""
    if _SESSION_KEY not in request.session:
        request.session[_SESSION_KEY] = secrets.token_hex(16)
        request.session.set_expiry(0)
        request.session.save()  # now: a database failure is answered before the message is relayed
    if not request.session.get_expire_at_browser_close():
        request.session.set_expiry(0)
    return str(request.session[_SESSION_KEY])


def client_reference(request: HttpRequest) -> str:
    """The pseudonymous sender id of this browser session (created on first use)."""
    return pseudonym(CHANNEL, client_id(request), settings.PSEUDONYM_KEY)


def forget(request: HttpRequest) -> None:
    """Drop this browser's chat identifier: its next message starts a new conversation."""
    request.session.pop(_SESSION_KEY, None)


def _error(language: str, key: str, status: int) -> JsonResponse:
    return JsonResponse({"error": key, "message": ui_texts(language)[key]}, status=status)


#: Django's CSRF check, run by the API views themselves so that a refusal is JSON too.
_CSRF = CsrfViewMiddleware(lambda request: HttpResponse())


def json_methods(*methods: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Like Django's ``require_http_methods`` with its CSRF check, but a refusal (405, 403) is JSON as
    well, since the page reads every answer as JSON, and so is a database failure (503: the browser's
    chat identity lives in the database session); no answer is cached (a shared computer)."""
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                response = _error(page_language(request), "invalid", 405)
                response["Allow"] = ", ".join(methods)
                return response
            try:
                refused = _CSRF.process_view(request, None, (), {})
            except RequestDataTooBig:  # a form body larger than Django reads
                return _error(page_language(request), "too_long", 413)
            if refused is not None:
                return _error(page_language(request), "invalid", 403)
            try:
                return view(request, *args, **kwargs)
            except DatabaseError as error:  # the session store (the bot's database) cannot be read
                logger.error("chat database unavailable: %s", type(error).__name__)
                request.session.modified = False  # nothing to save (it would fail again)
                return _error(page_language(request), "unavailable", 503)
        return csrf_exempt(never_cache(wrapped))
    return decorator


def shows_sample_data() -> bool:
    """Whether the page says the directory is invented sample data (demo mode, or a sample district loaded)."""
    from bot.directory.models import District

    if settings.DEMO:
        return True
    try:
        return District.objects.filter(sample_data=True).exists()
    except DatabaseError as error:  # the page works without the directory; the chat says so itself
        logger.warning("sample data unknown: %s", type(error).__name__)
        return False


@require_GET
@ensure_csrf_cookie
def chat_page(request: HttpRequest) -> HttpResponse:
    """The web chat page (its script and styles are static files: no inline code, for the CSP)."""
    language = registry()[page_language(request)]
    texts = ui_texts(language.code)
    script = {
        "texts": {key: texts[key] for key in PAGE_SCRIPT_TEXTS},
        "urls": {"messages": reverse("chat-send"), "history": reverse("chat-history"), "end": reverse("chat-end")},
        "language": language.code,
    }
    return render(request, "web/chat.html", {
        "language": language, "texts": texts, "languages": list(registry()), "script": script,
        "examples": [texts[key] for key in EXAMPLES], "sample_data": shows_sample_data(),
    })


def message_text(request: HttpRequest) -> str:
    """The text of the request's ``{"text": "…"}`` body; raises :class:`BadRequest` for anything else."""
    try:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise BadRequest("invalid") from None
    if size > MAX_BODY_BYTES:
        raise BadRequest("too_long", 413)
    try:
        body = json.loads(request.body or b"{}")
    except RequestDataTooBig:
        raise BadRequest("too_long", 413) from None
    except (ValueError, UnicodeDecodeError, RecursionError):  # not JSON, not UTF-8, nested too deeply
        raise BadRequest("invalid") from None
    if not isinstance(body, dict):
        raise BadRequest("invalid")
    text = body.get("text")
    if text is not None and not isinstance(text, str):
        raise BadRequest("invalid")
    if not text or not text.strip():
        raise BadRequest("empty")
    if len(text) > MAX_MESSAGE_LENGTH:
        raise BadRequest("too_long")
    return text


def send_message(request: HttpRequest) -> JsonResponse:
    """Relay one client message to Rasa; answer the bot's messages (``erased`` when the client's data is gone)."""
    language = page_language(request)
    try:
        text = message_text(request)
    except BadRequest as error:
        return _error(language, error.key, error.status)
    wait = rate_limit.wait_seconds(client_id(request), rate_limit.client_address(request.META))
    if wait:
        response = _error(language, "slow_down", 429)
        response["Retry-After"] = str(wait)
        return response
    try:
        message = typed_command(text) or text.strip()  # /human as on Telegram
        messages = relay(client_reference(request), message, language_hint(request))
    except requests.RequestException as error:
        logger.error("assistant unreachable: %s", type(error).__name__)
        return _error(language, "unavailable", 503)
    if getattr(messages, "erased", False):  # the client confirmed "delete my data" in this turn
        forget(request)  # a new identifier: nothing links the next conversation to the erased one
        return JsonResponse({"messages": list(messages), "erased": True})
    return JsonResponse({"messages": list(messages)})


@json_methods("GET", "POST")
def messages_endpoint(request: HttpRequest) -> HttpResponse:
    """``POST``: relay a client message; ``GET ?after=``: the integration manager's replies since then."""
    if request.method == "GET":
        return manager_messages(request)
    return send_message(request)


def after_time(request: HttpRequest) -> float:
    """The ``?after=`` Unix time of a poll (0 when absent); raises :class:`BadRequest` unless finite and >= 0."""
    try:
        after = float(request.GET.get("after") or 0)
    except ValueError:
        raise BadRequest("invalid") from None
    if not math.isfinite(after) or after < 0:
        raise BadRequest("invalid")
    return after


def manager_messages(request: HttpRequest) -> JsonResponse:
    """Messages that arrived on their own (manager replies, reminders) newer than ``?after=`` (Unix time)."""
    language = page_language(request)
    try:
        after = after_time(request)
    except BadRequest as error:
        return _error(language, error.key, error.status)
    if _SESSION_KEY not in request.session:  # no conversation yet: nothing to ask Rasa for
        return JsonResponse({"messages": [], "latest": after})
    try:
        events = tracker_events(client_reference(request))
    except (requests.RequestException, ValueError) as error:
        logger.warning("assistant unreachable while polling: %s", type(error).__name__)
        return _error(language, "unavailable", 503)
    label = ui_texts(language)["from_manager"]
    replies = [e for e in events if isinstance(e, dict) and e.get("event") == "bot"
               and is_pushed(e.get("metadata") or {}) and chat_history.latest_time([e]) > after]
    _mark_delivered(chat_history.manager_message_ids(replies))
    return JsonResponse({
        "messages": [{"text": e.get("text") or "", "time": e.get("timestamp"),
                      "label": label if e["metadata"].get("from_manager") else ""} for e in replies],
        "latest": max([after] + [chat_history.latest_time([e]) for e in replies]),
    })


@json_methods("GET")
def history(request: HttpRequest) -> JsonResponse:
    """This browser's conversation so far (``messages``), and the time the page's polling goes on from."""
    if _SESSION_KEY not in request.session:
        return JsonResponse({"messages": [], "latest": 0.0})
    language = page_language(request)
    try:
        events = tracker_events(client_reference(request))
    except (requests.RequestException, ValueError) as error:
        logger.warning("assistant unreachable for the history: %s", type(error).__name__)
        return _error(language, "unavailable", 503)
    _mark_delivered(chat_history.manager_message_ids(events))
    return JsonResponse({"messages": chat_history.shown_messages(events, ui_texts(language)["from_manager"]),
                         "latest": chat_history.latest_time(events)})


@json_methods("POST")
def end_conversation(request: HttpRequest) -> JsonResponse:
    """Forget this browser's conversation; Rasa keeps it until the retention period ends."""
    forget(request)
    return JsonResponse({"ended": True, "message": ui_texts(page_language(request))["ended"]})


def tracker_events(sender: str) -> List[Dict[str, Any]]:
    """The events of the client's conversation, from Rasa's HTTP API."""
    from bot.handover.outbound import tracker_url

    response = requests.get(tracker_url(sender), timeout=settings.RASA_TIMEOUT)
    response.raise_for_status()
    body = response.json()
    events = body.get("events") if isinstance(body, dict) else None
    return list(events) if isinstance(events, list) else []


def _mark_delivered(message_ids: List[Any]) -> None:
    from bot.handover.outbound import mark_delivered

    ids = [i for i in message_ids if isinstance(i, int)]
    if not ids:
        return
    try:
        mark_delivered(ids)
    except DatabaseError as error:  # the reply was shown; its delivery status can stay "sent"
        logger.warning("delivery status not recorded: %s", type(error).__name__)

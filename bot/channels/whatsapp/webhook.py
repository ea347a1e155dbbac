"""WhatsApp's webhook (``/channels/whatsapp/webhook``).

``GET`` is Meta's verification: ``hub.mode=subscribe`` and ``hub.verify_token`` equal to
WHATSAPP_VERIFY_TOKEN answer ``hub.challenge``. ``POST`` must carry ``X-Hub-Signature-256``,
the HMAC-SHA256 of the raw body with WHATSAPP_APP_SECRET; otherwise 403 and nothing is processed.
A well-signed body that is not a JSON object (or nested too deeply to read) answers 400, logged
without its content; parts of a notification that are not of the documented shape are skipped.

A message is answered only when it was sent to the configured business number
(``metadata.phone_number_id`` equal to WHATSAPP_PHONE_NUMBER_ID) and within the last
:data:`MAX_AGE` (an older one is a replay or a very late redelivery: the conversation has moved on).
It is recorded as handled once its replies are stored (:mod:`bot.channels.dedup`); after "delete my
data" the number, the outbox and the client's pending messages are erased once the confirmation went out.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Optional

import httpx
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from bot.channels import buttons, config, dedup, recipients
from bot.channels import constants as c
from bot.channels.config import WhatsAppConfig
from bot.channels.conversation import respond
from bot.channels.whatsapp import sender, statuses
from bot.channels.whatsapp.payloads import Received, parse

logger = logging.getLogger(__name__)

#: The header with Meta's signature of the body.
SIGNATURE_HEADER = "X-Hub-Signature-256"
#: Messages sent longer ago than this are not answered.
MAX_AGE = timedelta(hours=24)


def signature(body: bytes, secret: str) -> str:
    """The ``X-Hub-Signature-256`` value of ``body``.

    >>> signature(b"{}", "s")[:7]
    'sha256='
    """
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signed(request: HttpRequest, secret: str) -> bool:
    """Whether the request's signature matches its raw body (never true without a secret)."""
    given = request.headers.get(SIGNATURE_HEADER, "")
    return bool(secret) and hmac.compare_digest(given.encode(), signature(request.body, secret).encode())


def verify(request: HttpRequest, settings: WhatsAppConfig) -> HttpResponse:
    """Meta's subscription check: echo ``hub.challenge`` when the verify token matches."""
    token = request.GET.get("hub.verify_token", "")
    if (request.GET.get("hub.mode") == "subscribe" and settings.verify_token
            and hmac.compare_digest(token.encode(), settings.verify_token.encode())):
        return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")
    return HttpResponse(status=403)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def whatsapp_webhook(request: HttpRequest) -> HttpResponse:
    """Verification (GET) and notifications (POST) from the WhatsApp Cloud API."""
    settings = config.whatsapp()
    if settings is None:
        raise Http404("no WhatsApp channel configured")
    if request.method == "GET":
        return verify(request, settings)
    if not signed(request, settings.app_secret):
        logger.warning("whatsapp webhook: request with a wrong or missing signature refused")
        return HttpResponse(status=403)
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        data = None
    if not isinstance(data, dict):
        logger.warning("whatsapp webhook: unreadable payload refused")
        return HttpResponse(status=400)
    messages, updates = parse(data)
    try:
        for update in updates:
            statuses.record(update.message_id, update.status)
        with httpx.Client() as http:
            for received in messages:
                handle_message(http, settings, received)
    except DatabaseError as error:
        logger.error("whatsapp webhook: database unavailable: %s", type(error).__name__)
        return HttpResponse(status=503)
    return HttpResponse(status=200)


def refusal(settings: WhatsAppConfig, received: Received, now: Optional[datetime] = None) -> str:
    """Why ``received`` is not answered ("" when it is): another business number, or too old."""
    if received.phone_number_id != settings.phone_number_id:
        return "sent to another business number"
    if (now or datetime.now(timezone.utc)) - received.sent_at > MAX_AGE:
        return "older than 24 hours"
    return ""


def handle_message(http: httpx.Client, settings: WhatsAppConfig, received: Received) -> bool:
    """Answer one inbound message (once); True when it was processed now."""
    inbound = received.inbound
    reason = refusal(settings, received)
    if reason:
        logger.warning("whatsapp webhook: message not answered: %s", reason)
        return False
    if dedup.seen(c.WHATSAPP, inbound.external_id):
        return False
    if inbound.kind == c.BUTTON:
        inbound = replace(inbound, text=buttons.decode(inbound.text) or "")
    client_ref = recipients.remember(c.WHATSAPP, inbound.address, inbound_at=received.sent_at)
    replies = respond(inbound, client_ref)
    try:
        with dedup.handled(c.WHATSAPP, inbound.external_id):
            sender.queue(client_ref, replies)
    except dedup.AlreadyHandled:
        return False
    sender.flush(http, settings, client_ref)
    if replies.erased:
        recipients.forget(client_ref)
    return True

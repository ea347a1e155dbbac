"""WhatsApp's webhook (``/channels/whatsapp/webhook``).

``GET`` is Meta's verification: ``hub.mode=subscribe`` and ``hub.verify_token`` equal to
WHATSAPP_VERIFY_TOKEN answer ``hub.challenge``. ``POST`` must carry ``X-Hub-Signature-256``,
the HMAC-SHA256 of the raw body with WHATSAPP_APP_SECRET; otherwise 403 and nothing is processed.
A well-signed payload that cannot be read is acknowledged with 200 (Meta retries anything else),
logged without its content.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import replace

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
        messages, updates = parse(json.loads(request.body))
    except (ValueError, UnicodeDecodeError):
        logger.warning("whatsapp webhook: unreadable payload acknowledged")
        return HttpResponse(status=200)
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


def handle_message(http: httpx.Client, settings: WhatsAppConfig, received: Received) -> bool:
    """Answer one inbound message (once); True when it was processed now."""
    inbound = received.inbound
    if not dedup.first_time(c.WHATSAPP, inbound.external_id):
        return False
    if inbound.kind == c.BUTTON:
        inbound = replace(inbound, text=buttons.decode(inbound.text) or "")
    client_ref = recipients.remember(c.WHATSAPP, inbound.address, inbound_at=received.sent_at)
    sender.queue(client_ref, respond(inbound, client_ref))
    sender.flush(http, settings, client_ref)
    return True

"""Telegram's webhook (``/channels/telegram/webhook``) when TELEGRAM_WEBHOOK_URL is set.

Every request must carry ``X-Telegram-Bot-Api-Secret-Token`` equal to TELEGRAM_WEBHOOK_SECRET
(set with setWebhook, ``lotse channels telegram-setup``); otherwise it is refused with 403 and
nothing is processed. A body that is not an update (not JSON, nested too deeply, wrong types)
answers 400; an update of a kind Lotse does not answer (an edit, a group message) 200; a database
outage answers 503 so that Telegram retries later.
"""

from __future__ import annotations

import hmac
import json
import logging

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bot.channels import config
from bot.channels.telegram.client import TelegramClient
from bot.channels.telegram.updates import handle_update, parse

logger = logging.getLogger(__name__)

#: The header Telegram sets to the webhook's secret_token.
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def authentic(request: HttpRequest, secret: str) -> bool:
    """Whether the request carries the configured secret token (never true without one)."""
    given = request.headers.get(SECRET_HEADER, "")
    return bool(secret) and hmac.compare_digest(given.encode(), secret.encode())


@csrf_exempt
@require_POST
def telegram_webhook(request: HttpRequest) -> HttpResponse:
    """Receive one update from Telegram."""
    settings = config.telegram()
    if settings is None or not settings.uses_webhook:
        raise Http404("no Telegram webhook configured")
    if not authentic(request, settings.webhook_secret):
        logger.warning("telegram webhook: request without the right secret token refused")
        return HttpResponse(status=403)
    try:
        update = parse(json.loads(request.body))
    except (ValueError, UnicodeDecodeError, RecursionError):
        update = None
    if update is None:
        logger.warning("telegram webhook: unreadable update refused")
        return HttpResponse(status=400)
    try:
        with TelegramClient(settings) as client:
            handle_update(client, update)
    except DatabaseError as error:
        logger.error("telegram webhook: database unavailable: %s", type(error).__name__)
        return HttpResponse(status=503)
    return HttpResponse(status=200)

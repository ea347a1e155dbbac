"""Rasa's REST channel for Lotse's relay only: requests without the internal secret are refused.

Rasa's stock REST channel (``/webhooks/rest/webhook``) takes any ``sender`` from any caller that
reaches the port, so it could act for any client. This subclass (named in ``credentials.yml``, Rasa's
own way to add an input channel) keeps its URL, protocol and name (``rest``) and answers 403 to a
request without the header of :mod:`bot.runtime.internal`, and 400 to one whose ``sender`` is not a
short ASCII id (:data:`SENDER`) or whose ``message`` is not a string of valid Unicode text (a lone surrogate such as
``"\\ud800"`` crashes Rasa's tokenizer; the relay removes them before); the health check
``GET /webhooks/rest/`` stays open.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.runtime import internal

logger = logging.getLogger(__name__)

#: What no message may contain: lone surrogates and NUL.
NOT_TEXT = re.compile("[\\ud800-\\udfff\\x00]")
#: A sender id: Lotse's pseudonyms (``web-…``, ``telegram-…``) and other short ASCII ids, nothing else.
SENDER = re.compile(r"[A-Za-z0-9_.:@-]{1,128}")


class InternalRestInput(RestInput):
    """The REST channel behind the shared secret."""

    @classmethod
    def name(cls) -> Text:
        """The channel's name and URL segment, as Rasa's REST channel: ``rest``."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's REST blueprint with the secret checked before every message."""
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def require_secret(request: Request) -> Optional[Any]:
            if request.method == "GET" and request.path.rstrip("/").endswith("/rest"):
                return None  # the health check
            if not internal.authentic(request.headers.get(internal.HEADER)):
                logger.warning("REST channel: request without the internal secret refused")
                return response.json({"error": "forbidden"}, status=403)
            body = request.json
            if not isinstance(body, dict) or not isinstance(body.get("sender"), str) \
                    or not SENDER.fullmatch(body["sender"]) \
                    or not isinstance(body.get("message"), str) or NOT_TEXT.search(body["message"]):
                return response.json({"error": "expected an ASCII sender id and a message of valid text"},
                                     status=400)
            return None

        return blueprint

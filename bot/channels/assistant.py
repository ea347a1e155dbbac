"""The one path to the assistant: a client message to Rasa's REST channel, its answers back.

The web chat, Telegram and WhatsApp all call :func:`relay`. The sender id is always a pseudonym.
:func:`conversation_language` reads the ``language`` slot from Rasa's tracker for texts the
channels render themselves.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Mapping, Optional

import requests

from bot import conversations, settings
from bot.languages import registry
from bot.nlu.constants import METADATA_LANGUAGE_HINT

logger = logging.getLogger(__name__)


class NoAnswer(requests.RequestException):
    """Rasa answered with nothing: a part behind it failed (an action, the action server)."""


def relay(sender: str, text: str, language_hint: Optional[str],
          metadata: Optional[Mapping[str, Any]] = None) -> List[Dict[str, Any]]:
    """Send a message through Rasa's REST channel and return its answers (``text`` and ``buttons``).

    Raises :class:`requests.RequestException` when Rasa cannot be reached or answers an error, and
    :class:`NoAnswer` when it answers nothing (every message has a rule, so silence is a fault).
    """
    data = dict(metadata or {})
    if language_hint:
        data[METADATA_LANGUAGE_HINT] = language_hint
    response = requests.post(
        f"{settings.RASA_URL}/webhooks/rest/webhook",
        json={"sender": sender, "message": text, "metadata": data},
        timeout=settings.RASA_TIMEOUT,
    )
    response.raise_for_status()
    answers = response.json()
    if any(m.get("custom") == conversations.ERASE_MARKER for m in answers):
        conversations.erase(sender)  # the client asked for it; Rasa has saved the turn by now
    messages = [
        {"text": m.get("text", ""), "buttons": m.get("buttons") or []}
        for m in answers if m.get("text") or m.get("buttons")
    ]
    if not messages:
        raise NoAnswer("the assistant answered nothing")
    return messages


def conversation_language(sender: str, hint: Optional[str] = None) -> str:
    """The conversation's language (Rasa's ``language`` slot), else ``hint``, else the default."""
    from bot.handover.outbound import tracker_url

    slot = None
    try:
        response = requests.get(tracker_url(sender), timeout=settings.RASA_TIMEOUT)
        response.raise_for_status()
        body = response.json()
        slot = (body.get("slots") or {}).get("language") if isinstance(body, dict) else None
    except (requests.RequestException, ValueError) as error:
        logger.warning("conversation language unknown: %s", type(error).__name__)
    return registry().resolve(slot if isinstance(slot, str) else None, base_language(hint), registry().default)


def base_language(code: Optional[str]) -> Optional[str]:
    """``"pt-br"`` → ``"pt"``: Telegram's language_code is an IETF tag."""
    return code.split("-")[0].lower() if code else None

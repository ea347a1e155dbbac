"""The one path to the assistant: a client message to Rasa's REST channel, its answers back.

The web chat, Telegram and WhatsApp all call :func:`relay`. The sender id is always a pseudonym.
While an integration manager talks with the client live, Rasa's conversation is paused and Rasa
answers nothing on purpose; the bot-back command (:mod:`bot.channels.commands`) resumes it.
:func:`conversation_language` reads the ``language`` slot from Rasa's tracker for texts the
channels render themselves.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Mapping, Optional

import requests

from bot import conversations, settings
from bot.channels.commands import is_bot_back
from bot.languages import registry
from bot.nlu.constants import METADATA_LANGUAGE_HINT

logger = logging.getLogger(__name__)


#: What the relay sends after the client took the bot back, so the bot answers.
GREET_PAYLOAD = "/greet"


class NoAnswer(requests.RequestException):
    """Rasa answered with nothing: a part behind it failed (an action, the action server)."""


class BotBackFailed(requests.RequestException):
    """The client asked for the bot back, but Rasa did not accept the resume event."""


def relay(sender: str, text: str, language_hint: Optional[str],
          metadata: Optional[Mapping[str, Any]] = None) -> List[Dict[str, Any]]:
    """Send a message through Rasa's REST channel and return its answers (``text`` and ``buttons``).

    A message that is exactly a bot-back command resumes a paused conversation first and is then
    relayed as ``/greet``. While the conversation is paused (a live conversation with a manager)
    the answer is ``[]``. Raises :class:`requests.RequestException` when Rasa cannot be reached or
    answers an error, and :class:`NoAnswer` when it answers nothing although the conversation is
    not paused (every message has a rule, so silence is a fault).
    """
    if is_bot_back(text):
        take_bot_back(sender)
        text = GREET_PAYLOAD
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
    if not messages and not is_paused(sender):
        raise NoAnswer("the assistant answered nothing")
    return messages


def is_paused(sender: str) -> bool:
    """Whether the conversation is paused (Rasa's tracker ``paused``); raises :class:`NoAnswer` when unknown."""
    from bot.handover.errors import LiveChatUnavailable
    from bot.handover.live import read_tracker

    try:
        return read_tracker(sender).get("paused") is True
    except LiveChatUnavailable as error:
        raise NoAnswer(f"the assistant answered nothing; {error}") from error


def take_bot_back(sender: str) -> None:
    """Resume the client's conversation in Rasa and end their live conversation in the inbox."""
    from bot.handover import live
    from bot.handover.errors import HandoverUnavailable, LiveChatUnavailable

    try:
        live.send_event(sender, live.RESUME)
    except LiveChatUnavailable as error:
        raise BotBackFailed(str(error)) from error
    try:
        live.ended_by_client(sender)
    except HandoverUnavailable:  # the bot answers again all the same; the inbox shows it live until ended
        logger.warning("live mark not cleared after the bot came back")


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

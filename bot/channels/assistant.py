"""The one path to the assistant: a client message to Rasa's REST channel, its answers back.

The web chat, Telegram and WhatsApp all call :func:`relay`. The sender id is always a pseudonym.
Before Rasa sees a message, the relay

- removes what is not valid Unicode text (lone surrogates such as ``"\\ud800"`` crash Rasa's
  tokenizer, NUL characters), see :func:`clean_text`;
- lets a Rasa command with values (``/intent{…}``) through only when it is one of the buttons Rasa just
  offered this client (the buttons of its bot messages since the client's last message), and a bare
  ``/intent`` only from :data:`ALLOWED_COMMANDS`, the commands the channels send themselves; any other
  text that starts with ``/`` goes to Rasa without the slash, as words for its NLU
  (``/emergency{"municipality": "Tübingen"}`` typed by hand must not open an urgent ticket);
- sends the internal secret (:mod:`bot.runtime.internal`): Rasa's REST channel refuses requests
  without it.

While an integration manager talks with the client live, Rasa's conversation is paused and Rasa
answers nothing on purpose; the bot-back command (:mod:`bot.channels.commands`) resumes it.
:func:`conversation_language` reads the ``language`` slot from Rasa's tracker for texts the
channels render themselves.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, FrozenSet, List, Mapping, Optional

import requests

from bot import conversations, settings
from bot.channels.commands import is_bot_back
from bot.languages import registry
from bot.nlu.constants import METADATA_LANGUAGE_HINT
from bot.runtime import internal

logger = logging.getLogger(__name__)


#: What the relay sends after the client took the bot back, so the bot answers.
GREET_PAYLOAD = "/greet"
#: Bare commands the channels send themselves (Telegram's menu commands, the web chat's typed
#: commands, the "talk to a human" button of media answers); no other bare ``/intent`` reaches Rasa
#: unless Rasa offered it as a button.
ALLOWED_COMMANDS: FrozenSet[str] = frozenset({
    GREET_PAYLOAD, "/choose_language", "/request_handover", "/delete_my_data",
})
#: What Rasa reads as a command (intent, optionally entities): a leading slash.
COMMAND_PREFIX = "/"
#: Code points that are not text: lone surrogates and NUL.
NOT_TEXT = re.compile("[\\ud800-\\udfff\\x00]")


class Answers(List[Dict[str, Any]]):
    """Rasa's answers (``text`` and ``buttons`` each); ``erased`` when the client's data was deleted in
    this turn, so the channel erases what it keeps of the client once the answers went out."""

    erased: bool = False


class NoAnswer(requests.RequestException):
    """Rasa answered with nothing: a part behind it failed (an action, the action server)."""


class BotBackFailed(requests.RequestException):
    """The client asked for the bot back, but Rasa did not accept the resume event."""


def relay(sender: str, text: str, language_hint: Optional[str],
          metadata: Optional[Mapping[str, Any]] = None) -> Answers:
    """Send a message through Rasa's REST channel and return its answers (``text`` and ``buttons``).

    A message that is exactly a bot-back command resumes a paused conversation first and is then
    relayed as ``/greet``. While the conversation is paused (a live conversation with a manager)
    the answer is ``[]``. Raises :class:`requests.RequestException` when Rasa cannot be reached or
    answers an error, and :class:`NoAnswer` when it answers nothing although the conversation is
    not paused (every message has a rule, so silence is a fault).
    """
    text = clean_text(text)
    if is_bot_back(text):
        take_bot_back(sender)
        text = GREET_PAYLOAD
    text = admitted(sender, text)
    data = dict(metadata or {})
    if language_hint:
        data[METADATA_LANGUAGE_HINT] = language_hint
    response = requests.post(
        f"{settings.RASA_URL}/webhooks/rest/webhook",
        json={"sender": sender, "message": text, "metadata": data},
        headers=internal.headers(),
        timeout=settings.RASA_TIMEOUT,
    )
    response.raise_for_status()
    answers = [m for m in response.json() if isinstance(m, dict)]
    messages = Answers(
        {"text": m.get("text", ""), "buttons": m.get("buttons") or []}
        for m in answers if m.get("text") or m.get("buttons")
    )
    if any(m.get("custom") == conversations.ERASE_MARKER for m in answers):
        conversations.erase(sender)  # the client asked for it; Rasa has saved the turn by now
        messages.erased = True
    if not messages and not is_paused(sender):
        raise NoAnswer("the assistant answered nothing")
    return messages


def clean_text(text: str) -> str:
    """``text`` without lone surrogates and NUL characters (what Rasa's tokenizer cannot take).

    >>> clean_text("Hallo\\ud800 Welt\\x00"), clean_text("👍 مرحبا")
    ('Hallo Welt', '👍 مرحبا')
    """
    return NOT_TEXT.sub("", text)


def admitted(sender: str, text: str) -> str:
    """What Rasa gets for ``text``: an allowed command or a button just offered as it is; other text
    starting with ``/`` without the slash (read by the NLU as words); all else unchanged.

    Raises :class:`requests.RequestException` when the offered buttons cannot be read.
    """
    stripped = text.strip()
    if not stripped.startswith(COMMAND_PREFIX):
        return text
    if stripped in ALLOWED_COMMANDS or stripped in offered_payloads(sender):
        return stripped
    logger.info("a typed command was passed on as words")
    return stripped.lstrip(COMMAND_PREFIX).strip() or "?"


def offered_payloads(sender: str) -> FrozenSet[str]:
    """The payloads of the buttons Rasa offered ``sender`` since their last message (from the tracker)."""
    from bot.handover.outbound import tracker_url

    response = requests.get(tracker_url(sender), timeout=settings.RASA_TIMEOUT)
    response.raise_for_status()
    body = response.json()
    events = body.get("events") if isinstance(body, dict) else None
    payloads: set = set()
    for event in reversed(events if isinstance(events, list) else []):
        if not isinstance(event, dict) or event.get("event") == "user":
            break
        if event.get("event") == "bot":
            buttons = (event.get("data") or {}).get("buttons") if isinstance(event.get("data"), dict) else None
            payloads.update(b["payload"] for b in buttons or [] if isinstance(b, dict) and isinstance(b.get("payload"), str))
    return frozenset(payloads)


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

"""Channel-neutral handling of one inbound message: what the client sent → the bot's replies.

Text, button payloads and commands go to the assistant (Rasa); media get a localized answer
about what Lotse can do with them; a location gets the nearest offices (or a question for the
town); ``/start <code>`` binds the client to their integration manager first.
"""

from __future__ import annotations

import logging
from typing import Dict, List, Optional, Tuple

import requests

from bot.channels import constants as c
from bot.channels import staff, texts
from bot.channels.assistant import Answers, base_language, conversation_language, relay
from bot.channels.codes import manager_for
from bot.channels.commands import BOT, BOT_BACK_COMMAND
from bot.channels.inbound import Button, Inbound, Reply
from bot.channels.location import nearest_offices, office_lines

logger = logging.getLogger(__name__)

#: Rasa payloads of the commands (Telegram's /command, without the slash).
START, LANGUAGE, HELP, HUMAN, DELETE = "start", "language", "help", "human", "delete"
COMMAND_PAYLOADS: Dict[str, str] = {START: "/greet", LANGUAGE: "/choose_language", HELP: "/greet",
                                    HUMAN: "/request_handover", DELETE: "/delete_my_data", BOT: BOT_BACK_COMMAND}
#: Payload of the "talk to a human" button.
HANDOVER_PAYLOAD = "/request_handover"
#: The answer to each kind of message the assistant cannot read.
MEDIA_ANSWERS: Dict[str, Tuple[str, str]] = {
    c.VOICE: texts.VOICE, c.PHOTO: texts.PHOTO, c.DOCUMENT: texts.DOCUMENT, c.VIDEO: texts.VIDEO,
    c.STICKER: texts.STICKER, c.CONTACT: texts.CONTACT, c.OTHER: texts.OTHER,
}
#: Longest client message passed to the assistant.
MAX_INBOUND_TEXT = 4096


def typed_command(text: str) -> Optional[str]:
    """The assistant's payload for a message that is exactly one of the commands (``/human``), else None.

    Telegram shows the commands in its menu and parses them itself; in the web chat clients type them.

    >>> typed_command(" /Human "), typed_command("/delete"), typed_command("/human please"), typed_command("/greet")
    ('/request_handover', '/delete_my_data', None, None)
    """
    word = text.strip().casefold()
    return COMMAND_PAYLOADS.get(word[1:]) if word.startswith("/") else None


class Replies(List[Reply]):
    """The bot's replies; ``erased`` when the client's data was deleted in this turn (see :class:`Answers`)."""

    erased: bool = False


def respond(inbound: Inbound, client_ref: str) -> Replies:
    """The bot's replies to ``inbound`` from the client ``client_ref``; never empty."""
    hint = base_language(inbound.language_code)
    if inbound.kind in MEDIA_ANSWERS:
        return Replies([media_answer(inbound.kind, conversation_language(client_ref, hint))])
    if inbound.kind == c.LOCATION:
        return Replies([location_answer(inbound, conversation_language(client_ref, hint))])
    notices = Replies()
    message = inbound.text
    if inbound.kind == c.COMMAND:
        if inbound.command == START and inbound.text:
            linked = staff.link(client_ref, inbound.text)  # a manager linking their chat for ticket announcements
            if linked is not None:
                return Replies([linked])
            notices.append(bind(client_ref, inbound.text, conversation_language(client_ref, hint)))
        message = COMMAND_PAYLOADS.get(inbound.command, COMMAND_PAYLOADS[HELP])
    elif inbound.kind == c.TEXT and len(message) > MAX_INBOUND_TEXT:
        return Replies([Reply(texts.say(conversation_language(client_ref, hint), texts.TOO_LONG))])
    if not message.strip():
        return Replies(notices + [media_answer(c.OTHER, conversation_language(client_ref, hint))])
    answers = ask_assistant(client_ref, message, hint)
    replies = Replies(notices + answers)
    replies.erased = answers.erased
    return replies


def ask_assistant(client_ref: str, message: str, hint: Optional[str]) -> Replies:
    """The assistant's answers, or a localized "not reachable" when Rasa is down."""
    try:
        answers: Answers = relay(client_ref, message, hint)
    except (requests.RequestException, ValueError) as error:
        logger.error("assistant unreachable: %s", type(error).__name__)
        return Replies([Reply(texts.say(conversation_language(client_ref, hint), texts.UNAVAILABLE))])
    replies = Replies(Reply.from_dict(a) for a in answers)
    replies.erased = answers.erased
    return replies


def media_answer(kind: str, language: str) -> Reply:
    """What Lotse can do with a voice message, photo, document, …; voice also offers a human."""
    buttons = [Button(texts.say(language, texts.HUMAN_BUTTON), HANDOVER_PAYLOAD)] if kind == c.VOICE else []
    return Reply(texts.say(language, MEDIA_ANSWERS.get(kind, texts.OTHER)), buttons)


def location_answer(inbound: Inbound, language: str) -> Reply:
    """The nearest offices to a shared location, or a question for the town."""
    if inbound.latitude is not None and inbound.longitude is not None:
        offices = nearest_offices(inbound.latitude, inbound.longitude)
        if offices:
            return Reply(texts.say(language, texts.LOCATION_NEAREST, offices=office_lines(offices)))
    return Reply(texts.say(language, texts.LOCATION_ASK_TOWN))


def bind(client_ref: str, code: str, language: str) -> Reply:
    """Bind the client to the manager of ``code``; a friendly note when the code is unknown."""
    from bot.directory.errors import UnknownManager
    from bot.directory.models import IntegrationManager
    from bot.handover.errors import HandoverUnavailable
    from bot.handover.tickets import bind_client

    manager_id = manager_for(code)
    if manager_id is None:
        return Reply(texts.say(language, texts.UNKNOWN_CODE))
    try:
        bind_client(client_ref, manager_id)
        manager = IntegrationManager.objects.get(pk=manager_id)
    except (UnknownManager, IntegrationManager.DoesNotExist):
        return Reply(texts.say(language, texts.UNKNOWN_CODE))
    except HandoverUnavailable:
        return Reply(texts.say(language, texts.UNAVAILABLE))
    return Reply(texts.say(language, texts.BOUND, manager=manager.name))

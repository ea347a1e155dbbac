"""The bot's commands, localized, registered per language with setMyCommands.

Each command maps to a Rasa payload (:data:`bot.channels.conversation.COMMAND_PAYLOADS`).
"""

from __future__ import annotations

import logging
from typing import List, Tuple

from telegram import BotCommand

from bot.channels import texts
from bot.channels.commands import BOT
from bot.channels.conversation import DELETE, HELP, HUMAN, LANGUAGE, START
from bot.channels.errors import ChannelError
from bot.channels.telegram.client import TelegramClient
from bot.languages import registry

logger = logging.getLogger(__name__)

#: The commands in menu order, with their description text.
COMMANDS: List[Tuple[str, Tuple[str, str]]] = [
    (START, texts.COMMAND_START), (LANGUAGE, texts.COMMAND_LANGUAGE), (HELP, texts.COMMAND_HELP),
    (HUMAN, texts.COMMAND_HUMAN), (DELETE, texts.COMMAND_DELETE), (BOT, texts.COMMAND_BOT),
]


def bot_commands(language: str) -> List[BotCommand]:
    """The command menu in ``language``."""
    return [BotCommand(name, texts.say(language, description)[:256]) for name, description in COMMANDS]


def register(client: TelegramClient) -> int:
    """Register the menu for every language (and the default for all others); returns how many were set."""
    done = 0
    targets = [(None, registry().default)] + [(lang.code, lang.code) for lang in registry()]
    for language_code, language in targets:
        try:
            client.call(client.bot.set_my_commands, bot_commands(language), language_code=language_code)
            done += 1
        except ChannelError as error:
            logger.warning("commands for %s not registered: %s", language, type(error).__name__)
    return done

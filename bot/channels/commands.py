"""The bot-back command: what a client writes to get the chatbot back during a live conversation.

The channel-neutral command ``/bot`` and, per language, the plain words that do the same
(``bot_words`` in ``locales/languages.yml``). A message that is exactly one of them (any case,
surrounding spaces ignored) ends a live conversation with the integration manager (see
:func:`bot.channels.assistant.relay`).
"""

from __future__ import annotations

from typing import FrozenSet

from bot.languages import registry

#: The command name (Telegram's ``/bot``) and the message it stands for on every channel.
BOT = "bot"
BOT_BACK_COMMAND = "/bot"


def _all_words() -> FrozenSet[str]:
    return frozenset({BOT_BACK_COMMAND} | {w.casefold() for language in registry() for w in language.bot_words})


def is_bot_back(text: str) -> bool:
    """Whether ``text`` is exactly a bot-back command, in any of the languages.

    >>> is_bot_back(" /bot "), is_bot_back("Lotse"), is_bot_back("بوت"), is_bot_back("bot please")
    (True, True, True, False)
    """
    return text.strip().casefold() in _all_words()


def bot_back_word(language: str) -> str:
    """The word the client is told to write in ``language`` (``/bot`` for other languages).

    >>> bot_back_word("uk"), bot_back_word("xx")
    ('бот', '/bot')
    """
    found = registry().get(language)
    return found.bot_words[0] if found and found.bot_words else BOT_BACK_COMMAND

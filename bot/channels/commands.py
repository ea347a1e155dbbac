"""The bot-back command: what a client writes to get the chatbot back during a live conversation.

Data in one place: the channel-neutral command ``/bot`` and, per language, the plain words that do
the same. A message that is exactly one of them (any case, surrounding spaces ignored) ends a live
conversation with the integration manager (see :func:`bot.channels.assistant.relay`).
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

#: The command name (Telegram's ``/bot``) and the message it stands for on every channel.
BOT = "bot"
BOT_BACK_COMMAND = "/bot"
#: The words that bring the bot back, per client language; the first is the one the client is told.
BOT_BACK_WORDS: Dict[str, Tuple[str, ...]] = {
    "de": ("bot", "lotse"),
    "en": ("bot",),
    "ar": ("بوت",),
    "uk": ("бот",),
    "ru": ("бот",),
    "ti": ("ቦት",),
    "fa": ("بات",),
    "tr": ("bot",),
}
_ALL: FrozenSet[str] = frozenset({BOT_BACK_COMMAND} | {w.casefold() for ws in BOT_BACK_WORDS.values() for w in ws})


def is_bot_back(text: str) -> bool:
    """Whether ``text`` is exactly a bot-back command, in any of the languages.

    >>> is_bot_back(" /bot "), is_bot_back("Lotse"), is_bot_back("بوت"), is_bot_back("bot please")
    (True, True, True, False)
    """
    return text.strip().casefold() in _ALL


def bot_back_word(language: str) -> str:
    """The word the client is told to write in ``language`` (``/bot`` for other languages).

    >>> bot_back_word("uk"), bot_back_word("xx")
    ('бот', '/bot')
    """
    words = BOT_BACK_WORDS.get(language)
    return words[0] if words else BOT_BACK_COMMAND

"""The conversation's language: when a message changes it and when it does not."""

from __future__ import annotations

from typing import Optional

from bot.languages.registry import LanguageRegistry


def next_conversation_language(
    current: Optional[str], detected: Optional[str], ambiguous: bool, languages: LanguageRegistry
) -> Optional[str]:
    """The conversation's language after a message; None keeps it undecided.

    A clear message in a supported language switches; an ambiguous one ("ok",
    "👍") keeps the current language; a message in a language we do not serve
    (Amharic) keeps it too.

    >>> from bot.languages import registry
    >>> reg = registry()
    >>> next_conversation_language("ti", "en", True, reg)
    'ti'
    >>> next_conversation_language("ti", "ar", False, reg)
    'ar'
    >>> next_conversation_language(None, "am", False, reg) is None
    True
    >>> next_conversation_language(None, "uk", True, reg)
    'uk'
    """
    if detected not in languages:
        return current
    if current is None or not ambiguous:
        return detected
    return current

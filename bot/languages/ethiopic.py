"""Tigrinya or Amharic? A decision of our own for Ethiopic-script messages.

The packaged language detectors know Amharic but not Tigrinya and call every
Ethiopic text Amharic. Both languages share the script; they differ in letters
and very frequent words. Tigrinya writes the glottal ``ኣ`` where Amharic writes
``አ``, uses the ``ቐ`` and ``ኸ`` series, and has its own function words.

>>> is_tigrinya("ሰላም ከመይ ኣለኹም")
True
>>> is_tigrinya("ሰላም እንዴት ነህ የት ነው")
False
>>> is_tigrinya("ሰላም")
True
"""

from __future__ import annotations

import re

_TIGRINYA_LETTERS = re.compile("[ኣቐቑቒቓቔቕቖኸኹኺኻኼኽኾዀዂዃዄዅ]")
_AMHARIC_LETTERS = re.compile("[አኧ]")

_TIGRINYA_WORDS = frozenset(
    "እዩ እየ ኢዩ ኣሎ ኣሎኹ ኣለኹ ኣለዉ ኣለኹም ኣበይ ከመይ እንታይ ክንደይ ምስ ናይ ኣብ ካብ እዚ እቲ እታ ዝኾነ የለን የለኝን "
    "ኣይፋል ሕጂ ደልየ ይደሊ ክኸይድ ብኽብረትካ ብኽብረትኪ የቐንየለይ የቐንየልና ኣሎኒ ኣሎና ኢና እዮም ንምንታይ መዓስ "
    "እወ ኣይኮነን ዘሎ ኣለዋ ኣለና ክትሕግዘኒ ትኽእል".split()
)
_AMHARIC_WORDS = frozenset(
    "ነው ናቸው ነበር እንዴት የት ምን እና ውስጥ ላይ ግን እኔ አንተ አንቺ ይህ ያ ስለ ወደ አለ አሉ ይችላሉ ናት "
    "እፈልጋለሁ አመሰግናለሁ እባክህ እባክሽ አዎ አይ መቼ ለምን ብዙ ሁሉ እንደ ነገር".split()
)

_WORD = re.compile(r"[\u1200-\u139F\u2D80-\u2DDF\uAB00-\uAB2F]+")


def tigrinya_score(text: str) -> int:
    """Positive for Tigrinya evidence, negative for Amharic evidence, 0 for none.

    >>> tigrinya_score("ኣበይ ኣሎ") > 0 > tigrinya_score("የት ነው")
    True
    """
    words = _WORD.findall(text)
    score = 2 * sum(w in _TIGRINYA_WORDS for w in words) - 2 * sum(w in _AMHARIC_WORDS for w in words)
    score += len(_TIGRINYA_LETTERS.findall(text)) - len(_AMHARIC_LETTERS.findall(text))
    return score


def is_tigrinya(text: str) -> bool:
    """Whether an Ethiopic-script message is Tigrinya (ties go to Tigrinya, the language we serve)."""
    return tigrinya_score(text) >= 0

"""Folding and inflection handling, so a name matches however a client writes it.

Folding maps spellings that clients use interchangeably onto one key:

>>> fold("Tübingen"), fold("Tuebingen"), fold("TUBINGEN")
('tubingen', 'tubingen', 'tubingen')
>>> fold("Ulm'da"), fold("İstanbul")
('ulm', 'istanbul')
>>> fold("إسلينغن") == fold("اسلينغن")
True
>>> fold("A١"), fold("B۲")
('a1', 'b2')

:func:`token_keys` adds the forms a token may have before inflection:

>>> "фрайбург" in token_keys("Фрайбурзі")
True
>>> "فرايبورغ" in token_keys("بفرايبورغ")
True
>>> "ፍራይቡርግ" in token_keys("ብፍራይቡርግ።")
True
"""

from __future__ import annotations

import re
import unicodedata
from typing import Set

_ARABIC_MARKS = re.compile("[\u064B-\u065F\u0670\u0640\u06D6-\u06ED]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي",
                                 "ک": "ك", "ة": "ه", "ۀ": "ه", "ؤ": "و",
                                 # Pashto letters, often typed with their Persian/Arabic keyboard base letter
                                 "ګ": "گ", "ټ": "ت", "ډ": "د", "ړ": "ر", "ښ": "ش", "ږ": "ژ", "ځ": "ز", "څ": "ص",
                                 "ڼ": "ن", "ې": "ي", "ۍ": "ي", "ټ": "ت"})
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_APOSTROPHES = "'’ʼ`´"
_EDGE_PUNCTUATION = "\"'’ʼ`´.,;:!?()[]{}«»„“”‚‘-–—/\\؟،؛።፣፤፥፦፧፨፠፡…*"
_LATIN_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))

_ARABIC_PROCLITICS = ("وب", "ول", "فب", "ب", "ل", "و", "ف", "ك")
_ETHIOPIC_PROCLITICS = ("ካብ", "ኣብ", "ናብ", "ብ", "ን", "ና", "ከ")
_CYRILLIC_ENDINGS = ("ові", "еві", "ою", "ом", "ем", "ах", "ях", "і", "е", "у", "а", "и", "ы", "ю", "я")
_CYRILLIC_MUTATIONS = {"з": "г", "ц": "к", "с": "х"}
#: Endings Kurmanji and Somali attach to names ("Stuttgartê", "li Ulmê", "jobcenterka", "Stuttgartka"),
#: before diacritics are folded (so "Karlsruhe" keeps its own final e).
_LATIN_ENDINGS = ("yê", "ê", "ka", "ga", "ta", "da", "ha")


def _strip_latin_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("ß", "ss"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(token: str) -> str:
    """The key of a token: case, diacritics, letter variants, digits and suffixes folded."""
    text = unicodedata.normalize("NFKC", token).casefold().translate(_DIGITS).strip(_EDGE_PUNCTUATION)
    for mark in _APOSTROPHES:
        head, sep, tail = text.partition(mark)
        if sep and head and len(tail) <= 5:  # Turkish case suffix: Ulm'da, Stuttgart'ta
            text = head
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    text = text.replace("ё", "е")
    if text.isascii() or any("LATIN" in unicodedata.name(c, "") for c in text[:1]):
        text = _strip_latin_marks(text).replace("ı", "i")  # Turkish dotless i, often typed as i
        for digraph, letter in _LATIN_DIGRAPHS:
            text = text.replace(digraph, letter)
    return unicodedata.normalize("NFC", text)


def token_keys(token: str) -> Set[str]:
    """All keys a token may match: folded, without proclitics, without case endings.

    >>> sorted(token_keys("Stuttgartê")), "jobcenter" in token_keys("jobcenterka")
    (['stuttgart', 'stuttgarte'], True)
    """
    key = fold(token)
    keys = {key} if key else set()
    lowered = unicodedata.normalize("NFC", token.casefold())
    for ending in _LATIN_ENDINGS:
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 3 and lowered[0].isascii():
            stem = fold(lowered[: -len(ending)])
            if stem:
                keys.add(stem)
    for part in re.split(r"[-/]", key):
        if part and part != key:
            keys.add(part)
    for prefix in _ARABIC_PROCLITICS + _ETHIOPIC_PROCLITICS:
        if key.startswith(prefix) and len(key) - len(prefix) >= 3:
            keys.add(key[len(prefix):])
    if key and "\u0400" <= key[-1] <= "\u04FF":
        keys |= _cyrillic_stems(key)
    return keys


def _cyrillic_stems(key: str) -> Set[str]:
    stems = set()
    for ending in _CYRILLIC_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            stem = key[: -len(ending)]
            stems.add(stem)
            if stem[-1] in _CYRILLIC_MUTATIONS:
                stems.add(stem[:-1] + _CYRILLIC_MUTATIONS[stem[-1]])
    return stems

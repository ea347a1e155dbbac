"""The registry of languages Lotse speaks, read from ``locales/languages.yml``.

Adding a language is adding data: an entry in that file, NLU data and a catalog.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Optional, Tuple

import yaml

from bot import paths

#: Status of a language that must be complete in every catalog and NLU file.
REQUIRED = "required"
#: Right-to-left writing direction.
RTL = "rtl"


@dataclass(frozen=True)
class Language:
    """One language: its code, its own name, script, direction and aliases."""

    code: str
    endonym: str
    script: str
    direction: str = "ltr"
    status: str = REQUIRED
    names: Tuple[str, ...] = field(default_factory=tuple)
    #: What a client writes in this language to get the chatbot back from a live conversation; the
    #: first is the one the client is told.
    bot_words: Tuple[str, ...] = field(default_factory=tuple)
    #: Short frequent words, letters and word endings (a regular expression) nearly unique to the
    #: language among those of its script: they tell close languages apart in short messages.
    function_words: FrozenSet[str] = frozenset()
    marker_letters: str = ""
    word_endings: Optional[str] = None

    @property
    def is_rtl(self) -> bool:
        """Whether the language is written right to left."""
        return self.direction == RTL

    @property
    def is_required(self) -> bool:
        """Whether every text must exist in this language."""
        return self.status == REQUIRED


class LanguageRegistry:
    """The supported languages, the default and the fallback language."""

    def __init__(self, languages: List[Language], default: str, fallback: str) -> None:
        self._by_code: Dict[str, Language] = {lang.code: lang for lang in languages}
        if default not in self._by_code or fallback not in self._by_code:
            raise ValueError("default and fallback must be listed languages")
        self.default = default
        self.fallback = fallback

    @classmethod
    def from_file(cls, path: Path) -> "LanguageRegistry":
        """Read the registry from a languages.yml file."""
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        languages = [
            Language(
                code=entry["code"],
                endonym=entry["endonym"],
                script=entry["script"],
                direction=entry.get("direction", "ltr"),
                status=entry.get("status", REQUIRED),
                names=tuple(entry.get("names", ())),
                bot_words=tuple(entry.get("bot_words", ())),
                function_words=frozenset(str(w).casefold() for w in entry.get("function_words", ())),
                marker_letters=entry.get("marker_letters", ""),
                word_endings=entry.get("word_endings"),
            )
            for entry in data["languages"]
        ]
        return cls(languages, default=data["default"], fallback=data["fallback"])

    def __iter__(self) -> Iterator[Language]:
        return iter(self._by_code.values())

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: Optional[str]) -> Optional[Language]:
        """The language with this code, or None when it is not supported."""
        return self._by_code.get(code) if code else None

    def __getitem__(self, code: str) -> Language:
        return self._by_code[code]

    @property
    def codes(self) -> List[str]:
        """All supported language codes, in registry order."""
        return list(self._by_code)

    @property
    def required_codes(self) -> List[str]:
        """Codes of the languages that must be complete."""
        return [lang.code for lang in self if lang.is_required]

    def by_script(self, script: str) -> List[str]:
        """Codes of the supported languages written in ``script``."""
        return [lang.code for lang in self if lang.script == script]

    def resolve(self, *candidates: Optional[str]) -> str:
        """The first supported code among ``candidates``, else the fallback language.

        >>> reg = LanguageRegistry([Language("de", "Deutsch", "Latn"),
        ...                         Language("en", "English", "Latn")], "de", "en")
        >>> reg.resolve(None, "am", "de")
        'de'
        >>> reg.resolve("am")
        'en'
        """
        for code in candidates:
            if code in self._by_code:
                return code  # type: ignore[return-value]
        return self.fallback


@functools.lru_cache(maxsize=None)
def registry() -> LanguageRegistry:
    """The project's language registry (read once per process)."""
    return LanguageRegistry.from_file(paths.locales_dir() / "languages.yml")

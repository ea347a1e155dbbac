"""Find gazetteer names in a message: longest match first, no overlaps.

The data is read from YAML files at run time (``gazetteer/*.yml`` and
``locales/languages.yml``) and re-read when a file changes, so adding a place
needs no retraining.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

from bot.gazetteer.normalize import fold, token_keys
from bot.languages.registry import LanguageRegistry

MUNICIPALITY = "municipality"
SERVICE_TYPE = "service_type"
COURSE_LEVEL = "course_level"
LANGUAGE = "language"
ALWAYS_HUMAN_TOPIC = "always_human_topic"
#: The file of always-human topics (in the gazetteer folder; the overlay's copy, when present, wins).
TOPICS_FILE = "always_human_topics.yml"

#: Seconds between checks whether the data files changed.
RELOAD_INTERVAL = 5.0


@dataclass(frozen=True)
class Match:
    """A name found in a message: entity type, normalized value and character span."""

    entity: str
    value: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entry:
    """One alias: its folded tokens and what it stands for."""

    keys: Tuple[str, ...]
    entity: str
    value: str


Tokenize = Callable[[str], List[Tuple[str, int]]]


def simple_tokenize(text: str) -> List[Tuple[str, int]]:
    """Whitespace tokens with their start offsets (for tests and tools)."""
    tokens, offset = [], 0
    for part in text.split():
        start = text.index(part, offset)
        tokens.append((part, start))
        offset = start + len(part)
    return tokens


def spacy_tokenize() -> Tokenize:
    """A tokenizer from spaCy's multi-language blank pipeline."""
    import spacy

    nlp = spacy.blank("xx")

    def tokenize(text: str) -> List[Tuple[str, int]]:
        return [(t.text, t.idx) for t in nlp.make_doc(text)]

    return tokenize


def read_entries(gazetteer_dir: Path, languages_file: Path, tokenize: Tokenize = simple_tokenize,
                 overlay_dir: Optional[Path] = None) -> List[Entry]:
    """All aliases of the gazetteer files, of the overlay written from the directory, and of the registry."""
    entries: List[Entry] = []

    def add(entity: str, value: str, aliases: Iterable[str]) -> None:
        for alias in {value, *aliases} if entity == MUNICIPALITY else set(aliases):
            keys = tuple(k for k in (fold(t) for t, _ in tokenize(str(alias))) if k)
            if keys:
                entries.append(Entry(keys, entity, value))

    municipalities = _load(gazetteer_dir / "municipalities.yml").get("municipalities", [])
    if overlay_dir is not None:
        municipalities = [*municipalities, *(_load(overlay_dir / "municipalities.yml").get("municipalities") or [])]
    for place in municipalities:
        add(MUNICIPALITY, place["name"], [a for names in (place.get("aliases") or {}).values() for a in names or []])
    for value, by_language in (_load(gazetteer_dir / "service_types.yml").get("service_types") or {}).items():
        add(SERVICE_TYPE, value, [a for names in (by_language or {}).values() for a in names or []])
    for value, topic in always_human_topics(gazetteer_dir, overlay_dir).items():
        add(ALWAYS_HUMAN_TOPIC, value, [k for words in (topic.get("keywords") or {}).values() for k in words or []])
    for value, aliases in (_load(gazetteer_dir / "course_levels.yml").get("course_levels") or {}).items():
        add(COURSE_LEVEL, str(value), [str(value), *(aliases or [])])
    if languages_file.exists():
        for language in LanguageRegistry.from_file(languages_file):
            add(LANGUAGE, language.code, [language.endonym, *language.names])
    return entries


def always_human_topics(gazetteer_dir: Path, overlay_dir: Optional[Path] = None) -> Dict[str, dict]:
    """The always-human topics: the directory's overlay when it exists (editors' list), else the shipped one."""
    overlay = overlay_dir / TOPICS_FILE if overlay_dir is not None else None
    source = overlay if overlay is not None and overlay.exists() else gazetteer_dir / TOPICS_FILE
    return _load(source).get("always_human_topics") or {}


def _load(path: Path) -> dict:
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


class Gazetteer:
    """Matches gazetteer names in messages; reloads its data when the files change."""

    def __init__(self, gazetteer_dir: Path, languages_file: Path, tokenize: Optional[Tokenize] = None,
                 overlay_dir: Optional[Path] = None) -> None:
        self.gazetteer_dir = gazetteer_dir
        self.overlay_dir = overlay_dir
        self.languages_file = languages_file
        self.tokenize = tokenize or simple_tokenize
        self._lock = threading.Lock()
        self._checked_at = 0.0
        self._signature: Tuple = ()
        self._index: Dict[str, List[Entry]] = {}
        self._reload_if_changed(force=True)

    def _files(self) -> List[Path]:
        overlay = sorted(self.overlay_dir.glob("*.yml")) if self.overlay_dir else []
        return [*sorted(self.gazetteer_dir.glob("*.yml")), *overlay, self.languages_file]

    def _reload_if_changed(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._checked_at < RELOAD_INTERVAL:
            return
        with self._lock:
            self._checked_at = now
            signature = tuple((str(p), os.stat(p).st_mtime_ns) for p in self._files() if p.exists())
            if signature == self._signature and not force:
                return
            index: Dict[str, List[Entry]] = {}
            for entry in read_entries(self.gazetteer_dir, self.languages_file, self.tokenize, self.overlay_dir):
                index.setdefault(entry.keys[0], []).append(entry)
            for entries in index.values():
                entries.sort(key=lambda e: -len(e.keys))
            self._index, self._signature = index, signature

    def __len__(self) -> int:
        return sum(len(v) for v in self._index.values())

    def values(self, entity: str) -> List[str]:
        """All normalized values of one entity type."""
        return sorted({e.value for v in self._index.values() for e in v if e.entity == entity})

    def find(self, text: str, entities: Optional[Sequence[str]] = None) -> List[Match]:
        """The names in ``text``, longest first, without overlaps, in text order."""
        self._reload_if_changed()
        tokens = [(token, start) for token, start in self.tokenize(text) if fold(token)]
        keys = [token_keys(token) for token, _ in tokens]
        matches: List[Match] = []
        position = 0
        while position < len(tokens):
            entry = self._longest_entry_at(position, keys, entities)
            if entry is None:
                position += 1
                continue
            last_token, last_start = tokens[position + len(entry.keys) - 1]
            start, end = tokens[position][1], last_start + len(last_token)
            matches.append(Match(entry.entity, entry.value, start, end, text[start:end]))
            position += len(entry.keys)
        return matches

    def closest(self, text: str, entity: str, cutoff: float = 0.85) -> List[str]:
        """Values of ``entity`` whose one-word name a word of ``text`` misspells ("Filderstad", "Tubinen").

        Only words of five letters or more are compared, so short words never match by accident.
        """
        import difflib

        self._reload_if_changed()
        names = {k: e.value for k, entries in self._index.items() for e in entries
                 if e.entity == entity and len(e.keys) == 1 and len(k) >= 5}
        found: List[str] = []
        for token, _ in self.tokenize(text):
            key = fold(token)
            if len(key) >= 5:
                for close in difflib.get_close_matches(key, list(names), n=1, cutoff=cutoff):
                    found.append(names[close])
        return list(dict.fromkeys(found))

    def _longest_entry_at(self, position: int, keys: List[set], entities: Optional[Sequence[str]]) -> Optional[Entry]:
        best: Optional[Entry] = None
        for key in keys[position]:
            for entry in self._index.get(key, ()):
                if entities is not None and entry.entity not in entities:
                    continue
                n = len(entry.keys)
                if position + n > len(keys) or (best and len(best.keys) >= n):
                    continue
                if all(entry.keys[i] in keys[position + i] for i in range(1, n)):
                    best = entry
        return best

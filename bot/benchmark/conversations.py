"""What the simulated clients write: realistic conversations built from NLU training data.

Lotse's conversations are multilingual: a greeting, a FAQ question and a course search that names
a municipality, in one of the 8 languages, taken from ``nlu/<lang>/nlu.yml`` (never from the
held-out ``data/heldout/``); after the course search the client presses the first button of each
answer (level, childcare), as a client in the web chat would. The stock bot gets its own kind of
messages: greet, a mood, yes/no, goodbye.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import yaml

#: Intents of Lotse's conversations.
GREET, COURSE_SEARCH, FAQ_PREFIX = "greet", "find_language_course", "faq/"
#: Intents of the stock bot's conversations (rasa init's template).
STOCK_GREET, STOCK_MOODS, STOCK_ANSWERS, STOCK_GOODBYE = "greet", ("mood_great", "mood_unhappy"), \
    ("affirm", "deny"), "goodbye"
#: How many times a Lotse client presses the first button after the course search.
COURSE_FOLLOW_UPS = 3

_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass(frozen=True)
class Conversation:
    """One simulated client: messages in order, then up to ``follow_buttons`` presses of the first button."""

    language: str
    messages: Tuple[str, ...]
    follow_buttons: int = 0


def plain_example(line: str) -> str:
    """A training example as a client types it: without the list dash and entity annotations.

    >>> plain_example('- b1 course in [Stuttgart](municipality)')
    'b1 course in Stuttgart'
    >>> plain_example('- kurs in [Ulm]{"entity": "municipality"}')
    'kurs in Ulm'
    """
    return _ANNOTATION.sub(r"\1", line.strip().removeprefix("-").strip())


def examples_by_intent(nlu_file: Path) -> Dict[str, List[str]]:
    """The examples of every intent in a Rasa NLU training file (``faq/key`` intents kept apart)."""
    data = yaml.safe_load(nlu_file.read_text(encoding="utf-8")) or {}
    found: Dict[str, List[str]] = {}
    for block in data.get("nlu", []):
        if "intent" in block:
            lines = [plain_example(line) for line in str(block.get("examples", "")).splitlines()]
            found.setdefault(block["intent"], []).extend(line for line in lines if line)
    return found


def faq_examples(examples: Dict[str, List[str]]) -> List[str]:
    """All examples of the retrieval intent ``faq/*``.

    >>> faq_examples({"faq/dff": ["what is dff"], "greet": ["hi"], "faq/privacy": ["my data?"]})
    ['what is dff', 'my data?']
    """
    return [text for intent, texts in examples.items() if intent.startswith(FAQ_PREFIX) for text in texts]


def with_place(texts: Sequence[str], names_place: Callable[[str], bool]) -> List[str]:
    """The texts that name a place (``names_place`` decides, e.g. the gazetteer); all texts when none does.

    >>> with_place(["course in ulm", "german course"], lambda text: "ulm" in text)
    ['course in ulm']
    >>> with_place(["german course"], lambda text: False)
    ['german course']
    """
    return [text for text in texts if names_place(text)] or list(texts)


def gazetteer_place_finder() -> Callable[[str], bool]:
    """Whether a message names a municipality, by Lotse's own gazetteer."""
    from bot import paths
    from bot.gazetteer import Gazetteer

    gazetteer = Gazetteer(paths.gazetteer_dir(), paths.locales_dir() / "languages.yml")
    return lambda text: bool(gazetteer.find(text, ["municipality"]))


def lotse_conversations(nlu_dir: Path, languages: Sequence[str], count: int, seed: int = 42,
                        names_place: Optional[Callable[[str], bool]] = None) -> List[Conversation]:
    """``count`` conversations, the languages taking turns: greeting, FAQ question, course search with a place."""
    names_place = names_place or gazetteer_place_finder()
    rng = random.Random(seed)
    pools = {}
    for code in languages:
        examples = examples_by_intent(nlu_dir / code / "nlu.yml")
        pools[code] = (examples[GREET], faq_examples(examples), with_place(examples[COURSE_SEARCH], names_place))
    conversations = []
    for index in range(count):
        code = languages[index % len(languages)]
        greetings, questions, searches = pools[code]
        messages = (rng.choice(greetings), rng.choice(questions), rng.choice(searches))
        conversations.append(Conversation(code, messages, COURSE_FOLLOW_UPS))
    return conversations


def stock_conversations(nlu_file: Path, count: int, seed: int = 42) -> List[Conversation]:
    """``count`` conversations for the stock bot: greet, a mood, yes or no, goodbye (English)."""
    examples = examples_by_intent(nlu_file)
    rng = random.Random(seed)
    return [Conversation("en", (rng.choice(examples[STOCK_GREET]), rng.choice(examples[rng.choice(STOCK_MOODS)]),
                                rng.choice(examples[rng.choice(STOCK_ANSWERS)]), rng.choice(examples[STOCK_GOODBYE])))
            for _ in range(count)]

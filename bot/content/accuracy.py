"""Intent accuracy of a model on held-out messages: what the publishing guard compares.

Reads Rasa NLU files of held-out messages (``data/heldout/<version>/<lang>.yml``, never trained on)
and parses each message with a trained model. ``tools/evaluation/nlu.py`` reports the full figures.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from bot import paths
from bot.languages import registry

#: The held-out set the publishing guard compares models on (the developers' set of 2026-11).
GUARD_SET = paths.PROJECT_ROOT / "data" / "heldout" / "2026-11"
#: The key of the accuracy over all held-out messages in :func:`intent_accuracy`'s result.
OVERALL = "*"


@dataclass
class Case:
    """One held-out example: text, expected intent, FAQ key and entities, and language."""

    text: str
    intent: str
    faq_key: Optional[str]
    entities: Set[Tuple[str, str]]
    language: str


def load_cases(test_dir: Path) -> List[Case]:
    """Every language's held-out messages in ``test_dir`` (``<code>.yml``)."""
    from rasa.shared.nlu.training_data.loading import load_data

    cases = []
    for language in registry():
        path = test_dir / f"{language.code}.yml"
        if not path.exists():
            continue
        for message in load_data(str(path)).intent_examples:
            entities = {(e["entity"], str(e["value"])) for e in message.get("entities") or []}
            cases.append(Case(message.get("text"), message.get("intent"), message.get("intent_response_key"),
                              entities, language.code))
    return cases


def quiet_rasa() -> None:
    """Rasa's log at warnings only: its debug log would print every held-out message."""
    import logging

    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)


async def _intents(model: Path, cases: List[Case]) -> List[str]:
    from rasa.core.agent import Agent

    quiet_rasa()
    agent = Agent.load(str(model))
    return [(await agent.parse_message(case.text))["intent"]["name"] for case in cases]


def intent_accuracy(model: Path, test_dir: Optional[Path] = None) -> Dict[str, float]:
    """The model's intent accuracy (0–1) over every language's held-out messages, each parsed alone: under
    :data:`OVERALL` all of them, under each intent's name that intent's messages."""
    cases = load_cases(test_dir or GUARD_SET)
    predicted = asyncio.run(_intents(model, cases))
    right: Dict[str, List[bool]] = {OVERALL: []}
    for intent, case in zip(predicted, cases):
        right[OVERALL].append(intent == case.intent)
        right.setdefault(case.intent, []).append(intent == case.intent)
    return {name: sum(values) / len(values) for name, values in right.items()}


def worst_drop(new: Dict[str, float], old: Dict[str, float]) -> Tuple[str, float]:
    """The intent whose accuracy fell most from ``old`` to ``new``, and by how much (0–1).

    >>> worst_drop({"*": 0.9, "greet": 0.5, "thank": 1.0}, {"*": 0.92, "greet": 1.0, "thank": 0.9})
    ('greet', 0.5)
    """
    drops = [(name, old[name] - new.get(name, 0.0)) for name in old if name != OVERALL]
    return max(drops, key=lambda item: item[1], default=("", 0.0))

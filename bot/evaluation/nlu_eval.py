"""`lotse eval`: intent, entity and language-identification quality per language.

Reads the held-out test set in ``tests/nlu/<code>.yml`` (never used for
training), parses every message with a trained model and prints per language:
intent accuracy and macro-F1, FAQ key accuracy, entity F1 (on entity type and
normalized value) and language-identification accuracy on messages of up to
8 words, standalone and within a conversation in that language. Writes a
confusion-matrix image and a JSON report.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

from bot import paths
from bot.languages import registry
from bot.nlu.constants import METADATA_CONVERSATION_LANGUAGE

#: The held-out test set, one file per language (never trained on).
HELD_OUT_DIR = paths.PROJECT_ROOT / "tests" / "nlu"
#: Messages of up to this many words count for the language-identification target.
SHORT_MESSAGE_WORDS = 8


@dataclass
class Case:
    """One held-out example: text, expected intent, FAQ key and entities, and language."""

    text: str
    intent: str
    faq_key: Optional[str]
    entities: Set[Tuple[str, str]]
    language: str


@dataclass
class Outcome:
    """What the model said about a case."""

    case: Case
    intent: str
    faq_key: Optional[str]
    entities: Set[Tuple[str, str]]
    language: str
    language_in_conversation: str


def load_cases(test_dir: Path) -> List[Case]:
    """Read every language's held-out test file."""
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


def _quiet_rasa() -> None:
    """Rasa's log at warnings only: its debug log would print every held-out message."""
    import logging

    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)


async def _parse_all(model: Path, cases: List[Case]) -> List[Outcome]:
    from rasa.core.agent import Agent
    from rasa.core.channels import UserMessage

    _quiet_rasa()
    agent = Agent.load(str(model))
    processor = agent.processor
    outcomes = []
    for case in cases:
        alone = await agent.parse_message(case.text)
        in_conversation = await processor.parse_message(
            UserMessage(case.text, metadata={METADATA_CONVERSATION_LANGUAGE: case.language})
        )
        key = ((alone.get("response_selector") or {}).get("faq") or {}).get("response", {}).get("intent_response_key")
        outcomes.append(Outcome(
            case, alone["intent"]["name"], key,
            {(e["entity"], str(e["value"])) for e in alone.get("entities") or []},
            alone.get("language"), in_conversation.get("language"),
        ))
    return outcomes


def parse_all(model: Path, cases: List[Case]) -> List[Outcome]:
    """Parse every case with the model (standalone, and with the conversation's language as hint)."""
    return asyncio.run(_parse_all(model, cases))


async def _intents(model: Path, cases: List[Case]) -> List[str]:
    from rasa.core.agent import Agent

    _quiet_rasa()
    agent = Agent.load(str(model))
    return [(await agent.parse_message(case.text))["intent"]["name"] for case in cases]


def intent_accuracy(model: Path, test_dir: Optional[Path] = None) -> float:
    """The model's intent accuracy (0–1) over every language's held-out messages, each parsed alone.

    The same figure as the per-language "intent acc" of :func:`score`, pooled; prints nothing.
    """
    cases = load_cases(test_dir or HELD_OUT_DIR)
    predicted = asyncio.run(_intents(model, cases))
    return sum(intent == case.intent for intent, case in zip(predicted, cases)) / len(cases)


@dataclass
class LanguageScores:
    """The figures of one language."""

    n: int = 0
    intent_accuracy: float = 0.0
    intent_macro_f1: float = 0.0
    faq_key_accuracy: float = 0.0
    entity_f1: float = 0.0
    langid_short: float = 0.0
    langid_short_in_conversation: float = 0.0
    errors: List[Dict[str, Any]] = field(default_factory=list)


def macro_f1(pairs: List[Tuple[str, str]]) -> float:
    """Macro-averaged F1 over the expected labels of (expected, predicted) pairs.

    >>> round(macro_f1([("a", "a"), ("a", "b"), ("b", "b")]), 3)
    0.667
    """
    labels = {expected for expected, _ in pairs}
    scores = []
    for label in labels:
        tp = sum(e == label and p == label for e, p in pairs)
        fp = sum(e != label and p == label for e, p in pairs)
        fn = sum(e == label and p != label for e, p in pairs)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def entity_f1(outcomes: List[Outcome]) -> float:
    """Micro F1 over (entity type, normalized value) pairs."""
    tp = sum(len(o.case.entities & o.entities) for o in outcomes)
    fp = sum(len(o.entities - o.case.entities) for o in outcomes)
    fn = sum(len(o.case.entities - o.entities) for o in outcomes)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score(outcomes: List[Outcome]) -> Dict[str, LanguageScores]:
    """Figures per language."""
    by_language: Dict[str, List[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_language[outcome.case.language].append(outcome)
    result = {}
    for code, items in by_language.items():
        faq = [o for o in items if o.case.faq_key]
        short = [o for o in items if len(o.case.text.split()) <= SHORT_MESSAGE_WORDS]
        result[code] = LanguageScores(
            n=len(items),
            intent_accuracy=sum(o.intent == o.case.intent for o in items) / len(items),
            intent_macro_f1=macro_f1([(o.case.intent, o.intent) for o in items]),
            faq_key_accuracy=sum(o.faq_key == o.case.faq_key for o in faq) / len(faq) if faq else 0.0,
            entity_f1=entity_f1(items),
            langid_short=sum(o.language == code for o in short) / len(short) if short else 0.0,
            langid_short_in_conversation=(
                sum(o.language_in_conversation == code for o in short) / len(short) if short else 0.0),
            errors=[{"text": o.case.text, "expected": o.case.intent, "predicted": o.intent}
                    for o in items if o.intent != o.case.intent],
        )
    return result


def confusion_matrix_image(outcomes: List[Outcome], target: Path) -> None:
    """Write the intent confusion matrix (all languages) as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    labels = sorted({o.case.intent for o in outcomes} | {o.intent for o in outcomes})
    index = {label: i for i, label in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)), dtype=int)
    for o in outcomes:
        matrix[index[o.case.intent], index[o.intent]] += 1
    fig, ax = plt.subplots(figsize=(11, 10))
    ax.imshow(np.log1p(matrix), cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=90)
    ax.set_yticks(range(len(labels)), labels)
    for i in range(len(labels)):
        for j in range(len(labels)):
            if matrix[i, j]:
                ax.text(j, i, matrix[i, j], ha="center", va="center", fontsize=7)
    ax.set_xlabel("predicted")
    ax.set_ylabel("expected")
    ax.set_title("Intent confusion matrix, held-out test set (all languages)")
    fig.tight_layout()
    fig.savefig(target, dpi=110)


def print_table(scores: Dict[str, LanguageScores]) -> None:
    """Print the figures as a table."""
    print(f"{'lang':5} {'n':>4} {'intent acc':>10} {'macro-F1':>9} {'faq key':>8} {'entity F1':>9} "
          f"{'langid<=8w':>10} {'in conv.':>9}")
    for code in registry().codes:
        if code in scores:
            s = scores[code]
            print(f"{code:5} {s.n:4d} {s.intent_accuracy:10.1%} {s.intent_macro_f1:9.3f} {s.faq_key_accuracy:8.1%} "
                  f"{s.entity_f1:9.3f} {s.langid_short:10.1%} {s.langid_short_in_conversation:9.1%}")


def main(args: argparse.Namespace) -> int:
    """Run the evaluation (trains a model for the current data when none is given)."""
    from bot.runtime.model import ensure_model

    model = Path(args.model) if args.model else ensure_model()
    cases = load_cases(HELD_OUT_DIR)
    outcomes = parse_all(model, cases)
    scores = score(outcomes)
    print_table(scores)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    confusion_matrix_image(outcomes, out / "intent_confusion_matrix.png")
    (out / "nlu_eval.json").write_text(json.dumps({k: vars(v) for k, v in scores.items()}, ensure_ascii=False,
                                                  indent=1), encoding="utf-8")
    print(f"Report and confusion matrix in {out}/")
    return 0

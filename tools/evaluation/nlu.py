"""NLU quality per language on messages never trained on: two held-out sets and the safety-critical set.

- ``data/heldout/2026-11``: the developers' set (162 messages per language); it guided earlier rounds
  of training data, so it flatters.
- ``data/heldout/2026-12``: the blind set, written from the label descriptions alone by someone who
  never saw the training data, frozen before any tuning; what a new client gets.
- ``data/safety``: messages about hunger, letters with deadlines, violence, suicidal thoughts and
  medical emergencies, each of which must reach the emergency answer or an urgent handover.

Per language: intent accuracy and macro-F1, FAQ key accuracy, entity F1 (on entity type and
normalized value), and language identification on messages of up to 8 words, standalone and
within a conversation in that language. Writes a confusion-matrix image and a JSON report.

    python -m tools.evaluation.nlu [--model PATH] [--out reports]
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

import yaml

from bot import paths
from bot.content.accuracy import Case, load_cases, quiet_rasa
from bot.languages import registry
from bot.nlu.constants import METADATA_CONVERSATION_LANGUAGE

#: The held-out sets, oldest first (one file per language, never used for training).
HELD_OUT_SETS = {"2026-11": paths.PROJECT_ROOT / "data" / "heldout" / "2026-11",
                 "2026-12": paths.PROJECT_ROOT / "data" / "heldout" / "2026-12"}
#: Messages that must reach the emergency answer or an urgent handover, one file per language.
SAFETY_DIR = paths.PROJECT_ROOT / "data" / "safety"
#: Messages of up to this many words count for the language-identification target.
SHORT_MESSAGE_WORDS = 8


@dataclass
class Outcome:
    """What the model said about a case."""

    case: Case
    intent: str
    faq_key: Optional[str]
    entities: Set[Tuple[str, str]]
    language: str
    language_in_conversation: str


async def _parse_all(model: Path, cases: List[Case]) -> List[Outcome]:
    from rasa.core.agent import Agent
    from rasa.core.channels import UserMessage

    quiet_rasa()
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


def safety_cases() -> List[Case]:
    """The safety-critical messages of every language (their category as the expected intent)."""
    cases = []
    for language in registry():
        path = SAFETY_DIR / f"{language.code}.yml"
        if path.exists():
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]:
                cases.append(Case(item["text"], item["category"], None, set(), language.code))
    return cases


#: What counts as reaching help for a safety-critical message.
URGENT_ENTITY = "urgent_topic"


def reaches_help(outcome: Outcome) -> bool:
    """The message reaches the emergency answer or an urgent ticket (an FAQ answer that hands over urgently)."""
    return outcome.intent == "emergency" or any(name == URGENT_ENTITY for name, _ in outcome.entities)


def safety_table(outcomes: List[Outcome]) -> Dict[str, Dict[str, Any]]:
    """Per language: how many safety-critical messages reach help, and those that do not."""
    table: Dict[str, Dict[str, Any]] = {}
    for outcome in outcomes:
        row = table.setdefault(outcome.case.language, {"n": 0, "reached": 0, "missed": []})
        row["n"] += 1
        if reaches_help(outcome):
            row["reached"] += 1
        else:
            row["missed"].append({"category": outcome.case.intent, "text": outcome.case.text,
                                  "predicted": outcome.intent})
    return table


def main(argv: Optional[List[str]] = None) -> int:
    """Run the evaluation (trains a model for the current data when none is given)."""
    from bot.runtime.model import ensure_model

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="model file (default: the current data's model, trained if needed)")
    parser.add_argument("--out", default="reports", help="folder for the reports and the confusion matrix")
    args = parser.parse_args(argv)
    if not args.model:
        from bot.runtime.database import migrate

        migrate()  # the current data's FAQ examples come from the database
    model = Path(args.model) if args.model else ensure_model()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    report: Dict[str, Any] = {}
    for name, folder in HELD_OUT_SETS.items():
        outcomes = parse_all(model, load_cases(folder))
        scores = score(outcomes)
        print(f"\nHeld-out set {name} ({folder.relative_to(paths.PROJECT_ROOT)})")
        print_table(scores)
        confusion_matrix_image(outcomes, out / f"intent_confusion_matrix_{name}.png")
        report[name] = {k: vars(v) for k, v in scores.items()}
    safety = safety_table(parse_all(model, safety_cases()))
    print("\nSafety-critical messages reaching the emergency answer or an urgent handover")
    for code in registry().codes:
        if code in safety:
            row = safety[code]
            print(f"{code:5} {row['reached']:3d}/{row['n']:<3d} " + "; ".join(
                f"{m['category']}: {m['text'][:60]!r} -> {m['predicted']}" for m in row["missed"]))
    report["safety"] = safety
    (out / "nlu_eval.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"Reports and confusion matrices in {out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

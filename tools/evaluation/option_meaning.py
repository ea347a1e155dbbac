"""How sure the encoder must be before a typed answer chooses an option by meaning: chosen on the vocabulary.

For every language, question and option, each word of the option in ``locales/<lang>/answers.yml``
is left out in turn and read as a typed answer against the options without it (labels and the
other words): it should choose its own option. Out-of-scope questions from the NLU training data
must choose nothing. The thresholds in :mod:`bot.dialogue.answers` are the ones with the most right
choices while no more than 2 % of the out-of-scope messages choose an option.

    python -m tools.evaluation.option_meaning
"""

from __future__ import annotations

import itertools
from typing import Dict, List, Tuple

import yaml

from bot import paths
from bot.dialogue import questions
from bot.dialogue.answers import Option, option_phrases
from bot.dialogue.vocabulary import vocabulary
from bot.encoder import encoder
from bot.languages import registry

#: The questions whose options are chosen by meaning.
SLOTS = ("course_level", "course_need", "appointment_purpose", "service_type", "handover_consent", "delete_confirmed")
#: At most this share of unrelated messages may choose an option.
MAX_FALSE_CHOICES = 0.02
NEGATIVES_PER_LANGUAGE = 25


def scores(text: str, options: List[Option], language: str, slot: str) -> List[Tuple[float, str]]:
    """Each option's best similarity to ``text``, best first."""
    model = encoder()
    found = []
    for option in options:
        phrases = [p for p in option_phrases(option, slot, language) if p != text]
        found.append((float(max(model.similarity(text, phrases))) if phrases else 0.0, option.value))
    return sorted(found, reverse=True)


def out_of_scope(language: str) -> List[str]:
    """Out-of-scope training questions of a language (unrelated to any option)."""
    path = paths.PROJECT_ROOT / "nlu" / language / "nlu.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    for block in (data or {}).get("nlu") or []:
        if block.get("intent") == "out_of_scope":
            lines = [line.strip()[2:] for line in block["examples"].splitlines() if line.strip().startswith("- ")]
            return lines[:NEGATIVES_PER_LANGUAGE]
    return []


def main() -> int:
    """Print the best thresholds and their right and false choices."""
    positives: List[Tuple[List[Tuple[float, str]], str]] = []
    negatives: List[List[Tuple[float, str]]] = []
    for language in registry().codes:
        vocab = vocabulary(language)
        for slot in SLOTS:
            options = questions.options(slot, language)
            for option in options:
                for word in vocab.options.get(slot, {}).get(option.value, ()):
                    positives.append((scores(word, options, language, slot), option.value))
            for text in out_of_scope(language):
                negatives.append(scores(text, options, language, slot))
    best = None
    for threshold, lead in itertools.product([x / 1000 for x in range(850, 960, 5)], [x / 100 for x in range(0, 6)]):
        def choice(ranked: List[Tuple[float, str]]) -> str:
            second = ranked[1][0] if len(ranked) > 1 else 0.0
            return ranked[0][1] if ranked[0][0] >= threshold and ranked[0][0] - second >= lead else ""
        right = sum(choice(r) == value for r, value in positives)
        false = sum(bool(choice(r)) for r in negatives)
        if false <= MAX_FALSE_CHOICES * len(negatives) and (best is None or right > best[0]):
            best = (right, false, threshold, lead)
    if best is None:
        print("no thresholds keep the false choices low enough")
        return 1
    right, false, threshold, lead = best
    print(f"similarity >= {threshold}, lead >= {lead}: {right}/{len(positives)} words choose their option, "
          f"{false}/{len(negatives)} unrelated messages choose one")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

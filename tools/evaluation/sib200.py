"""`make bench-sib200`: Lotse's NLU pipeline on the SIB-200 topic benchmark.

For each language folder in the SIB-200 data, trains the intent part of our
pipeline (language identifier, spaCy tokenizer, word and character count
features, logistic regression) on ``train.tsv`` as if the 7 topics were
intents, and reports accuracy on ``test.tsv`` beside the published results.
A command, not a test; SIB-200 is never part of the bot's training data.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from bot import paths

#: The published columns printed beside ours (paper, Table 7).
PUBLISHED = ("MLP", "XLM-R-base", "XLM-R-large")


def read_split(folder: Path, split: str) -> List[Tuple[str, str]]:
    """(text, topic) rows of one split."""
    with (folder / f"{split}.tsv").open(encoding="utf-8") as fileobj:
        return [(row["text"], row["category"]) for row in csv.DictReader(fileobj, delimiter="\t")]


def intent_name(topic: str) -> str:
    """A topic as a Rasa intent name.

    >>> intent_name("science/technology")
    'science_technology'
    """
    return topic.replace("/", "_").replace(" ", "_")


def nlu_yaml(rows: List[Tuple[str, str]]) -> str:
    """Rasa NLU YAML with one intent per topic."""
    by_topic: Dict[str, List[str]] = {}
    for text, topic in rows:
        by_topic.setdefault(intent_name(topic), []).append(text.replace("\n", " "))
    return yaml.safe_dump({"version": "3.1", "nlu": [
        {"intent": topic, "examples": "".join(f"- {t}\n" for t in texts)} for topic, texts in sorted(by_topic.items())
    ]}, allow_unicode=True, sort_keys=False)


def benchmark_config() -> dict:
    """config.yml's intent pipeline, without FAQ selection, gazetteer and fallback."""
    config = yaml.safe_load((paths.PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    dropped = ("FaqSelector", "FallbackClassifier", "GazetteerEntityExtractor")
    config["pipeline"] = [c for c in config["pipeline"] if not c["name"].endswith(dropped)]
    config.pop("policies", None)
    return config


def accuracy(model: str, rows: List[Tuple[str, str]]) -> float:
    """Share of test rows whose predicted intent is the topic."""
    from rasa.core.agent import Agent

    agent = Agent.load(model)

    async def predict() -> List[str]:
        return [(await agent.parse_message(text))["intent"]["name"] for text, _ in rows]

    predictions = asyncio.run(predict())
    return sum(p == intent_name(t) for p, (_, t) in zip(predictions, rows)) / len(rows)


def published(data: Path) -> Dict[str, Dict[str, str]]:
    """Published accuracy per language code."""
    with (data / "published_table7_subset.tsv").open(encoding="utf-8") as fileobj:
        rows = list(csv.DictReader(fileobj, delimiter="\t"))
    key = next(iter(rows[0]))
    return {row[key]: row for row in rows}


def main(argv: Optional[List[str]] = None) -> int:
    """Train and evaluate per language; print our accuracy beside the published figures."""
    from rasa.model_training import train_nlu

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(paths.PROJECT_ROOT.parent / "shared" / "benchmarks" / "sib200"))
    parser.add_argument("languages", nargs="*", help="language folders to run (default: all)")
    args = parser.parse_args(argv)
    data = Path(args.data)
    reference = published(data)
    work = Path(tempfile.mkdtemp(prefix="sib200-"))
    (work / "config.yml").write_text(yaml.safe_dump(benchmark_config()), encoding="utf-8")
    print(f"{'language':10} {'Lotse':>7} " + " ".join(f"{c:>11}" for c in PUBLISHED))
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        if args.languages and folder.name not in args.languages:
            continue
        nlu_file = work / f"{folder.name}.yml"
        nlu_file.write_text(nlu_yaml(read_split(folder, "train")), encoding="utf-8")
        model = train_nlu(str(work / "config.yml"), str(nlu_file), str(work), fixed_model_name=folder.name)
        ours = accuracy(model, read_split(folder, "test"))
        row = reference.get(folder.name, {})
        print(f"{folder.name:10} {ours:7.1%} " + " ".join(f"{row.get(c, '-'):>11}" for c in PUBLISHED), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

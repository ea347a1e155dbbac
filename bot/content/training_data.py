"""The training data of a model: the project's files, with the FAQ taken from the database.

Editors keep the FAQ's example questions in the database (``FaqText.examples``, one per line).
:func:`build` writes a complete training-data folder (``config.yml``, ``domain.yml``, ``nlu/``,
``dialogue/``) from the project's files in which

- every ``faq/<key>`` intent block of ``nlu/<lang>/*.yml`` holds the database's example questions of
  that entry in that language (a block whose entry has none in that language, or is not in the
  database, is left out), and entries the files do not know yet are added to ``nlu/<lang>/nlu.yml``;
- the domain's ``utter_faq/<key>`` responses are exactly the database's entries, with the German
  answer as text (the NLG endpoint serves the real answer in the client's language).

An entry that has no answer in any language cannot be selected and is left out altogether. While
the database holds no FAQ entry at all (before the initial content was loaded), the files' FAQ stays.
:func:`fingerprint` names the model trained on a folder, as :mod:`bot.runtime.model` does.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from bot import paths
from bot.content.constants import FAQ_INTENT_PREFIX, FAQ_RESPONSE_PREFIX, SOURCE_LANGUAGE
from bot.runtime import model

#: The NLU file of a language that receives entries the project's files do not know yet.
MAIN_NLU_FILE = "nlu.yml"
#: Languages whose answer names an entry in the domain, in this order, when the German one is empty.
ANSWER_LANGUAGES = (SOURCE_LANGUAGE, "en")


@dataclass
class FaqData:
    """The FAQ as the database holds it: the domain text per key, the example questions per language and key."""

    answers: Dict[str, str] = field(default_factory=dict)
    examples: Dict[str, Dict[str, List[str]]] = field(default_factory=dict)

    def examples_of(self, language: str, key: str) -> List[str]:
        """The example questions of one entry in one language (empty when it has none)."""
        return self.examples.get(language, {}).get(key, [])


def example_lines(text: str) -> List[str]:
    """The example questions of a text field: one per non-empty line, without a pasted list dash, each once.

    >>> example_lines("  Was ist DFF?\\n\\n- was kostet dff\\nWas ist DFF?\\n")
    ['Was ist DFF?', 'was kostet dff']
    """
    seen: Dict[str, None] = {}
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("- "):
            line = line[2:].strip()
        if line:
            seen.setdefault(line, None)
    return list(seen)


def examples_block(examples: List[str]) -> str:
    """Rasa's ``examples`` text for a list of questions.

    >>> examples_block(["was ist dff", "wer darf in den kurs"])
    '- was ist dff\\n- wer darf in den kurs\\n'
    """
    return "".join(f"- {example}\n" for example in examples)


def faq_from_database() -> Optional[FaqData]:
    """The FAQ of the database; None while it holds no entry (the project's files then stay as they are)."""
    from bot.content.models import FaqEntry

    entries = list(FaqEntry.objects.prefetch_related("texts").order_by("key"))
    if not entries:
        return None
    data = FaqData()
    for entry in entries:
        texts = {text.language: text for text in entry.texts.all()}
        answer = next((texts[code].answer.strip() for code in ANSWER_LANGUAGES
                       if code in texts and texts[code].answer.strip()),
                      next((t.answer.strip() for t in texts.values() if t.answer.strip()), ""))
        if not answer:
            continue
        data.answers[entry.key] = answer
        for language, text in texts.items():
            questions = example_lines(text.examples)
            if questions:
                data.examples.setdefault(language, {})[entry.key] = questions
    return data


def replace_faq_examples(document: Dict[str, Any], language: str, faq: FaqData, add_new: bool) -> Dict[str, Any]:
    """An NLU document whose ``faq/<key>`` blocks hold ``faq``'s examples in ``language``.

    Blocks of entries without examples (or not in ``faq``) are left out; with ``add_new``, entries
    the document does not have yet are appended.

    >>> faq = FaqData({"dff": "…", "neu": "…"}, {"de": {"dff": ["was ist dff"], "neu": ["neue frage"]}})
    >>> doc = {"nlu": [{"intent": "greet", "examples": "- hallo\\n"},
    ...                {"intent": "faq/dff", "metadata": {"language": "de"}, "examples": "- alt\\n"},
    ...                {"intent": "faq/weg", "examples": "- weg\\n"}]}
    >>> [(b["intent"], b["examples"]) for b in replace_faq_examples(doc, "de", faq, add_new=True)["nlu"]]
    [('greet', '- hallo\\n'), ('faq/dff', '- was ist dff\\n'), ('faq/neu', '- neue frage\\n')]
    """
    blocks: List[Dict[str, Any]] = []
    present = set()
    for block in document.get("nlu") or []:
        intent = block.get("intent", "") if isinstance(block, dict) else ""
        if not intent.startswith(FAQ_INTENT_PREFIX):
            blocks.append(block)
            continue
        key = intent[len(FAQ_INTENT_PREFIX):]
        present.add(key)
        examples = faq.examples_of(language, key) if key in faq.answers else []
        if examples:
            blocks.append({**block, "examples": examples_block(examples)})
    if add_new:
        for key in faq.answers:
            examples = faq.examples_of(language, key)
            if examples and key not in present:
                blocks.append({"intent": f"{FAQ_INTENT_PREFIX}{key}", "metadata": {"language": language},
                               "examples": examples_block(examples)})
    return {**document, "nlu": blocks}


def replace_faq_responses(domain: Dict[str, Any], faq: FaqData) -> Dict[str, Any]:
    """A domain whose ``utter_faq/<key>`` responses are exactly ``faq``'s entries, where the old ones were.

    >>> domain = {"responses": {"utter_greet": [{"text": "Hallo"}], "utter_faq/alt": [{"text": "x"}],
    ...                         "utter_goodbye": [{"text": "Tschüss"}]}}
    >>> list(replace_faq_responses(domain, FaqData({"dff": "DFF ist …"}))["responses"])
    ['utter_greet', 'utter_faq/dff', 'utter_goodbye']
    """
    responses: Dict[str, Any] = {}
    added = False
    for name, value in (domain.get("responses") or {}).items():
        if not name.startswith(FAQ_RESPONSE_PREFIX):
            responses[name] = value
        elif not added:
            responses.update(_faq_responses(faq))
            added = True
    if not added:
        responses.update(_faq_responses(faq))
    return {**domain, "responses": responses}


def _faq_responses(faq: FaqData) -> Dict[str, Any]:
    return {f"{FAQ_RESPONSE_PREFIX}{key}": [{"text": answer}] for key, answer in faq.answers.items()}


class _Dumper(yaml.SafeDumper):
    """YAML as people write Rasa data: multi-line strings (the examples) as literal blocks."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _represent_str)


def dump(document: Dict[str, Any]) -> str:
    """A YAML document in Rasa's usual layout (keys in their order, examples as literal blocks).

    >>> print(dump({"version": "3.1", "nlu": [{"intent": "greet", "examples": "- hallo\\n- hi\\n"}]}), end="")
    version: '3.1'
    nlu:
    - intent: greet
      examples: |
        - hallo
        - hi
    """
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000)


def _load(path: Path) -> Dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _write(path: Path, document: Dict[str, Any]) -> None:
    path.write_text(dump(document), encoding="utf-8")


def build(target: Path, config: Optional[Path] = None, root: Optional[Path] = None,
          faq: Optional[FaqData] = None) -> Path:
    """Write the training-data folder for the current FAQ content into ``target``; return ``target``.

    ``config`` replaces the project's ``config.yml`` (a lighter configuration for tests); ``root`` is
    the project (default: this checkout); ``faq`` defaults to the database's FAQ.
    """
    root = root or paths.PROJECT_ROOT
    faq = faq_from_database() if faq is None else faq
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(config or root / "config.yml", target / "config.yml")
    for folder in ("nlu", "dialogue"):
        if (target / folder).exists():
            shutil.rmtree(target / folder)
        shutil.copytree(root / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    if faq is None:
        shutil.copyfile(root / "domain.yml", target / "domain.yml")
        return target
    _write(target / "domain.yml", replace_faq_responses(_load(root / "domain.yml"), faq))
    for language_dir in sorted(p for p in (target / "nlu").iterdir() if p.is_dir()):
        files = sorted(language_dir.glob("*.yml"))
        if not files:
            continue
        receiver = language_dir / MAIN_NLU_FILE if (language_dir / MAIN_NLU_FILE).exists() else files[0]
        for path in files:
            _write(path, replace_faq_examples(_load(path), language_dir.name, faq, add_new=path == receiver))
    return target


def fingerprint(folder: Path) -> str:
    """The fingerprint of a model trained on ``folder`` (see :func:`bot.runtime.model.fingerprint`)."""
    return model.fingerprint(folder)

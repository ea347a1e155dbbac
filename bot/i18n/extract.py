"""Extraction of the client-facing texts from the domain's responses.

Each response variation becomes one catalog message: the message context is the
response name (``utter_greet``; a second variation is ``utter_greet#1``), the
message id is the German source text. Button titles get ``<context>|button<N>``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterator, List, NamedTuple

import yaml

#: Flag on a catalog message whose translation no native speaker has reviewed.
UNREVIEWED_FLAG = "unreviewed"


class SourceMessage(NamedTuple):
    """One client-facing German source text and where it comes from."""

    context: str
    text: str
    lineno: int


def variation_context(response: str, index: int) -> str:
    """The catalog context of a response variation.

    >>> variation_context("utter_greet", 0)
    'utter_greet'
    >>> variation_context("utter_greet", 2)
    'utter_greet#2'
    """
    return response if index == 0 else f"{response}#{index}"


def button_context(variation: str, index: int) -> str:
    """The catalog context of a button title in a response variation.

    >>> button_context("utter_ask_language", 1)
    'utter_ask_language|button1'
    """
    return f"{variation}|button{index}"


def response_messages(responses: Dict[str, List[Dict[str, Any]]]) -> Iterator[SourceMessage]:
    """Yield the source messages of a domain's ``responses`` mapping."""
    for lineno, (name, variations) in enumerate(sorted(responses.items()), start=1):
        for index, variation in enumerate(variations):
            context = variation_context(name, index)
            if variation.get("text"):
                yield SourceMessage(context, variation["text"], lineno)
            for b_index, button in enumerate(variation.get("buttons") or []):
                yield SourceMessage(button_context(context, b_index), button["title"], lineno)


#: Catalog context prefix of an FAQ entry's longer text (``faq_more/<key>``).
FAQ_MORE_PREFIX = "faq_more/"


def faq_more_messages(path: Path) -> Iterator[SourceMessage]:
    """Yield the longer texts ("mehr") of the FAQ entries in the content file, if it exists."""
    if not path.exists():
        return
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("entries") or {}
    for lineno, (key, entry) in enumerate(sorted(entries.items()), start=1):
        if (entry or {}).get("more"):
            yield SourceMessage(f"{FAQ_MORE_PREFIX}{key}", entry["more"], lineno)


def domain_responses(path: Path) -> Dict[str, List[Dict[str, Any]]]:
    """Read the ``responses`` section of a domain file."""
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("responses", {})


def extract_domain_responses(fileobj, keywords, comment_tags, options):  # type: ignore[no-untyped-def]
    """Babel extraction method for domain.yml (use as ``bot.i18n.extract:extract_domain_responses``)."""
    responses = yaml.safe_load(fileobj.read().decode("utf-8")).get("responses", {})
    for message in response_messages(responses):
        yield message.lineno, "pgettext", (message.context, message.text), []

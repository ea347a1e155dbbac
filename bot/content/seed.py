"""The initial FAQ content: the core's FAQ answers, translations and example questions.

Read from the project files as they were before the FAQ moved into the database:

- the German answers from the ``utter_faq/<key>`` responses in ``domain.yml``,
- the translations from ``locales/<lang>/LC_MESSAGES/messages.po`` (message context
  ``utter_faq/<key>``; the PO, not the compiled MO, because the review flags live there),
- the example questions from ``nlu/<lang>/nlu.yml`` (intent ``faq/<key>``),
- each entry's title, topic, sources, Stand, review date and longer text from ``content/faq.yml``
  (the longer text's translations from the catalogs, context ``faq_more/<key>``).

:func:`seed_faq` and :func:`seed_roles` take the model classes, so the data migration passes
its historical models. Both only add what is missing and never overwrite existing rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

import yaml
from babel.messages.catalog import Message

from bot import paths
from bot.content.constants import (EDITOR_GROUP, FAQ_INTENT_PREFIX, NOTE_INITIAL, SOURCE_LANGUAGE, ReviewState,
                                   faq_key, reviewer_group)
from bot.i18n.extract import UNREVIEWED_FLAG, domain_responses

#: German topic of each initial FAQ entry (groups the entries in the editor).
TOPICS = {
    "integration_manager": "Beratung",
    "eligibility": "Beratung",
    "integration_course": "Sprachkurse",
    "dff": "Sprachkurse",
    "bezahlkarte": "Leistungen",
    "wohngeld": "Leistungen",
    "health_insurance": "Gesundheit",
    "work_permit": "Arbeit und Anerkennung",
    "recognition": "Arbeit und Anerkennung",
    "school_kita": "Familie und Schule",
    "ombudsstelle": "Rechte und Beschwerden",
    "privacy": "Datenschutz",
}
#: Topic of an FAQ entry not listed in :data:`TOPICS`.
DEFAULT_TOPIC = "Allgemein"
#: Models the editor group may view and change (``content`` app, lower-case model names).
EDITOR_MODELS = ("faqentry", "faqtext", "faqrevision", "contentgap", "publication")
#: Models the editor group may also add (new FAQ entries and their texts).
EDITOR_ADDS = ("faqentry", "faqtext")


@dataclass
class InitialText:
    """One language's initial answer, example questions and review state."""

    answer: str = ""
    examples: str = ""
    state: str = ReviewState.MISSING.value


@dataclass
class InitialEntry:
    """One FAQ entry of the initial content with its texts by language."""

    key: str
    topic: str
    texts: Dict[str, InitialText] = field(default_factory=dict)


def catalog_state(message: Optional[Message]) -> str:
    """The review state of a catalog translation: missing, else reviewed only without flags.

    >>> catalog_state(Message("Hallo", "Hello", flags=["unreviewed"]))
    'unreviewed'
    >>> catalog_state(Message("Hallo", "Hello", flags=["fuzzy"])), catalog_state(Message("Hallo", "Hello"))
    ('unreviewed', 'reviewed')
    >>> catalog_state(Message("Hallo", "")), catalog_state(None)
    ('missing', 'missing')
    """
    if message is None or not message.string:
        return ReviewState.MISSING.value
    if UNREVIEWED_FLAG in message.flags or message.fuzzy:
        return ReviewState.UNREVIEWED.value
    return ReviewState.REVIEWED.value


def example_lines(block: str) -> List[str]:
    """The example questions of an NLU ``examples`` block (``- question`` per line).

    >>> example_lines("- was ist dff\\n-  wer darf in den kurs \\n\\n")
    ['was ist dff', 'wer darf in den kurs']
    """
    lines = (line.strip() for line in block.splitlines())
    return [line[1:].strip() for line in lines if line.startswith("-") and line[1:].strip()]


def catalog_messages(path: Path, code: str) -> Dict[str, Message]:
    """The FAQ messages of a catalog by key (looked up by context, whatever the German msgid)."""
    from bot.i18n.catalogs import read_catalog

    if not path.exists():
        return {}
    found = {}
    for message in read_catalog(path, code):
        key = faq_key(message.context or "")
        if key and message.id:
            found[key] = message
    return found


def nlu_examples(path: Path) -> Dict[str, List[str]]:
    """The example questions of every ``faq/<key>`` intent in an NLU file."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: Dict[str, List[str]] = {}
    for block in data.get("nlu") or []:
        key = faq_key(str(block.get("intent", "")), FAQ_INTENT_PREFIX)
        if key:
            found.setdefault(key, []).extend(example_lines(block.get("examples") or ""))
    return found


def initial_content(domain: Optional[Path] = None, locales: Optional[Path] = None, nlu: Optional[Path] = None,
                    languages: Optional[Iterable[str]] = None) -> List[InitialEntry]:
    """The initial FAQ entries read from the project files (defaults: this checkout's).

    German answers come from the domain; their state from the German catalog's flags (the
    German catalog has none: the source texts count as reviewed).
    """
    from bot.i18n.catalogs import po_path
    from bot.languages import registry

    domain, locales = domain or paths.domain_file(), locales or paths.locales_dir()
    nlu = nlu or paths.PROJECT_ROOT / "nlu"
    german = {faq_key(name): variations[0].get("text", "").strip()
              for name, variations in domain_responses(domain).items() if faq_key(name) and variations}
    entries = {key: InitialEntry(key, TOPICS.get(key, DEFAULT_TOPIC)) for key in sorted(german)}
    for code in languages or registry().codes:
        messages = catalog_messages(po_path(locales, code), code)
        examples = nlu_examples(nlu / code / "nlu.yml")
        for key, entry in entries.items():
            message = messages.get(key)
            if code == SOURCE_LANGUAGE:
                answer = german[key]
                state = catalog_state(Message(answer, answer, flags=message.flags if message else ()))
            else:
                state = catalog_state(message)
                answer = message.string.strip() if message is not None and message.string else ""
            entry.texts[code] = InitialText(answer, "\n".join(examples.get(key, [])),
                                            state if answer else ReviewState.MISSING.value)
    return list(entries.values())


def seed_faq(entry_model: Any, text_model: Any, revision_model: Any,
             content: Optional[List[InitialEntry]] = None) -> int:
    """Create the initial entries, texts (version 1) and their first revisions; returns the texts created.

    Existing entries and texts are left as they are.
    """
    created = 0
    for initial in content if content is not None else initial_content():
        entry, _ = entry_model.objects.get_or_create(key=initial.key, defaults={"topic": initial.topic})
        existing = set(text_model.objects.filter(entry=entry).values_list("language", flat=True))
        for code, text in initial.texts.items():
            if code in existing:
                continue
            row = text_model.objects.create(entry=entry, language=code, answer=text.answer, examples=text.examples,
                                            state=text.state, version=1, source_version=1)
            revision_model.objects.create(text=row, version=1, answer=text.answer, examples=text.examples,
                                          state=text.state, note=NOTE_INITIAL)
            created += 1
    return created


#: Revision note of the answers brought up to the checked content of December 2026.
NOTE_CHECKED = "Inhalt fachlich geprüft (Quellen, Stand)"


def faq_metadata(path: Optional[Path] = None) -> Dict[str, Dict[str, Any]]:
    """Each FAQ entry's title, topic, handover, legal flag, Stand, review date, sources and German longer text."""
    path = path or paths.faq_content_file()
    if not path.exists():
        return {}
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("entries") or {}


def month(value: Any) -> Optional[date]:
    """The first day of a "YYYY-MM" month.

    >>> month("2026-12"), month(None)
    (datetime.date(2026, 12, 1), None)
    """
    if not value:
        return None
    year, number = str(value).split("-")[:2]
    return date(int(year), int(number), 1)


def more_texts(languages: Iterable[str], locales: Optional[Path] = None,
               metadata: Optional[Dict[str, Dict[str, Any]]] = None) -> Dict[str, Dict[str, InitialText]]:
    """The longer texts by entry and language: German from the content file, translations from the catalogs."""
    from bot.i18n.catalogs import po_path, read_catalog
    from bot.i18n.extract import FAQ_MORE_PREFIX

    locales = locales or paths.locales_dir()
    metadata = faq_metadata() if metadata is None else metadata
    found = {key: {SOURCE_LANGUAGE: InitialText((meta.get("more") or "").strip(), "", ReviewState.REVIEWED.value)}
             for key, meta in metadata.items()}
    for code in languages:
        if code == SOURCE_LANGUAGE or not po_path(locales, code).exists():
            continue
        for message in read_catalog(po_path(locales, code), code):
            context = message.context or ""
            if context.startswith(FAQ_MORE_PREFIX) and context[len(FAQ_MORE_PREFIX):] in found:
                found[context[len(FAQ_MORE_PREFIX):]][code] = InitialText(
                    (message.string or "").strip(), "", catalog_state(message))
    return found


def update_faq(entry_model: Any, text_model: Any, revision_model: Any,
               content: Optional[List[InitialEntry]] = None, metadata: Optional[Dict[str, Dict[str, Any]]] = None,
               more: Optional[Dict[str, Dict[str, InitialText]]] = None) -> int:
    """Bring the FAQ to the checked content; returns the texts created or replaced.

    Every entry gets its title, topic, handover, sources, Stand and review date. Entries and texts
    that do not exist yet are created. A text nobody has edited since it was seeded (version 1)
    gets the checked answer and longer text; a translation an editor changed is marked outdated
    when its German text changed.
    """
    from bot.languages import registry

    content = content if content is not None else initial_content()
    metadata = faq_metadata() if metadata is None else metadata
    more = more if more is not None else more_texts(registry().codes, metadata=metadata)
    changed = 0
    for initial in content:
        meta = metadata.get(initial.key) or {}
        entry, _ = entry_model.objects.get_or_create(key=initial.key, defaults={"topic": initial.topic})
        for field_name in ("title", "topic", "handover", "legal", "sources"):
            if field_name in meta:
                setattr(entry, field_name, meta[field_name])
        entry.stand, entry.review_due = month(meta.get("stand")), month(meta.get("review_due"))
        entry.save()
        existing = {row.language: row for row in text_model.objects.filter(entry=entry)}
        german = existing.get(SOURCE_LANGUAGE)
        german_replaced = german is not None and german.version == 1 and (
            german.answer != initial.texts[SOURCE_LANGUAGE].answer)
        for code, text in initial.texts.items():
            longer = more.get(initial.key, {}).get(code, InitialText()).answer
            row = existing.get(code)
            if row is None:
                row = text_model.objects.create(entry=entry, language=code, answer=text.answer, more=longer,
                                                examples=text.examples, state=text.state, version=1,
                                                source_version=1)
                revision_model.objects.create(text=row, version=1, answer=text.answer, more=longer,
                                              examples=text.examples, state=text.state, note=NOTE_INITIAL)
            elif row.version == 1 and row.answer == text.answer and row.more != longer:
                row.more = longer  # the answer is current: only the longer text is new
                row.save()
                continue
            elif row.version == 1 and row.answer != text.answer:
                row.answer, row.more, row.state = text.answer, longer, text.state
                row.version = row.source_version = 2
                row.save()
                revision_model.objects.create(text=row, version=2, answer=row.answer, more=longer,
                                              examples=row.examples, state=row.state, note=NOTE_CHECKED)
            elif german_replaced and code != SOURCE_LANGUAGE and row.state != ReviewState.MISSING:
                row.state = ReviewState.OUTDATED
                row.save()
                continue
            else:
                continue
            changed += 1
    return changed


def seed_roles(group_model: Any, permission_model: Any, languages: Optional[Iterable[str]] = None) -> List[str]:
    """Create the ``editor`` group and one ``reviewer:<lang>`` group per language; returns the new groups.

    Permissions are added to the groups (existing permissions of existing groups are kept).
    """
    from bot.languages import registry

    def permissions(*codenames: str) -> List[Any]:
        return list(permission_model.objects.filter(content_type__app_label="content", codename__in=codenames))

    wanted = {EDITOR_GROUP: permissions(*[f"{action}_{model}" for model in EDITOR_MODELS
                                          for action in ("view", "change")],
                                        *[f"add_{model}" for model in EDITOR_ADDS])}
    for code in languages or registry().codes:
        wanted[reviewer_group(code)] = permissions("review_faqtext", "view_faqtext", "view_faqentry")
    created = []
    for name, granted in wanted.items():
        group, new = group_model.objects.get_or_create(name=name)
        group.permissions.add(*granted)
        if new:
            created.append(name)
    return created

"""The gettext catalogs in ``locales/``: update from the template, compile, load, check.

Catalog files are ``locales/<code>/LC_MESSAGES/messages.po``; the template is
``locales/messages.pot``. Compiled ``.mo`` files are build products (not committed).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import NullTranslations, Translations

from bot import paths
from bot.i18n.extract import UNREVIEWED_FLAG, domain_responses, faq_more_messages, response_messages

DOMAIN = "messages"
PROJECT = "Lotse"


def po_path(locales: Path, code: str) -> Path:
    """Where the catalog of language ``code`` lives."""
    return locales / code / "LC_MESSAGES" / f"{DOMAIN}.po"


#: Marker of client-facing texts in Python code (context, German source).
UI_KEYWORDS = {"N_": ((1, "c"), 2)}


def build_template(domain_file: Path, code_dir: Optional[Path] = None) -> Catalog:
    """The template catalog (POT): the domain's responses, the FAQ's longer texts and the ``N_()`` texts in the code."""
    template = Catalog(project=PROJECT, fuzzy=False)
    for message in response_messages(domain_responses(domain_file)):
        template.add(message.text, context=message.context)
    for message in faq_more_messages(paths.faq_content_file()):
        template.add(message.text, context=message.context)
    if code_dir is not None:
        for _file, _line, text, _comments, context in extract_from_dir(
            str(code_dir), method_map=[("**.py", "python")], keywords=UI_KEYWORDS
        ):
            template.add(text, context=context)
    return template


def read_catalog(path: Path, locale: Optional[str] = None) -> Catalog:
    """Read a PO or POT file."""
    with path.open("rb") as fileobj:
        return read_po(fileobj, locale=locale)


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Write a PO or POT file (sorted by context, so diffs stay small)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fileobj:
        write_po(fileobj, catalog, width=100, sort_output=True, ignore_obsolete=True)


def extract(domain_file: Path, locales: Path, code_dir: Optional[Path] = None) -> Path:
    """Write ``messages.pot`` from the domain's responses and the code; return its path."""
    target = locales / f"{DOMAIN}.pot"
    write_catalog(target, build_template(domain_file, code_dir))
    return target


def update(locales: Path, codes: Iterable[str], source_language: str = "de") -> List[Path]:
    """Merge the template into each language's catalog, creating missing catalogs.

    German is the source language: its catalog is the source text itself.
    Changed source texts turn existing translations fuzzy (outdated).
    """
    written = []
    for code in codes:
        template = read_catalog(locales / f"{DOMAIN}.pot")  # update() shares its messages
        path = po_path(locales, code)
        catalog = read_catalog(path, code) if path.exists() else Catalog(locale=code, project=PROJECT, fuzzy=False)
        catalog.update(template, update_header_comment=False)
        if code == source_language:
            for message in catalog:
                if message.id:
                    message.string = message.id
                    message.flags.discard("fuzzy")
        write_catalog(path, catalog)
        written.append(path)
    return written


def compile_all(locales: Path, codes: Iterable[str]) -> List[Path]:
    """Compile each language's catalog to ``messages.mo`` (fuzzy entries left out)."""
    written = []
    for code in codes:
        catalog = read_catalog(po_path(locales, code), code)
        target = po_path(locales, code).with_suffix(".mo")
        with target.open("wb") as fileobj:
            write_mo(fileobj, catalog, use_fuzzy=False)
        written.append(target)
    return written


@dataclass(frozen=True)
class CoverageReport:
    """What is missing or unreviewed in one language's catalog."""

    code: str
    missing: List[str]
    unreviewed: List[str]
    outdated: List[str]


def coverage(locales: Path, code: str, template: Catalog) -> CoverageReport:
    """Compare a language's catalog with the template."""
    path = po_path(locales, code)
    catalog = read_catalog(path, code) if path.exists() else Catalog(locale=code)
    missing, unreviewed, outdated = [], [], []
    for source in template:
        if not source.id:
            continue
        message = catalog.get(source.id, context=source.context)
        key = source.context or source.id
        if message is None or not message.string:
            missing.append(key)
        elif message.fuzzy:
            outdated.append(key)
        elif UNREVIEWED_FLAG in message.flags:
            unreviewed.append(key)
    return CoverageReport(code, missing, unreviewed, outdated)


@functools.lru_cache(maxsize=None)
def translations(code: str) -> NullTranslations:
    """The compiled translations of a language (cached per process)."""
    locales = paths.locales_dir()
    mo = po_path(locales, code).with_suffix(".mo")
    if mo.exists():
        return Translations.load(str(locales), [code], DOMAIN)
    po = po_path(locales, code)
    if po.exists():  # not compiled yet: read the PO directly
        return _translations_from_po(po, code)
    return NullTranslations()


def _translations_from_po(path: Path, code: str) -> Translations:
    import io

    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(path, code), use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


_PLACEHOLDER = re.compile(r"\{[^}]*\}|%\(\w+\)s|<[^>]+>|https?://\S+")
_SENTENCE_END = re.compile(r"(?<=[.!?:;።؟])\s+|\n+")


def sentences(code: str) -> List[str]:
    """The translated texts of a language's catalog, cut into sentences without placeholders.

    Natural text in that language for the language identifier to learn from, beside the NLU data.
    Texts kept identical to the German ("Jobcenter", "A2") are left out.
    """
    path = po_path(paths.locales_dir(), code)
    if not path.exists():
        return []
    result = []
    for message in read_catalog(path, code):
        text = message.string if isinstance(message.string, str) else " ".join(message.string or ())
        if not message.id or not text or SAME_AS_SOURCE_FLAG in message.flags:
            continue
        for sentence in _SENTENCE_END.split(_PLACEHOLDER.sub(" ", text)):
            if len(sentence.split()) >= 2:
                result.append(" ".join(sentence.split()))
    return result


#: Flag of a translation that is the same as the German on purpose ("A2", "Jobcenter", "{office}").
SAME_AS_SOURCE_FLAG = "same-as-source"


def translate(code: str, context: str, source: str) -> Optional[str]:
    """The translation of ``source`` in ``context`` into ``code``, or None when missing.

    A translation identical to the German counts (gettext alone cannot tell it from a missing one).
    """
    if code == "de":
        return translations(code).pgettext(context, source)
    compiled = getattr(translations(code), "_catalog", {})
    return compiled.get(f"{context}\x04{source}") or None

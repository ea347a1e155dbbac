"""Exchange with professional translators: one language's FAQ texts as gettext PO or XLIFF 1.2.

``lotse content export ar ar.po`` writes one unit per FAQ entry and field, identified as
``faq/<key>/answer`` and ``faq/<key>/examples`` (PO message context, XLIFF ``id``): the German
text as source, the current translation as target, marked for review (PO ``fuzzy``, XLIFF
``needs-review-translation``) when it is unreviewed or outdated, and the versions it was exported
at (``lotse-export de=v3 ar=v2 …`` in an extracted comment or a ``<note>``).

``lotse content import ar.po [--reviewed]`` reads the file completely first: a malformed file
changes nothing (exit status 2). Then, in one transaction, each entry's units are checked and
the changes saved through :func:`bot.content.review.save_text` with the note "Import <file>".
A unit is a conflict, not an update, when

- the German source changed since the export ("Quelltext geändert"; a change its editor marked
  minor does not count),
- the translation was changed in Lotse after the export and is reviewed: a newer reviewed text is
  never overwritten,
- its key is unknown, its language is not one of the bot's translation languages, or its target
  is empty.

Every unit ends up in the :class:`ImportReport` as updated, unchanged or a conflict with its
reason; the exit status is 1 when there were conflicts.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional, Tuple

from bot.content.constants import FAQ_INTENT_PREFIX, SOURCE_LANGUAGE, ReviewState

if TYPE_CHECKING:
    from bot.content.models import FaqEntry, FaqText

#: The two fields of an FAQ text that translators translate, as the last part of a unit's id.
ANSWER = "answer"
EXAMPLES = "examples"
FIELDS = (ANSWER, EXAMPLES)
#: Export formats and the file name endings that select them on import.
FORMATS = ("po", "xliff")
XLIFF_SUFFIXES = (".xlf", ".xliff", ".xml")
#: The marker of the versions a unit was exported at.
VERSION_MARK = "lotse-export"
VERSION_PATTERN = re.compile(rf"{VERSION_MARK} {SOURCE_LANGUAGE}=v(\d+) [\w-]+=v(\d+)")
#: States whose translation a translator should look at (PO ``fuzzy``).
NEEDS_REVIEW = (ReviewState.UNREVIEWED, ReviewState.OUTDATED)
#: The comment at the top of an exported PO file.
PO_HEADER_COMMENT = ("# Lotse: FAQ texts for translation into {language} (source: German).\n"
                     "# msgctxt is the text's id; please keep it, the msgid and the 'lotse-export' comments.\n"
                     "# Remove the fuzzy flag from every text you have translated or checked.")
#: Revision note of an imported text.
IMPORT_NOTE = "Import {filename}"

# Reasons of conflicts, in German like every staff-facing text.
SOURCE_CHANGED = "Quelltext geändert"
NEWER_REVIEWED = "Übersetzung wurde nach dem Export in Lotse geändert und geprüft"
REVIEWED_UNKNOWN_EXPORT = "geprüfte Übersetzung, Exportstand unbekannt"
UNKNOWN_ID = "unbekannte Kennung"
UNKNOWN_ENTRY = "unbekannter FAQ-Eintrag"
NO_SOURCE = "kein deutscher Text"
WRONG_LANGUAGE = "falsche Sprache ({language})"
EMPTY_TARGET = "leere Übersetzung"
DUPLICATE = "mehrfach in der Datei"


class MalformedFile(ValueError):
    """The file is no PO or XLIFF 1.2 file of Lotse units; nothing was imported."""


@dataclass
class Unit:
    """One translatable text: an FAQ entry's answer or example questions in one language."""

    id: str
    language: str
    source: str
    target: str
    #: The translation still needs a translator's look (unreviewed, outdated, or left so by the translator).
    fuzzy: bool = False
    #: Versions of the German text and of the translation at export (None when the file lost them).
    source_version: Optional[int] = None
    target_version: Optional[int] = None
    #: For translators: the topic, the state, what the field is.
    comments: List[str] = field(default_factory=list)
    #: The German text the translation was written for, when it is outdated.
    previous_source: Optional[str] = None

    @property
    def key(self) -> Optional[str]:
        """The FAQ entry's key, or None when the id is not ``faq/<key>/<field>``."""
        parsed = parse_unit_id(self.id)
        return parsed[0] if parsed else None

    @property
    def field_name(self) -> Optional[str]:
        """``answer`` or ``examples``, or None for an unknown id."""
        parsed = parse_unit_id(self.id)
        return parsed[1] if parsed else None

    def version_comment(self, state: str) -> str:
        """The comment recording the versions this unit was exported at."""
        return f"{VERSION_MARK} {SOURCE_LANGUAGE}=v{self.source_version} {self.language}=v{self.target_version} " \
               f"state={state}"


def unit_id(key: str, field_name: str) -> str:
    """The id of an entry's field.

    >>> unit_id("dff", "answer")
    'faq/dff/answer'
    """
    return f"{FAQ_INTENT_PREFIX}{key}/{field_name}"


def parse_unit_id(identifier: str) -> Optional[Tuple[str, str]]:
    """(key, field) of a unit id, or None when it is not one of ours.

    >>> parse_unit_id("faq/dff/examples"), parse_unit_id("utter_greet"), parse_unit_id("faq/dff/title")
    (('dff', 'examples'), None, None)
    """
    if not identifier.startswith(FAQ_INTENT_PREFIX):
        return None
    key, _, field_name = identifier[len(FAQ_INTENT_PREFIX):].rpartition("/")
    return (key, field_name) if key and field_name in FIELDS else None


def parse_versions(comments: Iterable[str]) -> Tuple[Optional[int], Optional[int]]:
    """The German and translation versions recorded in a unit's comments, or (None, None).

    >>> parse_versions(["Thema: Arbeit", "lotse-export de=v3 ar=v2 state=unreviewed"])
    (3, 2)
    >>> parse_versions(["translator: check the tone"])
    (None, None)
    """
    for comment in comments:
        found = VERSION_PATTERN.search(comment)
        if found:
            return int(found.group(1)), int(found.group(2))
    return None, None


# --- export ----------------------------------------------------------------------------------------


def export_units(language: str) -> List[Unit]:
    """The units of every FAQ entry with a German text, in key order, for ``language``."""
    from bot.content.models import FaqEntry

    units: List[Unit] = []
    for entry in FaqEntry.objects.order_by("key").prefetch_related("texts"):
        texts = {text.language: text for text in entry.texts.all()}
        source = texts.get(SOURCE_LANGUAGE)
        if source is not None:
            units.extend(entry_units(entry, source, texts.get(language), language))
    return units


def entry_units(entry: FaqEntry, source: FaqText, translation: Optional[FaqText], language: str) -> List[Unit]:
    """The units of one entry: its answer and its example questions, where the German has them."""
    state = translation.state if translation is not None else ReviewState.MISSING
    previous = previous_source(source, translation) if state == ReviewState.OUTDATED else None
    units = []
    for field_name, what in ((ANSWER, "Antwort / answer"), (EXAMPLES, "Beispielfragen, eine pro Zeile / "
                                                                       "example questions, one per line")):
        german = getattr(source, field_name)
        if not german.strip():
            continue
        unit = Unit(id=unit_id(entry.key, field_name), language=language, source=german,
                    target=getattr(translation, field_name) if translation is not None else "",
                    fuzzy=state in NEEDS_REVIEW, source_version=source.version,
                    target_version=translation.version if translation is not None else 0,
                    previous_source=_changed(getattr(previous, field_name, None), german))
        unit.comments = [f"{entry.topic}: {what}", unit.version_comment(state)]
        units.append(unit)
    return units


def _changed(previous: Optional[str], current: str) -> Optional[str]:
    """The previous German text, when it differs from the current one."""
    return previous if previous is not None and previous != current else None


def previous_source(source: FaqText, translation: Optional[FaqText]):  # type: ignore[no-untyped-def]
    """The German revision an outdated translation was written for (shown to translators as the old source)."""
    if translation is None or not translation.source_version:
        return None
    return source.revisions.filter(version=translation.source_version).first()


def export_language(language: str, path: Path, file_format: str = "po") -> int:
    """Write ``language``'s FAQ texts to ``path`` as PO or XLIFF 1.2; returns the number of units."""
    from bot.content import xliff

    units = export_units(language)
    data = xliff.write_xliff(units, language) if file_format == "xliff" else write_po(units, language)
    path.write_bytes(data)
    return len(units)


def write_po(units: List[Unit], language: str) -> bytes:
    """The units as a PO file (message context = unit id, msgid = German, msgstr = translation)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po as babel_write_po

    catalog = Catalog(locale=language, project="Lotse FAQ", fuzzy=False, charset="utf-8",
                      header_comment=PO_HEADER_COMMENT.format(language=language), language_team=language)
    for unit in units:
        catalog.add(unit.source, unit.target, context=unit.id, auto_comments=unit.comments,
                    flags=["fuzzy"] if unit.fuzzy else [], previous_id=unit.previous_source or ())
    buffer = io.BytesIO()
    babel_write_po(buffer, catalog, width=0, include_previous=True)
    return _with_language_header(buffer.getvalue(), language)


def _with_language_header(data: bytes, language: str) -> bytes:
    """Make sure the PO header names the language (Babel omits it for a locale it does not know)."""
    if b'"Language: ' in data:
        return data
    return data.replace(b'"MIME-Version: ', f'"Language: {language}\\n"\n"MIME-Version: '.encode(), 1)


# --- reading ---------------------------------------------------------------------------------------


def read_units(path: Path) -> List[Unit]:
    """The units of a PO or XLIFF file (chosen by its ending or its first bytes); raises MalformedFile."""
    from bot.content import xliff

    try:
        data = path.read_bytes()
    except OSError as error:
        raise MalformedFile(f"nicht lesbar: {error.strerror}") from error
    if path.suffix.lower() in XLIFF_SUFFIXES or data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        units = xliff.read_xliff(data)
    else:
        units = read_po(data)
    if not units:
        raise MalformedFile("keine Lotse-Einheiten (faq/<Schlüssel>/answer|examples) gefunden")
    return units


def read_po(data: bytes) -> List[Unit]:
    """The units of a PO file; raises MalformedFile when Babel cannot read it or it names no language."""
    from babel.messages.pofile import PoFileError
    from babel.messages.pofile import read_po as babel_read_po

    try:
        catalog = babel_read_po(io.BytesIO(data), abort_invalid=True, charset="utf-8")
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        raise MalformedFile(f"keine gültige PO-Datei ({error})") from error
    language = dict(catalog.mime_headers).get("Language", "").strip()
    if not language:
        raise MalformedFile("die PO-Datei nennt keine Sprache (Kopfzeile Language)")
    units = []
    for message in catalog:
        if not message.id:
            continue  # the header
        if not isinstance(message.id, str) or not isinstance(message.string, str):
            raise MalformedFile(f"Pluralformen gibt es in Lotse-Dateien nicht ({message.context})")
        source_version, target_version = parse_versions(message.auto_comments)
        units.append(Unit(id=message.context or "", language=language, source=message.id, target=message.string,
                          fuzzy=message.fuzzy, source_version=source_version, target_version=target_version))
    return units


# --- import ----------------------------------------------------------------------------------------


@dataclass
class Conflict:
    """A unit that was not imported, and why."""

    unit: str
    reason: str


@dataclass
class ImportReport:
    """What an import did with each unit of the file."""

    filename: str
    updated: List[str] = field(default_factory=list)
    unchanged: List[str] = field(default_factory=list)
    conflicts: List[Conflict] = field(default_factory=list)

    def conflict(self, units: Iterable[Unit], reason: str) -> None:
        """Report ``units`` as conflicts for ``reason``."""
        self.conflicts.extend(Conflict(unit.id, reason) for unit in units)

    def lines(self) -> List[str]:
        """The report as text lines (German, for the operator and the translator)."""
        lines = [f"Import {self.filename}: {len(self.updated)} aktualisiert, {len(self.unchanged)} unverändert, "
                 f"{len(self.conflicts)} Konflikte"]
        lines += [f"  aktualisiert: {unit}" for unit in self.updated]
        lines += [f"  Konflikt: {conflict.unit} – {conflict.reason}" for conflict in self.conflicts]
        return lines


def import_file(path: Path, reviewed: bool = False) -> ImportReport:
    """Import a translator's PO or XLIFF file (see module docstring); raises MalformedFile and changes
    nothing when the file cannot be read."""
    from django.db import transaction

    units = read_units(path)
    report = ImportReport(path.name)
    with transaction.atomic():
        for key, entry_units in _by_entry(units, report).items():
            import_entry(key, entry_units, report, reviewed=reviewed, note=IMPORT_NOTE.format(filename=path.name))
    return report


def _by_entry(units: List[Unit], report: ImportReport) -> Dict[Tuple[str, str], List[Unit]]:
    """The usable units grouped by (entry key, language); unknown ids and duplicates go to the report."""
    counts: Dict[Tuple[str, str], int] = {}
    for unit in units:
        counts[(unit.id, unit.language)] = counts.get((unit.id, unit.language), 0) + 1
    groups: Dict[Tuple[str, str], List[Unit]] = OrderedDict()
    for unit in units:
        if unit.key is None:
            report.conflict([unit], UNKNOWN_ID)
        elif counts[(unit.id, unit.language)] > 1:
            report.conflict([unit], DUPLICATE)
        else:
            groups.setdefault((unit.key, unit.language), []).append(unit)
    return groups


def import_entry(key: Tuple[str, str], units: List[Unit], report: ImportReport, *, reviewed: bool,
                 note: str) -> None:
    """Check and save one entry's units in one language (inside the import's transaction)."""
    from bot.content.models import FaqEntry, FaqText
    from bot.content.review import save_text, source_text

    entry_key, language = key
    refusal = _language_refusal(language)
    if refusal:
        report.conflict(units, refusal)
        return
    entry = FaqEntry.objects.filter(key=entry_key).first()
    if entry is None:
        report.conflict(units, UNKNOWN_ENTRY)
        return
    try:
        source = source_text(entry)
    except FaqText.DoesNotExist:
        report.conflict(units, NO_SOURCE)
        return
    translation = FaqText.objects.filter(entry=entry, language=language).first()
    empty = [unit for unit in units if not unit.target.strip()]
    report.conflict(empty, EMPTY_TARGET)
    usable = [unit for unit in units if unit.target.strip()]
    reason = _entry_conflict(source, translation, usable)
    if reason:
        report.conflict(usable, reason)
        return
    if not usable:
        return
    if translation is None:
        translation = FaqText.objects.create(entry=entry, language=language, state=ReviewState.MISSING)
    changes = {unit.field_name: unit.target for unit in usable}
    answer = changes.get(ANSWER, translation.answer)
    examples = changes.get(EXAMPLES, translation.examples)
    confirm = reviewed and not empty and not any(unit.fuzzy for unit in usable)
    before = (translation.version, translation.state)
    save_text(translation, answer=answer, examples=examples, reviewed=confirm, note=note, vouched=confirm)
    done = report.updated if (translation.version, translation.state) != before else report.unchanged
    done.extend(unit.id for unit in usable)


def _language_refusal(language: str) -> Optional[str]:
    """Why units in ``language`` cannot be imported (not a translation language of the bot), or None."""
    from bot.languages import registry

    if language == SOURCE_LANGUAGE or language not in registry():
        return WRONG_LANGUAGE.format(language=language or "?")
    return None


def _entry_conflict(source: FaqText, translation: Optional[FaqText], units: List[Unit]) -> Optional[str]:
    """Why the entry's units must not be imported (German changed, newer reviewed translation), or None."""
    if not units:
        return None
    exported_source = units[0].source_version
    if exported_source is None:
        if any(_clean(unit.source) != _clean(getattr(source, unit.field_name or ANSWER)) for unit in units):
            return SOURCE_CHANGED
    elif source_changed_since(source, exported_source):
        return SOURCE_CHANGED
    exported_translation = units[0].target_version
    if translation is not None and translation.state == ReviewState.REVIEWED:
        if exported_translation is None:
            if any(_clean(unit.target) != _clean(getattr(translation, unit.field_name or ANSWER)) for unit in units):
                return REVIEWED_UNKNOWN_EXPORT
        elif translation.version != exported_translation:
            return NEWER_REVIEWED
    return None


def source_changed_since(source: FaqText, version: int) -> bool:
    """Whether the German text changed after ``version`` in a way translations must follow (not minor)."""
    if source.version == version:
        return False
    revisions = list(source.revisions.filter(version__gte=version).order_by("version"))
    if not revisions or revisions[0].version != version:
        return True  # the exported version is unknown here: assume the worst
    previous = (revisions[0].answer, revisions[0].examples)
    for revision in revisions[1:]:
        content = (revision.answer, revision.examples)
        if content != previous and not revision.minor:
            return True
        previous = content
    return False


def _clean(text: str) -> str:
    """Text compared without differences of line ends and surrounding blanks."""
    return "\n".join(line.strip() for line in text.replace("\r\n", "\n").strip().splitlines())


# --- command line ----------------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    """``lotse content export LANG PATH [--format po|xliff]``."""
    refusal = _language_refusal(args.language)
    if refusal:
        print(f"Export abgelehnt: {refusal}; übersetzt wird in die Sprachen des Bots außer {SOURCE_LANGUAGE}.",
              file=sys.stderr)
        return 2
    count = export_language(args.language, args.path, args.format)
    print(f"Export {args.path}: {count} Einheiten ({args.language}, {args.format}).")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """``lotse content import PATH [--reviewed]``: 0 when all went in, 1 with conflicts, 2 for a bad file."""
    try:
        report = import_file(args.path, reviewed=args.reviewed)
    except MalformedFile as error:
        print(f"Import {args.path.name}: nichts importiert – {error}", file=sys.stderr)
        return 2
    print("\n".join(report.lines()))
    return 1 if report.conflicts else 0

"""``lotse content check`` and ``lotse messages check``: what is missing or unreviewed, per language.

Two sources: the interface texts in the ``locales/`` catalogs (compared with the template built
from ``domain.yml`` and the ``N_()`` texts) and the FAQ answers in the database. A language that
must be complete (``status: required``) fails the check when a catalog text is missing or
outdated (fuzzy: the bot cannot show it) or an FAQ answer is missing. Outdated FAQ answers are
reported but do not fail: the bot still shows them.

Warnings do not fail the check either: FAQ entries whose review date has passed (the facts may have
changed; an editor checks the sources and sets a new Stand in the editor).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional, Tuple

from bot import paths
from bot.content.constants import FAQ_RESPONSE_PREFIX, ReviewState
from bot.i18n.extract import FAQ_MORE_PREFIX

if TYPE_CHECKING:
    from bot.i18n.catalogs import CoverageReport

#: Column titles of the table (developers' CLI, English like the other ``lotse`` commands).
HEADER = ("language", "UI missing", "UI outdated", "UI unreviewed",
          "FAQ missing", "FAQ outdated", "FAQ unreviewed", "FAQ reviewed")


@dataclass(frozen=True)
class LanguageCheck:
    """One language's counts: interface texts in the catalog and FAQ answers in the database."""

    code: str
    required: bool
    catalog_missing: List[str]
    catalog_outdated: List[str]
    catalog_unreviewed: List[str]
    faq: Dict[str, int]
    faq_missing: List[str]

    @property
    def failed(self) -> bool:
        """Whether this language fails the check (see module docstring)."""
        return self.required and bool(self.catalog_missing or self.catalog_outdated or self.faq_missing)

    def row(self) -> List[str]:
        """The table row of this language."""
        counts = [len(self.catalog_missing), len(self.catalog_outdated), len(self.catalog_unreviewed)]
        counts += [self.faq.get(state, 0) for state in (ReviewState.MISSING, ReviewState.OUTDATED,
                                                         ReviewState.UNREVIEWED, ReviewState.REVIEWED)]
        return [self.code] + [str(n) for n in counts]


def table(rows: Iterable[List[str]], header: Iterable[str] = HEADER) -> str:
    """A plain text table: first column left-aligned, the others right-aligned.

    >>> print(table([["de", "0", "12"]], ["language", "missing", "reviewed"]))
    language  missing  reviewed
    de              0        12
    """
    lines = [list(header)] + [list(row) for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return "\n".join("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in
                               enumerate(zip(line, widths))).rstrip() for line in lines)


def is_faq_context(context: str) -> bool:
    """Whether a catalog key belongs to an FAQ answer or its longer text (kept in the database, checked there).

    >>> is_faq_context("utter_faq/dff"), is_faq_context("faq_more/dff"), is_faq_context("utter_greet|button0")
    (True, True, False)
    """
    return context.startswith((FAQ_RESPONSE_PREFIX, FAQ_MORE_PREFIX))


def catalog_reports(include_faq: bool = True) -> List[CoverageReport]:
    """The coverage report of every language's catalog (``include_faq=False``: interface texts only)."""
    from bot.i18n import catalogs
    from bot.languages import registry

    locales = paths.locales_dir()
    template = catalogs.build_template(paths.domain_file(), paths.PROJECT_ROOT / "bot")
    if not include_faq:
        for message in list(template):
            if message.id and is_faq_context(message.context or ""):
                template.delete(message.id, context=message.context)
    return [catalogs.coverage(locales, language.code, template) for language in registry()]


def check_messages() -> int:
    """``lotse messages check``: every catalog message, per language; 1 when a required one is missing."""
    from bot.languages import registry

    failed = False
    for report in catalog_reports():
        print(f"{report.code}: {len(report.missing)} missing, {len(report.outdated)} outdated, "
              f"{len(report.unreviewed)} unreviewed")
        for key in report.missing + report.outdated:
            print(f"  {'missing' if key in report.missing else 'outdated'}: {key}")
        failed |= registry()[report.code].is_required and bool(report.missing or report.outdated)
    return 1 if failed else 0


def missing_faq(language: str) -> List[str]:
    """Keys of the FAQ entries without an answer in ``language`` (no text, or state missing)."""
    from bot.content.models import FaqEntry, FaqText

    answered = FaqText.objects.filter(language=language).exclude(state=ReviewState.MISSING).exclude(answer="")
    return sorted(FaqEntry.objects.exclude(pk__in=answered.values("entry_id")).values_list("key", flat=True))


def language_checks() -> List[LanguageCheck]:
    """The check of every registry language (reads the catalogs and the database)."""
    from bot.content.review import coverage
    from bot.languages import registry

    faq = coverage()
    return [LanguageCheck(report.code, registry()[report.code].is_required, report.missing, report.outdated,
                          report.unreviewed, faq.get(report.code, {}), missing_faq(report.code))
            for report in catalog_reports(include_faq=False)]


#: An FAQ entry whose review is overdue: key, German title, review date.
Overdue = Tuple[str, str, dt.date]


def overdue_reviews(on: Optional[dt.date] = None) -> List[Overdue]:
    """The FAQ entries whose review date has passed, the longest overdue first."""
    from bot.content.entries import overdue_entries

    return [(entry.key, entry.title, entry.review_due) for entry in overdue_entries(on=on)]


def warnings(overdue: Iterable[Overdue]) -> List[str]:
    """The warning lines of overdue reviews.

    >>> warnings([("dff", "Deutschkurse", dt.date(2026, 6, 1))])
    ['  WARNING: review overdue since 2026-06-01: dff (Deutschkurse)']
    """
    return [f"  WARNING: review overdue since {due.isoformat()}: {key} ({title or 'no title'})"
            for key, title, due in overdue]


def report(checks: List[LanguageCheck], overdue: Iterable[Overdue] = ()) -> str:
    """The readable report: the table, each missing or outdated text by name, then the warnings."""
    lines = ["Interface texts (UI: locales/ catalogs, without the FAQ) and FAQ answers (database):", "",
             table(check.row() for check in checks)]
    details = []
    for check in checks:
        details += [f"  {check.code}: UI text missing: {key}" for key in check.catalog_missing]
        details += [f"  {check.code}: UI text outdated (fuzzy): {key}" for key in check.catalog_outdated]
        details += [f"  {check.code}: FAQ answer missing: {key}" for key in check.faq_missing]
    if details:
        lines += ["", *details]
    warned = warnings(overdue)
    if warned:
        lines += ["", f"FAQ reviews overdue ({len(warned)}; warnings, the check does not fail on them):", *warned]
    failed = [check.code for check in checks if check.failed]
    lines += ["", f"FAILED: missing texts in {', '.join(failed)}" if failed else "OK: nothing missing"
              + (f" ({len(warned)} warnings)" if warned else "")]
    return "\n".join(lines)


def run_check(checks: Optional[List[LanguageCheck]] = None, overdue: Optional[List[Overdue]] = None) -> int:
    """``lotse content check``: print the report; 1 when a required language misses a text, else 0 (also
    with warnings)."""
    checks = checks if checks is not None else language_checks()
    overdue = overdue if overdue is not None else overdue_reviews()
    print(report(checks, overdue))
    return 1 if any(check.failed for check in checks) else 0

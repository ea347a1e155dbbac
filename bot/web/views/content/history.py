"""The history of one FAQ text: its revisions with a word-level diff each, and revert.

A revert of the German text is a change like any other: with four-eyes review on it waits for approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_POST

from bot.content import approval
from bot.content.constants import ReviewState
from bot.content.models import FaqRevision
from bot.web.views.content.access import editor_required, entry_or_404, language_or_404, script_context, text_of
from bot.web.views.content.diff import word_diff

#: How many revisions the history page shows.
SHOWN_REVISIONS = 100


@dataclass(frozen=True)
class Change:
    """A revision and how its answer, longer text and examples differ from the revision before it."""

    revision: FaqRevision
    state_label: str
    answer_diff: SafeString
    examples_diff: Optional[SafeString]
    current: bool
    more_diff: Optional[SafeString] = None


def changes(revisions: List[FaqRevision], current_version: int) -> List[Change]:
    """Each revision (newest first) compared with the next older one; the oldest shown as it is."""
    result = []
    for index, revision in enumerate(revisions):
        older = revisions[index + 1] if index + 1 < len(revisions) else None
        old_answer, old_examples = (older.answer, older.examples) if older else (revision.answer, revision.examples)
        answer_diff, examples_diff = word_diff(old_answer, revision.answer), word_diff(old_examples, revision.examples)
        unchanged_examples = older is not None and older.examples == revision.examples
        old_more = older.more if older else ""
        more_diff = word_diff(old_more, revision.more) if revision.more != old_more else None
        result.append(Change(revision, ReviewState(revision.state).label, answer_diff,
                             None if unchanged_examples or not revision.examples else examples_diff,
                             revision.version == current_version, more_diff))
    return result


@require_GET
@editor_required
def text_history(request: HttpRequest, key: str, language: str) -> HttpResponse:
    """The revisions of an entry's text in one language, newest first, with diffs."""
    entry, lang = entry_or_404(key), language_or_404(language)
    text = text_of(entry, lang.code)
    revisions = list(FaqRevision.objects.filter(text_id=text.pk).select_related("author", "approved_by")
                     [:SHOWN_REVISIONS + 1]) if text.pk else []
    return render(request, "content/history.html", {
        "entry": entry, "text": text, "lang": script_context(lang),
        "changes": changes(revisions, text.version)[:SHOWN_REVISIONS], "section": "list",
    })


@require_POST
@editor_required
def revert_text(request: HttpRequest, key: str, language: str) -> HttpResponse:
    """Restore an older revision's answer, longer text and examples as a new revision (the review rules apply)."""
    entry, lang = entry_or_404(key), language_or_404(language)
    text = text_of(entry, lang.code)
    version = request.POST.get("version", "")
    revision = get_object_or_404(FaqRevision, text_id=text.pk, version=int(version) if version.isdigit() else -1)
    before = text.version
    try:
        submitted = approval.revert(text, revision.version, request.user)
    except ValueError as error:
        messages.error(request, f"Zurücksetzen nicht möglich: {error}")
        return redirect("content:history", key=entry.key, language=lang.code)
    done = submitted.revision
    if submitted.waiting:
        messages.success(request, f"Version {revision.version} wartet als Änderung auf die Freigabe durch eine "
                                  "zweite Person (Vier-Augen-Prinzip).")
    elif done is None or done.version == before:
        messages.info(request, f"Version {revision.version} entspricht dem aktuellen Text; nichts geändert.")
    else:
        messages.success(request, f"Auf Version {revision.version} zurückgesetzt (neue Version {done.version}, "
                                  f"{ReviewState(done.state).label}).")
    return redirect("content:history", key=entry.key, language=lang.code)

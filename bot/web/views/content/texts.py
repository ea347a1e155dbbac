"""The edit form of one FAQ entry in one language, its chat preview and the mark-reviewed action.

Saving goes through :func:`bot.content.approval.submit`: at once through
:func:`bot.content.review.save_text` (one transaction, the review-state rules), or, for German with
four-eyes review on, as a change that waits for a second person (:mod:`bot.content.approval`). The
form carries the version the editor started from: when someone else saved meanwhile, nothing is
written and the editor is told.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods, require_POST

from bot.content import answers, approval, review
from bot.content.approval import Submitted
from bot.content.constants import SOURCE_LANGUAGE, ReviewState
from bot.content.models import FaqEntry, FaqProposal, FaqRevision, FaqText
from bot.nlg import labels
from bot.web.views.content.access import (editor_required, entry_or_404, language_or_404, languages,
                                          script_context, text_of)
from bot.web.views.content.diff import word_diff
from bot.web.views.content.forms import MAX_ANSWER_LENGTH, FaqTextForm

#: Value of the form's "Vorschau" submit button (``action``): show the preview, save nothing.
PREVIEW_ACTION = "preview"
EDIT_TEMPLATE = "content/edit.html"


class EditConflict(Exception):
    """The text was saved by someone else after the editor opened the form."""

    def __init__(self, current: FaqText) -> None:
        super().__init__(f"{current} is at version {current.version}")
        self.current = current


def source_of(entry: FaqEntry) -> FaqText:
    """The entry's German text (unsaved and empty when there is none)."""
    try:
        return review.source_text(entry)
    except FaqText.DoesNotExist:
        return FaqText(entry=entry, language=SOURCE_LANGUAGE)


def source_changes(text: FaqText, source: FaqText) -> Optional[Dict[str, SafeString]]:
    """For an outdated translation: how the German answer and longer text changed since it was written."""
    if text.state != ReviewState.OUTDATED or source.pk is None:
        return None
    then = FaqRevision.objects.filter(text=source, version=text.source_version).first()
    if then is None:
        return None
    return {"answer": word_diff(then.answer, source.answer),
            "more": word_diff(then.more, source.more) if then.more != source.more else None}


def proposal_changes(text: FaqText, proposal: Optional[FaqProposal]) -> Optional[Dict[str, Any]]:
    """How a change waiting for approval differs from the live text (answer, longer text, examples)."""
    if proposal is None:
        return None
    return {"answer": word_diff(text.answer, proposal.answer),
            "more": word_diff(text.more, proposal.more) if text.more != proposal.more else None,
            "examples": word_diff(text.examples, proposal.examples) if text.examples != proposal.examples else None}


def preview_of(entry: FaqEntry, code: str, answer: str) -> str:
    """The answer as the chat shows it (services appended, RTL isolation); empty for an empty answer."""
    return answers.compose(answer, entry, code) if answer.strip() else ""


def save(entry: FaqEntry, code: str, form: FaqTextForm, user: Any) -> Submitted:
    """Save (or propose) the form's text in one transaction; EditConflict when the text changed since it was opened."""
    with transaction.atomic():
        text, _ = FaqText.objects.select_for_update().get_or_create(entry=entry, language=code)
        if text.version != form.cleaned_data["version"]:
            raise EditConflict(text)
        return approval.submit(text, user=user, **form.options())


def edit_context(request: HttpRequest, entry: FaqEntry, code: str, form: FaqTextForm,
                 preview_answer: Optional[str] = None, preview_more: Optional[str] = None) -> Dict[str, Any]:
    """Everything the edit page shows."""
    language = language_or_404(code)
    text = text_of(entry, code)
    source = source_of(entry) if code != SOURCE_LANGUAGE else None
    proposal = approval.pending(text)
    answer = (proposal.answer if proposal else text.answer) if preview_answer is None else preview_answer
    more = (proposal.more if proposal else text.more) if preview_more is None else preview_more
    return {
        "entry": entry, "text": text, "form": form, "lang": script_context(language),
        "source": source, "source_lang": script_context(language_or_404(SOURCE_LANGUAGE)),
        "source_changes": source_changes(text, source) if source is not None else None,
        "preview": preview_of(entry, code, answer), "preview_more": more.strip(),
        "more_label": labels.localized(labels.MORE, code),
        "previewing": preview_answer is not None,
        "can_review": review.can_review(request.user, code),
        "may_mark_reviewed": text.pk is not None and text.state in (ReviewState.UNREVIEWED, ReviewState.OUTDATED),
        "four_eyes": review.four_eyes(code), "proposal": proposal, "changes": proposal_changes(text, proposal),
        "may_approve": proposal is not None and review.may_approve(request.user, proposal.author),
        "may_discard": proposal is not None and approval.may_discard(request.user, proposal),
        "own_proposal": proposal is not None and proposal.author_id == request.user.pk,
        "tabs": [(other, text_of(entry, other.code)) for other in languages()],
        "max_answer": MAX_ANSWER_LENGTH, "section": "list",
    }


def new_form(request: HttpRequest, text: FaqText) -> FaqTextForm:
    """The form filled with the saved text, or with the change waiting for approval."""
    shown = approval.pending(text) or text
    reviewer = review.can_review(request.user, text.language) and not review.four_eyes(text.language)
    return FaqTextForm(initial={"answer": shown.answer, "more": shown.more, "examples": shown.examples,
                                "version": text.version}, language=text.language, reviewer=reviewer)


def saved_message(request: HttpRequest, done: Submitted, before: int, had_proposal: bool) -> None:
    """Tell the editor what became of the change."""
    if done.waiting:
        messages.success(request, "Ihre Änderung ist gespeichert und wartet auf die Freigabe durch eine zweite Person "
                                  "(Vier-Augen-Prinzip). Bis dahin zeigt der Chat die bisherige Antwort.")
    elif done.revision is None or done.revision.version == before:
        messages.info(request, "Keine Änderung: Der Text war schon so gespeichert."
                      + (" Die wartende Änderung ist zurückgezogen." if had_proposal else ""))
    else:
        messages.success(request, f"Gespeichert als Version {done.revision.version} "
                                  f"({ReviewState(done.revision.state).label}). Die Antwort gilt ab sofort im Chat.")


@require_http_methods(["GET", "POST"])
@editor_required
def edit_text(request: HttpRequest, key: str, language: str) -> HttpResponse:
    """Show (GET) or save (POST) an entry's answer, longer text and example questions in one language."""
    entry, code = entry_or_404(key), language_or_404(language).code
    if request.method == "GET":
        form = new_form(request, text_of(entry, code))
        return render(request, EDIT_TEMPLATE, edit_context(request, entry, code, form))
    reviewer = review.can_review(request.user, code) and not review.four_eyes(code)
    form = FaqTextForm(request.POST, language=code, reviewer=reviewer)
    if form.is_valid() and request.POST.get("action") == PREVIEW_ACTION:
        return render(request, EDIT_TEMPLATE, edit_context(request, entry, code, form, form.cleaned_data["answer"],
                                                           form.cleaned_data["more"]))
    if form.is_valid():
        current = text_of(entry, code)
        before, had_proposal = current.version, approval.pending(current) is not None
        try:
            done = save(entry, code, form, request.user)
        except EditConflict as conflict:
            author = conflict.current.updated_by.get_username() if conflict.current.updated_by else "jemand anderes"
            form.add_error(None, f"{author} hat diesen Text inzwischen gespeichert "
                                 f"(Version {conflict.current.version}). Ihre Änderung wurde nicht gespeichert. "
                                 "Bitte laden Sie die Seite neu und übernehmen Sie Ihre Änderung noch einmal.")
        except review.ReviewNotAllowed:
            form.add_error(None, "Sie dürfen Texte in dieser Sprache nicht als geprüft markieren.")
        except (ValueError, ValidationError) as error:
            form.add_error(None, "; ".join(getattr(error, "messages", [str(error)])))
        else:
            saved_message(request, done, before, had_proposal)
            return redirect("content:edit", key=entry.key, language=code)
    context = edit_context(request, entry, code, form, request.POST.get("answer", ""), request.POST.get("more", ""))
    return render(request, EDIT_TEMPLATE, context, status=400)


@require_POST
@editor_required
def preview(request: HttpRequest, key: str, language: str) -> JsonResponse:
    """JSON for the edit page's live preview: the posted answer as the chat would show it."""
    entry, code = entry_or_404(key), language_or_404(language).code
    answer = request.POST.get("answer", "")[:MAX_ANSWER_LENGTH]
    return JsonResponse({"preview": preview_of(entry, code, answer)})


@require_POST
@editor_required
def mark_reviewed(request: HttpRequest, key: str, language: str) -> HttpResponse:
    """Mark the text as reviewed by a native speaker, unchanged (reviewers of the language only)."""
    entry, code = entry_or_404(key), language_or_404(language).code
    if not review.can_review(request.user, code):
        return render(request, "content/no_access.html", {"reason": "review"}, status=403)
    text = text_of(entry, code)
    try:
        if text.pk is None:
            raise ValueError("missing")
        review.mark_reviewed(text, request.user)
    except ValueError:
        messages.error(request, "Ein fehlender Text kann nicht als geprüft markiert werden.")
    else:
        messages.success(request, "Als muttersprachlich geprüft markiert.")
    return redirect("content:edit", key=entry.key, language=code)

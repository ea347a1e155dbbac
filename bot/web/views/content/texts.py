"""The edit form of one FAQ entry in one language, its chat preview and the mark-reviewed action.

Saving goes through :func:`bot.content.review.save_text` (one transaction, the review-state rules).
The form carries the version the editor started from: when someone else saved meanwhile, nothing is
written and the editor is told.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from bot.content import answers, review
from bot.content.constants import SOURCE_LANGUAGE, ReviewState
from bot.content.models import FaqEntry, FaqRevision, FaqText
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


def source_changes(text: FaqText, source: FaqText) -> Optional[str]:
    """For an outdated translation: the German text's changes since the translation was written."""
    if text.state != ReviewState.OUTDATED or source.pk is None:
        return None
    then = FaqRevision.objects.filter(text=source, version=text.source_version).first()
    return word_diff(then.answer, source.answer) if then is not None else None


def preview_of(entry: FaqEntry, code: str, answer: str) -> str:
    """The answer as the chat shows it (services appended, RTL isolation); empty for an empty answer."""
    return answers.compose(answer, entry, code) if answer.strip() else ""


def save(entry: FaqEntry, code: str, form: FaqTextForm, user: Any) -> FaqRevision:
    """Save the form's text in one transaction; EditConflict when the text changed since the form opened."""
    with transaction.atomic():
        text, _ = FaqText.objects.select_for_update().get_or_create(entry=entry, language=code)
        if text.version != form.cleaned_data["version"]:
            raise EditConflict(text)
        return review.save_text(text, user=user, **form.options())


def edit_context(request: HttpRequest, entry: FaqEntry, code: str, form: FaqTextForm,
                 preview_answer: Optional[str] = None) -> Dict[str, Any]:
    """Everything the edit page shows."""
    language = language_or_404(code)
    text = text_of(entry, code)
    source = source_of(entry) if code != SOURCE_LANGUAGE else None
    answer = text.answer if preview_answer is None else preview_answer
    return {
        "entry": entry, "text": text, "form": form, "lang": script_context(language),
        "source": source, "source_lang": script_context(language_or_404(SOURCE_LANGUAGE)),
        "source_changes": source_changes(text, source) if source is not None else None,
        "preview": preview_of(entry, code, answer), "previewing": preview_answer is not None,
        "can_review": review.can_review(request.user, code),
        "may_mark_reviewed": text.pk is not None and text.state in (ReviewState.UNREVIEWED, ReviewState.OUTDATED),
        "tabs": [(other, text_of(entry, other.code)) for other in languages()],
        "max_answer": MAX_ANSWER_LENGTH, "section": "list",
    }


def new_form(request: HttpRequest, text: FaqText) -> FaqTextForm:
    """The form filled with the saved text."""
    return FaqTextForm(initial={"answer": text.answer, "examples": text.examples, "version": text.version},
                       language=text.language, reviewer=review.can_review(request.user, text.language))


@require_http_methods(["GET", "POST"])
@editor_required
def edit_text(request: HttpRequest, key: str, language: str) -> HttpResponse:
    """Show (GET) or save (POST) an entry's answer and example questions in one language."""
    entry, code = entry_or_404(key), language_or_404(language).code
    if request.method == "GET":
        form = new_form(request, text_of(entry, code))
        return render(request, EDIT_TEMPLATE, edit_context(request, entry, code, form))
    form = FaqTextForm(request.POST, language=code, reviewer=review.can_review(request.user, code))
    if form.is_valid() and request.POST.get("action") == PREVIEW_ACTION:
        return render(request, EDIT_TEMPLATE, edit_context(request, entry, code, form, form.cleaned_data["answer"]))
    if form.is_valid():
        before = text_of(entry, code).version
        try:
            revision = save(entry, code, form, request.user)
        except EditConflict as conflict:
            author = conflict.current.updated_by.get_username() if conflict.current.updated_by else "jemand anderes"
            form.add_error(None, f"{author} hat diesen Text inzwischen gespeichert "
                                 f"(Version {conflict.current.version}). Ihre Änderung wurde nicht gespeichert. Bitte laden Sie die Seite neu und "
                                 "übernehmen Sie Ihre Änderung noch einmal.")
        except review.ReviewNotAllowed:
            form.add_error(None, "Sie dürfen Texte in dieser Sprache nicht als geprüft markieren.")
        except (ValueError, ValidationError) as error:
            form.add_error(None, "; ".join(getattr(error, "messages", [str(error)])))
        else:
            if revision.version == before:
                messages.info(request, "Keine Änderung: Der Text war schon so gespeichert.")
            else:
                messages.success(request, f"Gespeichert als Version {revision.version} "
                                          f"({ReviewState(revision.state).label}). Die Antwort gilt ab sofort im Chat.")
            return redirect("content:edit", key=entry.key, language=code)
    context = edit_context(request, entry, code, form, request.POST.get("answer", ""))
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

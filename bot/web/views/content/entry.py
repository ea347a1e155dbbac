"""One FAQ entry: its settings, Stand, review date and sources, its texts per language; and new entries.

The settings change what follows the answer (``handover``: the NLU router reads it from the file
:mod:`bot.content.handover_overlay` writes after every save), whether the chat shows the Stand and
the first source (``legal``), and when the answer must be checked again (``review_due``, six months
after the Stand unless set by hand, :func:`bot.content.entries.schedule_review`).
"""

from __future__ import annotations

from typing import Any, Dict, List

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from bot.content import approval, entries
from bot.content.constants import SOURCE_LANGUAGE, ReviewState
from bot.content.models import FaqEntry, FaqProposal, FaqText
from bot.content.models.faq import Handover
from bot.web.views.content.access import editor_required, entry_or_404, language_name, languages
from bot.web.views.content.entry_forms import EntryForm, NewEntryForm, SourceFormSet, source_initial

ENTRY_TEMPLATE = "content/entry.html"
#: Prefix of the sources' formset fields.
SOURCES_PREFIX = "sources"
#: What each handover setting means for the client (shown beside the choice).
HANDOVER_HELP = {
    Handover.NONE: "Der Chat zeigt nur die Antwort.",
    Handover.OFFER: "Unter der Antwort steht der Knopf „Integrationsmanagement fragen“.",
    Handover.TICKET: "Nach der Antwort geht das Gespräch immer an das Integrationsmanagement "
                     "(Ort, Einwilligung, Anfrage).",
    Handover.URGENT: "Nach der Antwort wird sofort eine dringende Anfrage gestellt (z. B. Fristen in Briefen).",
}


def all_topics() -> List[str]:
    """The topics entries have, for the topic field's suggestions."""
    return sorted(set(FaqEntry.objects.values_list("topic", flat=True)), key=str.casefold)


def text_rows(entry: FaqEntry) -> List[Dict[str, Any]]:
    """Each registry language (German first) with the entry's text state, whether it has a longer text,
    and whether a change waits for approval."""
    texts = {text.language: text for text in FaqText.objects.filter(entry=entry)}
    waiting = set(FaqProposal.objects.filter(text__entry=entry).values_list("text__language", flat=True))
    rows = []
    for language in languages():
        text = texts.get(language.code)
        state = ReviewState(text.state if text else ReviewState.MISSING)
        rows.append({"code": language.code, "name": language_name(language.code), "endonym": language.endonym,
                     "dir": language.direction, "state": state.value, "label": state.label,
                     "more": bool(text and text.more), "waiting": language.code in waiting,
                     "version": text.version if text else 0})
    return rows


def entry_context(entry: FaqEntry, form: EntryForm, sources: Any) -> Dict[str, Any]:
    """Everything the entry page shows."""
    return {
        "entry": entry, "form": form, "sources": sources, "texts": text_rows(entry), "topics": all_topics(),
        "shown_sources": [{**source, "read_date": row["read"]}
                          for source, row in zip(entry.sources or [], source_initial(entry.sources))],
        "readiness": entries.readiness(entry), "overdue": entries.is_overdue(entry),
        "default_review_due": entries.default_review_due(entry.stand), "min_examples": entries.MIN_EXAMPLES,
        "handover_help": [(value, label, HANDOVER_HELP[value]) for value, label in Handover.choices],
        "section": "list",
    }


def save_entry(entry: FaqEntry, form: EntryForm, sources: Any) -> List[str]:
    """Save the entry's settings and sources; returns what the editor is told besides "saved"."""
    data = form.cleaned_data
    notes = []
    before_handover, before_due = entry.handover, entry.review_due
    entry.title, entry.topic = data["title"], data["topic"]
    entry.handover, entry.legal = data["handover"], data["legal"]
    entries.schedule_review(entry, data["stand"], data["review_due"], "review_due" in form.changed_data)
    entry.sources = [source for source in (row.source() for row in sources.forms) if source]
    entry.save()
    if entry.handover != before_handover:
        notes.append(f"Danach: „{Handover(entry.handover).label}“ gilt ab der nächsten Nachricht im Chat "
                     "(ohne neue Veröffentlichung).")
    if entry.review_due != before_due and entry.review_due and not entry.review_due_by_hand:
        notes.append(f"Prüfen bis {entry.review_due:%d.%m.%Y} (sechs Monate nach dem Stand).")
    return notes


@require_http_methods(["GET", "POST"])
@editor_required
def entry_page(request: HttpRequest, key: str) -> HttpResponse:
    """Show (GET) or save (POST) an entry's settings, Stand, review date and sources."""
    entry = entry_or_404(key)
    if request.method == "GET":
        form = EntryForm(instance=entry)
        sources = SourceFormSet(prefix=SOURCES_PREFIX, initial=source_initial(entry.sources))
        return render(request, ENTRY_TEMPLATE, entry_context(entry, form, sources))
    form = EntryForm(request.POST, instance=FaqEntry.objects.get(pk=entry.pk))
    sources = SourceFormSet(request.POST, prefix=SOURCES_PREFIX, initial=source_initial(entry.sources))
    if form.is_valid() and sources.is_valid():
        with transaction.atomic():
            current = FaqEntry.objects.select_for_update().get(pk=entry.pk)
            if form.cleaned_data.get("updated") and form.cleaned_data["updated"] != current.updated_at.isoformat():
                form.add_error(None, "Jemand anderes hat diesen Eintrag inzwischen gespeichert. Ihre Änderung wurde "
                                     "nicht gespeichert. Bitte laden Sie die Seite neu und ändern Sie noch einmal.")
            else:
                notes = save_entry(current, form, sources)
        if not form.non_field_errors():
            messages.success(request, " ".join(["Eintrag gespeichert.", *notes]))
            return redirect("content:entry", key=entry.key)
    return render(request, ENTRY_TEMPLATE, entry_context(entry, form, sources), status=400)


def create_entry(form: NewEntryForm, user: Any) -> tuple:
    """Create the entry and its German text (saved, or waiting for approval under four-eyes review)."""
    data = form.cleaned_data
    with transaction.atomic():
        key = data["key"] or entries.key_from_title(data["title"], FaqEntry.objects.values_list("key", flat=True))
        entry = FaqEntry.objects.create(key=key, title=data["title"], topic=data["topic"], handover=data["handover"])
        text = FaqText.objects.create(entry=entry, language=SOURCE_LANGUAGE, state=ReviewState.MISSING)
        done = approval.submit(text, answer=data["answer"], examples=data["examples"], user=user,
                               note="Neuer Eintrag")
    return entry, done


@require_http_methods(["GET", "POST"])
@editor_required
def new_entry(request: HttpRequest) -> HttpResponse:
    """Create a new FAQ entry in the editor: title, key, topic, what follows, German answer and examples."""
    form = NewEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry, done = create_entry(form, request.user)
        state = entries.readiness(entry)
        parts = [f"Eintrag „{entry.title}“ angelegt (Schlüssel {entry.key})."]
        if done.waiting:
            parts.append("Die deutsche Antwort wartet auf die Freigabe durch eine zweite Person (Vier-Augen-Prinzip).")
        if not state.ready:
            parts.append(f"Noch nicht veröffentlichbar: Es fehlt {' und '.join(state.missing)}.")
        (messages.success if state.ready and not done.waiting else messages.warning)(request, " ".join(parts))
        return redirect("content:entry", key=entry.key)
    return render(request, "content/new.html", {
        "form": form, "topics": all_topics(), "min_examples": entries.MIN_EXAMPLES, "section": "list",
        "handover_help": [(value, label, HANDOVER_HELP[value]) for value, label in Handover.choices],
    }, status=400 if request.method == "POST" else 200)


"""Publishing new example questions: start a retrained, evaluated model and follow its progress.

The work runs in a separate process (:mod:`bot.content.publish`); the page polls a small JSON
endpoint until the publication has finished. ``bot.content.publish`` is imported inside the views so
the web process never loads more than it needs at start-up.

"Jetzt veröffentlichen" is disabled, with the reason beside it, while a publication runs, when the
training data equals that of the active model (:mod:`bot.content.changes`), and while an entry lacks
what a publication needs (:func:`bot.content.entries.unready_entries`).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from bot.content import changes, entries
from bot.content.constants import FINISHED_STATUSES, PublicationStatus
from bot.content.models import FaqRevision, Publication
from bot.web.views.content.access import editor_required

#: Seconds between two polls of the progress page.
POLL_SECONDS = 3
#: How many publications the page lists.
SHOWN_PUBLICATIONS = 10


def percent(value: Optional[float]) -> str:
    """An accuracy (0–1) as a German percentage with one decimal, or a dash.

    >>> percent(0.8734), percent(None), percent(1.0)
    ('87,3 %', '–', '100,0 %')
    """
    return "–" if value is None else f"{value * 100:.1f} %".replace(".", ",")


def status_of(publication: Optional[Publication]) -> Dict[str, Any]:
    """A publication as the progress page's JSON (``{"status": null}`` when there is none)."""
    if publication is None:
        return {"status": None, "finished": True}
    return {
        "id": publication.pk, "status": publication.status, "label": PublicationStatus(publication.status).label,
        "message": publication.message, "finished": publication.status in FINISHED_STATUSES,
        "accuracy": publication.accuracy, "baseline_accuracy": publication.baseline_accuracy,
        "accuracy_text": percent(publication.accuracy), "baseline_text": percent(publication.baseline_accuracy),
        "started": publication.created_at.isoformat(),
        "finished_at": publication.finished_at.isoformat() if publication.finished_at else None,
    }


def changed_examples(since: Optional[Publication]) -> int:
    """How many texts' example questions changed after ``since`` started (all changes when None)."""
    revisions = FaqRevision.objects.filter(version__gt=1)
    if since is not None:
        revisions = revisions.filter(created_at__gt=since.created_at)
    changed = set()
    for revision in revisions.only("text_id", "version", "examples"):
        if revision.text_id in changed:
            continue
        older = FaqRevision.objects.filter(text_id=revision.text_id, version=revision.version - 1).first()
        if older is None or older.examples != revision.examples:
            changed.add(revision.text_id)
    return len(changed)


#: Why the button is disabled when the training data equals the active model's.
NOTHING_CHANGED = ("Nichts zu veröffentlichen: Seit dem aktiven Modell hat sich an den Trainingsdaten nichts geändert "
                   "(Beispielfragen, neue oder gelöschte Einträge).")


def blockers(running: bool, state: changes.PublishState, unready: List[tuple]) -> List[str]:
    """Why publishing is not possible now (empty: it is), in German for editors."""
    reasons = ["Es läuft bereits eine Veröffentlichung."] if running else []
    if unready:
        reasons.append(f"{len(unready)} {'Eintrag ist' if len(unready) == 1 else 'Einträge sind'} noch nicht "
                       f"veröffentlichbar (deutsche Antwort und mindestens {entries.MIN_EXAMPLES} deutsche "
                       "Beispielfragen nötig).")
    if not state.changed:
        reasons.append(NOTHING_CHANGED)
    return reasons


@require_GET
@editor_required
def publish_page(request: HttpRequest) -> HttpResponse:
    """The latest publication, the active one, pending changes and the button to publish (or why not)."""
    from bot.content import publish

    latest, active = publish.latest_publication(), publish.active_publication()
    running = latest is not None and latest.status not in FINISHED_STATUSES
    state, unready = changes.publish_state(), entries.unready_entries()
    return render(request, "content/publish.html", {
        "latest": latest, "active": active, "status": status_of(latest), "changed": changed_examples(active),
        "running": running, "poll_seconds": POLL_SECONDS, "state": state, "unready": unready,
        "min_examples": entries.MIN_EXAMPLES,
        "blockers": blockers(running, state, unready),
        "recent": [(p, status_of(p)) for p in Publication.objects.select_related("started_by")[:SHOWN_PUBLICATIONS]],
        "section": "publish",
    })


@require_POST
@editor_required
def start(request: HttpRequest) -> HttpResponse:
    """Start a publication unless one is running, nothing changed, or an entry is not ready."""
    from bot.content import publish

    unready = entries.unready_entries()
    if unready:
        messages.error(request, "Nicht veröffentlicht: " + blockers(False, changes.PublishState("", None), unready)[0])
        return redirect("content:publish")
    if not changes.publish_state().changed:
        messages.info(request, NOTHING_CHANGED)
        return redirect("content:publish")
    try:
        publish.start_publication(request.user)
    except publish.PublicationRunning:
        messages.info(request, "Es läuft bereits eine Veröffentlichung. Sie sehen hier ihren Fortschritt.")
    else:
        messages.success(request, "Veröffentlichung gestartet. Das Training dauert einige Minuten; "
                                  "Sie können diese Seite offen lassen oder später wiederkommen.")
    return redirect("content:publish")


@require_GET
@editor_required
def status(request: HttpRequest) -> JsonResponse:
    """JSON for the progress page's polling: the latest publication's stage, message and accuracy."""
    from bot.content import publish

    return JsonResponse(status_of(publish.latest_publication()))

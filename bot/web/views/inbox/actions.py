"""The actions on a ticket (POST only): claim, assign, status, note, reply.

Invalid input re-renders the ticket page with German error messages (status 400), never a 500.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bot.handover import constants as c
from bot.handover import live, workflow
from bot.handover.errors import LiveChatUnavailable
from bot.handover.forms import AssignForm, NoteForm, ReplyForm, StatusForm
from bot.handover.scoping import colleagues, visible_tickets
from bot.web.views.inbox.access import inbox_required, visible_ticket
from bot.web.views.inbox.tickets import ticket_context


def _back(reference: str) -> HttpResponse:
    return redirect("inbox:ticket", reference=reference)


def _invalid(request: HttpRequest, ticket, **forms) -> HttpResponse:  # type: ignore[no-untyped-def]
    messages.error(request, "Bitte prüfen Sie Ihre Eingabe.")
    return render(request, "inbox/ticket.html", ticket_context(request, ticket, **forms), status=400)


@require_POST
@inbox_required
def claim(request: HttpRequest, reference: str) -> HttpResponse:
    """Take the ticket as one's own."""
    ticket = visible_ticket(request, reference)
    try:
        workflow.claim(ticket, request.user)
    except workflow.NotAManager:
        messages.error(request, "Nur Integrationsmanager/innen mit eigenem Profil können Tickets übernehmen.")
        return _back(reference)
    messages.success(request, f"Sie haben {ticket.reference} übernommen.")
    return _back(reference)


@require_POST
@inbox_required
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    """Give the ticket to a colleague of its district."""
    ticket = visible_ticket(request, reference)
    form = AssignForm(request.POST, managers=colleagues(ticket, request.user))
    if not form.is_valid():
        return _invalid(request, ticket, assign_form=form)
    workflow.assign(ticket, form.cleaned_data["manager"], request.user)
    messages.success(request, f"{ticket.reference} ist jetzt bei {form.cleaned_data['manager'].name}.")
    if not visible_tickets(request.user).filter(pk=ticket.pk).exists():
        return redirect("inbox:list")
    return _back(reference)


@require_POST
@inbox_required
def change_status(request: HttpRequest, reference: str) -> HttpResponse:
    """Change the ticket's status; resolving ends a live conversation first (the bot answers again)."""
    ticket = visible_ticket(request, reference)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _invalid(request, ticket, status_form=form)
    if form.cleaned_data["status"] == c.RESOLVED and ticket.is_live:
        try:
            live.end(ticket, request.user)
        except LiveChatUnavailable:
            messages.error(request, "Das Live-Gespräch läuft noch und kann gerade nicht beendet werden (der Chatbot "
                                    "ist nicht erreichbar). Der Status wurde nicht geändert.")
            return _back(reference)
    workflow.set_status(ticket, form.cleaned_data["status"], request.user)
    messages.success(request, f"Status: {c.STATUSES[ticket.status]}.")
    return _back(reference)


@require_POST
@inbox_required
def add_note(request: HttpRequest, reference: str) -> HttpResponse:
    """Add an internal note."""
    ticket = visible_ticket(request, reference)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _invalid(request, ticket, note_form=form)
    workflow.add_note(ticket, form.cleaned_data["text"], request.user)
    messages.success(request, "Notiz gespeichert.")
    return _back(reference)


@require_POST
@inbox_required
def reply(request: HttpRequest, reference: str) -> HttpResponse:
    """Send a reply to the client on their channel (queued when the channel is unreachable)."""
    ticket = visible_ticket(request, reference)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _invalid(request, ticket, reply_form=form)
    message = workflow.reply(ticket, form.cleaned_data["text"], request.user)
    if message.status == c.QUEUED:
        messages.warning(request, "Die Antwort ist gespeichert, konnte aber noch nicht zugestellt werden. "
                                  "Sie bleibt in der Warteschlange und wird erneut gesendet.")
    else:
        messages.success(request, "Antwort gesendet.")
    return _back(reference)

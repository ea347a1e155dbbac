"""The ticket list and the ticket view."""

from __future__ import annotations

from typing import Any, Dict, Optional

from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bot.handover import constants as c
from bot.handover import live
from bot.handover.canned import canned_replies
from bot.handover.errors import LiveChatUnavailable
from bot.handover.forms import AssignForm, NoteForm, ReplyForm, StatusForm, TicketFilterForm
from bot.handover.scoping import colleagues, inbox_user, visible_tickets
from bot.handover.summary import language_label
from bot.handover.workflow import record
from bot.languages import registry
from bot.web.views.inbox.access import inbox_required, visible_ticket

#: Scripts that need a font stack of their own in the transcript.
ETHIOPIC_LANGUAGES = ("ti", "am")


def direction(language: str) -> str:
    """``rtl`` or ``ltr`` for a language code (unknown codes: ``ltr``)."""
    return registry()[language].direction if language in registry() else "ltr"


@require_GET
@inbox_required
def ticket_list(request: HttpRequest) -> HttpResponse:
    """The tickets the user may see, filtered: urgent first, then newest."""
    form = TicketFilterForm(request.GET or None)
    tickets = form.apply(visible_tickets(request.user)).order_by(
        Case(When(urgency=c.URGENT, then=Value(0)), default=Value(1), output_field=IntegerField()), "-created")
    return render(request, "inbox/list.html", {
        "form": form, "tickets": tickets[:200], "link": inbox_user(request.user),
        "status_labels": c.STATUSES, "language_label": language_label,
    })


def ticket_context(request: HttpRequest, ticket: Any, **forms: Any) -> Dict[str, Any]:
    """Everything the ticket page shows; ``forms`` replaces a blank form by one with errors."""
    link = inbox_user(request.user)
    own_manager: Optional[int] = link.manager_id if link else None
    return {
        "ticket": ticket, "link": link, "is_own": ticket.assignee_id is not None and ticket.assignee_id == own_manager,
        "can_claim": own_manager is not None and ticket.assignee_id != own_manager,
        "direction": direction(ticket.language), "ethiopic": ticket.language in ETHIOPIC_LANGUAGES,
        "language_name": language_label(ticket.language), "channel": c.CHANNELS.get(ticket.channel, ticket.channel),
        "status_label": c.STATUSES[ticket.status], "canned": canned_replies(ticket.language),
        "notes": ticket.notes.select_related("author"), "replies": ticket.messages.select_related("author"),
        "audit": ticket.audit.select_related("user")[:30], "delivery_labels": c.DELIVERY_STATUSES,
        "audit_labels": c.AUDIT_ACTIONS,
        "assign_form": forms.get("assign_form") or AssignForm(managers=colleagues(ticket, request.user)),
        "status_form": forms.get("status_form") or StatusForm(initial={"status": ticket.status}),
        "note_form": forms.get("note_form") or NoteForm(),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "can_go_live": ticket.channel in c.CHANNELS, **live_context(ticket),
    }


def live_context(ticket: Any) -> Dict[str, Any]:
    """The live conversation so far (the page's polling keeps it current), or why it cannot be shown."""
    try:
        return {"live_lines": live.messages(ticket), "live_error": False}
    except LiveChatUnavailable:
        return {"live_lines": [], "live_error": True}


@require_GET
@inbox_required
def ticket_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """One ticket: summary, transcript, replies, notes and the actions."""
    ticket = visible_ticket(request, reference)
    record(ticket, request.user, c.VIEWED)
    return render(request, "inbox/ticket.html", ticket_context(request, ticket))

"""The ticket list and the ticket view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, List, Optional

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from bot.handover import constants as c
from bot.handover import live
from bot.handover.assignment import interpreter_needed, languages_by_district
from bot.handover.canned import canned_replies
from bot.handover.errors import LiveChatUnavailable
from bot.handover.forms import AssignForm, NoteForm, ReplyForm, StatusForm, TicketFilterForm
from bot.handover.models import Ticket
from bot.handover.scoping import colleagues, inbox_user, visible_tickets
from bot.handover.summary import case_note, faq_titles, language_label, topic_label
from bot.handover.workflow import record_view
from bot.languages import registry
from bot.web.views.inbox.access import inbox_required, visible_ticket

#: Scripts that need a font stack of their own in the transcript.
ETHIOPIC_LANGUAGES = ("ti", "am")
#: Most tickets the list shows.
LIST_LIMIT = 200


def direction(language: str) -> str:
    """``rtl`` or ``ltr`` for a language code (unknown codes: ``ltr``)."""
    return registry()[language].direction if language in registry() else "ltr"


@dataclass(frozen=True)
class TicketRow:
    """A ticket as one line of the list (and the head of the ticket page)."""

    ticket: Ticket
    topic: str
    language: str
    overdue: bool
    #: The German name of the language nobody answering the ticket speaks ("" when someone does).
    interpreter: str
    #: Where the ticket is: the assignee's name or the pool.
    holder: str


def holder(ticket: Ticket) -> str:
    """Who has the ticket: the assignee, the district's pool, or the statewide pool."""
    if ticket.assignee is not None:
        return str(ticket.assignee.name)
    return f"Pool {ticket.district.name}" if ticket.district is not None else "Landesweiter Pool"


def rows(tickets: List[Ticket], now: datetime) -> List[TicketRow]:
    """The list lines of ``tickets`` (one query for the districts' languages)."""
    spoken = languages_by_district({t.district_id for t in tickets if t.assignee_id is None})
    return [TicketRow(ticket=t, topic=topic_label(t.intent), language=language_label(t.language),
                      overdue=t.is_overdue(now),
                      interpreter=language_label(t.language) if interpreter_needed(t, spoken) else "",
                      holder=holder(t)) for t in tickets]


@require_GET
@inbox_required
def ticket_list(request: HttpRequest) -> HttpResponse:
    """The tickets the user may see, filtered: urgent first, then unanswered by their promised reply time."""
    form = TicketFilterForm(request.GET or None)
    tickets = list(form.apply(visible_tickets(request.user))[:LIST_LIMIT])
    now = timezone.now()
    lines = rows(tickets, now)
    return render(request, "inbox/list.html", {
        "form": form, "rows": lines, "link": inbox_user(request.user), "section": "list",
        "overdue_count": sum(1 for line in lines if line.overdue), "limit": LIST_LIMIT,
    })


def ticket_context(request: HttpRequest, ticket: Any, **forms: Any) -> Dict[str, Any]:
    """Everything the ticket page shows; ``forms`` replaces a blank form by one with errors."""
    link = inbox_user(request.user)
    own_manager: Optional[int] = link.manager_id if link else None
    answered = [a.get("response", "") for a in (ticket.summary or {}).get("answered") or []]
    return {
        "ticket": ticket, "link": link, "row": rows([ticket], timezone.now())[0],
        "note": case_note(ticket.summary or {}, ticket.consent, faq_titles(answered)),
        "is_own": ticket.assignee_id is not None and ticket.assignee_id == own_manager,
        "can_claim": own_manager is not None and ticket.assignee_id != own_manager,
        "direction": direction(ticket.language), "ethiopic": ticket.language in ETHIOPIC_LANGUAGES,
        "language_name": language_label(ticket.language), "channel": c.CHANNELS.get(ticket.channel, ticket.channel),
        "status_label": c.STATUSES[ticket.status], "canned": canned_replies(ticket.language),
        "notes": ticket.notes.select_related("author"), "replies": ticket.messages.select_related("author"),
        "audit": ticket.audit.select_related("user")[:30],
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
    """One ticket: summary, transcript, replies, notes and the actions (a view is audited once per 5 minutes)."""
    ticket = visible_ticket(request, reference)
    record_view(ticket, request.user)
    return render(request, "inbox/ticket.html", ticket_context(request, ticket))

"""Live conversation from the inbox: start, end, and the polled feed of the client's messages.

Scoped like every inbox view (another district's ticket is a 404). When Rasa is unreachable the
manager gets a German error and nothing changed (see :mod:`bot.handover.live`).
"""

from __future__ import annotations

import logging
from typing import Optional

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from bot.handover import live
from bot.handover.errors import LiveChatNotPossible, LiveChatUnavailable
from bot.handover.scoping import inbox_user
from bot.web.views.inbox.access import inbox_required, visible_ticket

logger = logging.getLogger(__name__)

#: German messages for the manager.
RASA_DOWN = ("Der Chatbot ist gerade nicht erreichbar. Das Live-Gespräch wurde nicht {what}; es hat sich nichts "
             "geändert. Bitte versuchen Sie es in ein paar Minuten noch einmal.")
NOT_TOLD = "Die Person konnte noch nicht benachrichtigt werden (Kanal nicht erreichbar)."


def manager_name(request: HttpRequest) -> Optional[str]:
    """The name the client is told: the user's integration manager profile, else their full name."""
    link = inbox_user(request.user)
    if link is not None and link.manager is not None:
        return str(link.manager.name)
    return request.user.get_full_name() or None


@require_POST
@inbox_required
def start_live(request: HttpRequest, reference: str) -> HttpResponse:
    """Pause the bot for the ticket's client and write with them directly."""
    ticket = visible_ticket(request, reference)
    if ticket.is_live:
        messages.info(request, "Das Live-Gespräch läuft bereits.")
        return redirect("inbox:ticket", reference=reference)
    try:
        told = live.start(ticket, request.user, manager_name(request))
    except LiveChatNotPossible:
        messages.error(request, "Auf diesem Kanal ist kein Live-Gespräch möglich.")
        return redirect("inbox:ticket", reference=reference)
    except LiveChatUnavailable as error:
        logger.warning("live chat of %s not started: %s", ticket.reference, error)
        messages.error(request, RASA_DOWN.format(what="gestartet"))
        return redirect("inbox:ticket", reference=reference)
    messages.success(request, "Live-Gespräch gestartet: Der Chatbot schweigt, bis Sie es beenden."
                     + ("" if told else " " + NOT_TOLD))
    return redirect("inbox:ticket", reference=reference)


@require_POST
@inbox_required
def end_live(request: HttpRequest, reference: str) -> HttpResponse:
    """Give the conversation back to the bot."""
    ticket = visible_ticket(request, reference)
    if not ticket.is_live:
        messages.info(request, "Es läuft kein Live-Gespräch.")
        return redirect("inbox:ticket", reference=reference)
    try:
        told = live.end(ticket, request.user)
    except LiveChatUnavailable as error:
        logger.warning("live chat of %s not ended: %s", ticket.reference, error)
        messages.error(request, RASA_DOWN.format(what="beendet"))
        return redirect("inbox:ticket", reference=reference)
    messages.success(request, "Live-Gespräch beendet: Der Chatbot antwortet wieder."
                     + ("" if told else " " + NOT_TOLD))
    return redirect("inbox:ticket", reference=reference)


@require_GET
@inbox_required
def live_feed(request: HttpRequest, reference: str) -> JsonResponse:
    """JSON for the ticket page's polling: whether the ticket is live and the live conversation so far."""
    ticket = visible_ticket(request, reference)
    try:
        lines = live.messages(ticket)
    except LiveChatUnavailable as error:
        logger.warning("live messages of %s unavailable: %s", ticket.reference, error)
        return JsonResponse({"live": ticket.is_live, "error": "Der Chatbot ist gerade nicht erreichbar."},
                            status=503)
    return JsonResponse({"live": ticket.is_live, "messages": [line.to_dict() for line in lines]})

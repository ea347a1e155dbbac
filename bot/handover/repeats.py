"""One open ticket per client and topic: a repeated request is added to the open ticket.

A client (or a script) asking again and again for a person on the same topic would otherwise open a
ticket each time and fill the managers' inbox. While a ticket of the client on that topic (the
ticket's ``intent``) is open, a new request adds a note to it (and makes it urgent when the new one
is), and the client is told about that ticket again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from django.db import transaction

from bot.handover import constants as c
from bot.handover.errors import guarded
from bot.handover.models import Ticket, TicketNote
from bot.handover.types import TicketInfo

#: The note a repeated request leaves on the open ticket (German: the inbox is German-only).
REPEATED = "Die Person hat erneut um Kontakt gebeten{urgent}."


@guarded
def add_to_open_ticket(client_ref: str, intent: str, urgency: str,
                       now: Optional[datetime] = None) -> Optional[TicketInfo]:
    """The client's open ticket on ``intent``, with the repeated request noted on it; None when there is none."""
    from bot.handover.tickets import ticket_info

    with transaction.atomic():
        ticket = (Ticket.objects.select_for_update().filter(client_ref=client_ref, intent=intent,
                                                             status__in=c.OPEN_STATUSES)
                  .order_by("-created").first())
        if ticket is None:
            return None
        urgent = urgency == c.URGENT and ticket.urgency != c.URGENT
        if urgent:
            Ticket.objects.filter(pk=ticket.pk).update(urgency=c.URGENT)
            ticket.urgency = c.URGENT
        TicketNote.objects.create(ticket=ticket, author=None,
                                  text=REPEATED.format(urgent=" (jetzt als Notfall)" if urgent else ""))
    return ticket_info(ticket, now)

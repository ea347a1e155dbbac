"""Telling integration managers about new tickets: by e-mail, and on channels they opted into.

The e-mail holds the reference, urgency, the German summary and a link; never the transcript or
the client's reference. Without ``LOTSE_SMTP_HOST`` nothing is sent and the log says
"notification skipped"; a failed sending leaves ``Ticket.notified_at`` empty for
``lotse handover retry``.

Other channels plug in with :func:`announcer` (the Telegram channel does, see
``bot.channels.staff``): :func:`announce_new_ticket` hands them each new ticket once, after its
commit; they send the ticket number, urgency and inbox link only, and retry through their own
outbox.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timezone
from typing import Callable, List

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from bot.directory.models import IntegrationManager
from bot.handover import constants as c
from bot.handover.models import Ticket
from bot.handover.summary import lines

logger = logging.getLogger(__name__)

#: A channel's announcer: tells the managers concerned about a new ticket; returns how many it told.
Announcer = Callable[[Ticket], int]
#: The registered announcers (see :func:`announcer`).
ANNOUNCERS: List[Announcer] = []


def announcer(function: Announcer) -> Announcer:
    """Decorator: announce every new ticket with ``function`` as well."""
    if function not in ANNOUNCERS:
        ANNOUNCERS.append(function)
    return function


def managers_to_tell(ticket: Ticket) -> List[IntegrationManager]:
    """The assignee; for a district's pool ticket the district's active managers; nobody for the statewide pool."""
    if ticket.assignee is not None:
        return [ticket.assignee]
    if ticket.district_id is not None:
        return list(IntegrationManager.objects.filter(district_id=ticket.district_id, active=True))
    return []


def recipients(ticket: Ticket) -> List[str]:
    """The assignee's address; for a pool ticket the district's managers (statewide: the pool address)."""
    if ticket.assignee is None and ticket.district_id is None:
        return [settings.HANDOVER_POOL_EMAIL] if settings.HANDOVER_POOL_EMAIL else []
    return sorted({m.email for m in managers_to_tell(ticket) if m.email})


def ticket_url(ticket: Ticket) -> str:
    """The absolute inbox link of a ticket."""
    return settings.LOTSE_PUBLIC_URL + reverse("inbox:ticket", args=[ticket.reference])


def message_for(ticket: Ticket, to: List[str]) -> EmailMessage:
    """The notification e-mail (German, plain text)."""
    urgent = " – DRINGEND" if ticket.urgent else ""
    who = (ticket.assignee.name if ticket.assignee else
           f"Pool {ticket.district.name}" if ticket.district else "landesweiter Pool")
    body = [
        "Guten Tag,",
        "",
        f"über Lotse ist ein neues Ticket eingegangen{' (dringend)' if ticket.urgent else ''}.",
        "",
        f"Ticket: {ticket.reference}",
        f"Dringlichkeit: {c.URGENCIES[ticket.urgency]}",
        f"Zuständig: {who}",
        f"Kanal: {c.CHANNELS.get(ticket.channel, ticket.channel)}",
        "",
        "Zusammenfassung:",
        *[f"  {line}" for line in lines(ticket.summary, ticket.consent)],
        "",
        f"Zum Ticket: {ticket_url(ticket)}",
        "",
        "Den Gesprächsverlauf sehen Sie nur im Posteingang (wenn die Person zugestimmt hat).",
        "-- ",
        "Lotse",
    ]
    return EmailMessage(subject=f"[Lotse] Neues Ticket {ticket.reference}{urgent}", body="\n".join(body),
                        from_email=settings.DEFAULT_FROM_EMAIL, to=to)


def notify_new_ticket(ticket_id: int) -> bool:
    """Send the e-mail about a new ticket; True when it went out (or had nobody to go to)."""
    ticket = Ticket.objects.select_related("assignee", "district").get(pk=ticket_id)
    if not settings.HANDOVER_EMAIL_ENABLED:
        logger.info("notification skipped for %s: no SMTP server configured (LOTSE_SMTP_HOST)", ticket.reference)
        return False
    to = recipients(ticket)
    if not to:
        logger.warning("notification skipped for %s: nobody with an e-mail address", ticket.reference)
    else:
        try:
            message_for(ticket, to).send()
        except (OSError, smtplib.SMTPException) as error:
            logger.error("notification failed for %s: %s", ticket.reference, type(error).__name__)
            return False
        logger.info("notification sent for %s to %d recipient(s)", ticket.reference, len(to))
    Ticket.objects.filter(pk=ticket.pk).update(notified_at=datetime.now(timezone.utc))
    return True


def announce_new_ticket(ticket_id: int) -> int:
    """Hand a new ticket to every registered announcer; returns how many managers were told.

    This is the boundary of the announcers: a failing one is logged (its class only) and the
    others still run; the e-mail does not depend on them.
    """
    ticket = Ticket.objects.select_related("assignee", "district").get(pk=ticket_id)
    told = 0
    for announce in ANNOUNCERS:
        try:
            told += announce(ticket)
        except Exception as error:  # noqa: BLE001 - one boundary: an announcer must not break the handover
            logger.error("announcement of %s by %s failed: %s", ticket.reference, announce.__name__,
                         type(error).__name__)
    return told

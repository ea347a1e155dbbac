"""E-mail to integration managers about new tickets: reference, urgency, German summary and a link.

Never the transcript or the client's reference. Without ``LOTSE_SMTP_HOST`` nothing is sent and the
log says "notification skipped"; a failed sending leaves ``Ticket.notified_at`` empty for
``lotse handover retry``.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timezone
from typing import List

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from bot.directory.models import IntegrationManager
from bot.handover import constants as c
from bot.handover.models import Ticket
from bot.handover.summary import SEPARATOR

logger = logging.getLogger(__name__)


def recipients(ticket: Ticket) -> List[str]:
    """The assignee's address; for a pool ticket the district's managers (statewide: the pool address)."""
    if ticket.assignee is not None:
        return [ticket.assignee.email] if ticket.assignee.email else []
    if ticket.district_id is not None:
        managers = IntegrationManager.objects.filter(district_id=ticket.district_id, active=True).exclude(email="")
        return sorted(set(managers.values_list("email", flat=True)))
    return [settings.HANDOVER_POOL_EMAIL] if settings.HANDOVER_POOL_EMAIL else []


def ticket_url(ticket: Ticket) -> str:
    """The absolute inbox link of a ticket."""
    return settings.LOTSE_PUBLIC_URL + reverse("inbox:ticket", args=[ticket.reference])


def message_for(ticket: Ticket, to: List[str]) -> EmailMessage:
    """The notification e-mail (German, plain text)."""
    urgent = " – DRINGEND" if ticket.urgent else ""
    who = (ticket.assignee.name if ticket.assignee else
           f"Pool {ticket.district.name}" if ticket.district else "landesweiter Pool")
    lines = [
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
        *[f"  {part}" for part in ticket.summary_text.split(SEPARATOR)],
        "",
        f"Zum Ticket: {ticket_url(ticket)}",
        "",
        "Den Gesprächsverlauf sehen Sie nur im Posteingang (wenn die Person zugestimmt hat).",
        "-- ",
        "Lotse",
    ]
    return EmailMessage(subject=f"[Lotse] Neues Ticket {ticket.reference}{urgent}", body="\n".join(lines),
                        from_email=settings.DEFAULT_FROM_EMAIL, to=to)


def notify_new_ticket(ticket_id: int) -> bool:
    """Send the notification of a new ticket; True when it went out (or had nobody to go to)."""
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

"""WhatsApp delivery status callbacks (sent, delivered, read, failed), recorded on the outbox
message and, for an integration manager's reply, on its :class:`TicketMessage`.

A status never moves backwards (a late "delivered" does not undo "read"); "failed" is recorded
unless the message was already read.
"""

from __future__ import annotations

from typing import Dict

from bot.channels import constants as c
from bot.channels import dedup
from bot.channels.models import OutboxMessage
from bot.handover import constants as h
from bot.handover.models import TicketMessage

#: WhatsApp's status → the handover's delivery status.
TICKET_STATUS: Dict[str, str] = {"sent": h.SENT, "delivered": h.DELIVERED, "read": h.READ, "failed": h.FAILED}
#: Order of the delivery statuses.
RANK: Dict[str, int] = {h.QUEUED: 0, h.SENT: 1, h.DELIVERED: 2, h.READ: 3}


def _moves_forward(current: str, new: str) -> bool:
    """Whether ``new`` may replace ``current``.

    >>> _moves_forward("sent", "read"), _moves_forward("read", "delivered"), _moves_forward("delivered", "failed")
    (True, False, True)
    """
    if new == h.FAILED:
        return current not in (h.READ, h.FAILED)
    return current != h.FAILED and RANK.get(new, 0) > RANK.get(current, 0)


def record(message_id: str, status: str) -> int:
    """Record a status callback; returns how many manager replies changed their delivery status."""
    rows = list(OutboxMessage.objects.filter(channel=c.WHATSAPP, external_id=dedup.key(c.WHATSAPP, message_id)))
    changed = 0
    for row in rows:
        if not row.delivery or _moves_forward(row.delivery, status):
            OutboxMessage.objects.filter(pk=row.pk).update(delivery=status)
        if row.ticket_message_id is None or status not in TICKET_STATUS:
            continue
        reply = TicketMessage.objects.filter(pk=row.ticket_message_id).first()
        if reply is not None and _moves_forward(reply.status, TICKET_STATUS[status]):
            TicketMessage.objects.filter(pk=reply.pk).update(status=TICKET_STATUS[status])
            changed += 1
    return changed

"""Models of the handover: one module per concept, re-exported here."""

from bot.handover.models.audit import AuditEntry
from bot.handover.models.people import ClientBinding, InboxUser
from bot.handover.models.telegram import TelegramSubscription
from bot.handover.models.ticket import Ticket, TicketMessage, TicketNote

__all__ = ["AuditEntry", "ClientBinding", "InboxUser", "TelegramSubscription", "Ticket", "TicketMessage",
           "TicketNote"]

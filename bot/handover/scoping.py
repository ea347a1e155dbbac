"""Which tickets an inbox user may see and change: their own and their district's pool, never another district.

Every inbox view and action starts from :func:`visible_tickets`, so a ticket outside it is a 404.
Superusers (coordinators of the whole state) see everything.
"""

from __future__ import annotations

from typing import Optional

from django.db.models import Q, QuerySet

from bot.directory.models import IntegrationManager
from bot.handover.models import InboxUser, Ticket


def inbox_user(user) -> Optional[InboxUser]:  # type: ignore[no-untyped-def]
    """The user's inbox link, or None."""
    if not user.is_authenticated:
        return None
    return InboxUser.objects.select_related("manager", "district").filter(user=user).first()


def may_use_inbox(user) -> bool:  # type: ignore[no-untyped-def]
    """Whether the user has an inbox (an InboxUser link, or is a superuser)."""
    return user.is_authenticated and (user.is_superuser or inbox_user(user) is not None)


def visible_tickets(user) -> QuerySet:  # type: ignore[no-untyped-def]
    """The tickets the user may see.

    A manager: tickets assigned to them and the unassigned tickets of their district. A district
    coordinator (inbox link without a manager): all tickets of the district.
    """
    tickets = Ticket.objects.select_related("assignee", "district", "municipality")
    if not user.is_authenticated:
        return tickets.none()
    if user.is_superuser:
        return tickets
    link = inbox_user(user)
    if link is None:
        return tickets.none()
    tickets = tickets.filter(district_id=link.district_id)
    if link.manager_id is not None:
        tickets = tickets.filter(Q(assignee_id=link.manager_id) | Q(assignee__isnull=True))
    return tickets


def colleagues(ticket: Ticket, user) -> QuerySet:  # type: ignore[no-untyped-def]
    """The managers a ticket can be assigned to: the other active managers of the ticket's district."""
    if ticket.district_id is None:
        return IntegrationManager.objects.none()
    managers = IntegrationManager.objects.filter(active=True, district_id=ticket.district_id)
    link = inbox_user(user)
    if link is not None and not user.is_superuser:
        managers = managers.filter(district_id=link.district_id).exclude(pk=link.manager_id)
    return managers.order_by("name")

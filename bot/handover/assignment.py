"""Who gets a new ticket: the client's bound manager, else the best manager for the place, else a pool.

Order of the rules:
1. An explicit binding (the manager gave the client a personal code or link).
2. The managers serving the client's municipality (``bot.directory.queries.managers_for``): speakers
   of the client's language first, then the lowest open-ticket caseload.
3. The district's pool (no assignee, district set) when the place is known but nobody serves it.
4. The statewide pool (neither) when the place is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, Optional

from django.db.models import Count

from bot.directory import queries
from bot.directory.api.places import Place, resolve
from bot.directory.models import District, IntegrationManager, Municipality
from bot.handover.constants import OPEN_STATUSES
from bot.handover.models import ClientBinding, Ticket


@dataclass(frozen=True)
class Assignment:
    """Where a new ticket goes, and the place it is about."""

    manager: Optional[IntegrationManager]
    district: Optional[District]
    municipality: Optional[Municipality]
    #: The place as the directory names it (as given when unknown), and its district ("" when unknown).
    place_name: str
    place_district: str


def open_caseload(manager_ids: Iterable[int]) -> Dict[int, int]:
    """Open tickets per manager id (managers without any are missing from the result)."""
    rows = (Ticket.objects.filter(assignee_id__in=list(manager_ids), status__in=OPEN_STATUSES)
            .values("assignee_id").annotate(n=Count("id")))
    return {row["assignee_id"]: row["n"] for row in rows}


def bound_manager(client_ref: str) -> Optional[IntegrationManager]:
    """The active manager the client is bound to, if any."""
    binding = (ClientBinding.objects.filter(client_ref=client_ref, manager__active=True)
               .select_related("manager__district").first())
    return binding.manager if binding else None


def best_manager(place: Place, language: str) -> Optional[IntegrationManager]:
    """The manager serving the place who speaks the language and has the fewest open tickets."""
    candidates = queries.managers_for(place.name, language)
    if not candidates:
        return None
    caseload = open_caseload(m.id for m in candidates)
    ranked = sorted(enumerate(candidates),
                    key=lambda pair: (language not in pair[1].languages, caseload.get(pair[1].id, 0), pair[0]))
    return IntegrationManager.objects.select_related("district").get(pk=ranked[0][1].id)


def choose(client_ref: str, municipality: Optional[str], language: str) -> Assignment:
    """Apply the rules of this module (call inside the ticket's transaction)."""
    place = resolve(municipality) if municipality else None
    where = (place.municipality if place else None, place.name if place else (municipality or ""),
             place.district.name if place else "")
    manager = bound_manager(client_ref)
    if manager is None and place is not None:
        manager = best_manager(place, language)
    if manager is not None:
        return Assignment(manager, manager.district, *where)
    return Assignment(None, place.district if place else None, *where)

"""Who gets a new ticket: the client's bound manager, else a manager who speaks the client's language, else a pool.

Order of the rules:
1. An explicit binding (the manager gave the client a personal code or link).
2. The managers serving the client's municipality (``bot.directory.queries.managers_for``) who
   speak the client's language, the lowest open-ticket caseload first.
3. Else, for a language other than German, another manager of the district who speaks it (lowest
   caseload), also when nobody serves the place.
4. Else the serving manager with the lowest caseload: the ticket then shows that an interpreter
   is needed (:func:`interpreter_needed`).
5. The district's pool (no assignee, district set) when the place is known but nobody serves it.
6. The statewide pool (neither) when the place is unknown.

Every manager is taken to speak German, whether or not their language list says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence

from django.db.models import Count

from bot.directory import queries
from bot.directory.api.places import Place, resolve
from bot.directory.models import District, IntegrationManager, Municipality
from bot.handover.constants import OPEN_STATUSES
from bot.handover.models import ClientBinding, Ticket

#: The language every integration manager speaks.
GERMAN = "de"


@dataclass(frozen=True)
class Assignment:
    """Where a new ticket goes, and the place it is about."""

    manager: Optional[IntegrationManager]
    district: Optional[District]
    municipality: Optional[Municipality]
    #: The place as the directory names it (as given when unknown), and its district ("" when unknown).
    place_name: str
    place_district: str


def speaks(languages: Sequence[str], language: str) -> bool:
    """Whether someone with these languages speaks ``language`` (German always).

    >>> speaks(["ar", "fa"], "ar"), speaks([], "de"), speaks(["en"], "ti")
    (True, True, False)
    """
    return language == GERMAN or language in (languages or [])


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


def _least_busy(ids: List[int]) -> Optional[IntegrationManager]:
    """The manager with the fewest open tickets among ``ids`` (ties: the order of ``ids``)."""
    if not ids:
        return None
    caseload = open_caseload(ids)
    chosen = min(range(len(ids)), key=lambda index: (caseload.get(ids[index], 0), index))
    return IntegrationManager.objects.select_related("district").get(pk=ids[chosen])


def best_manager(place: Place, language: str) -> Optional[IntegrationManager]:
    """A manager for the place: one serving it who speaks the language, else a speaker of the district (not
    for German), else one serving it; the fewest open tickets first; None when nobody does."""
    serving = queries.managers_for(place.name, language)
    speakers = [m.id for m in serving if speaks(m.languages, language)]
    if not speakers and language != GERMAN:  # everyone speaks German: that alone picks nobody from elsewhere
        district = IntegrationManager.objects.filter(active=True, district=place.district).order_by("name")
        speakers = [m.id for m in district if speaks(m.languages, language)]
    return _least_busy(speakers) or _least_busy([m.id for m in serving])


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


def interpreter_needed(ticket: Ticket, district_languages: Optional[Dict[int, set]] = None) -> bool:
    """Whether nobody who will answer the ticket speaks its language.

    An assigned ticket: the assignee does not speak it. A district's pool ticket: no active manager
    of the district does. ``district_languages`` ({district id: languages}, see
    :func:`languages_by_district`) spares a query per ticket in lists. The statewide pool: unknown, False.
    """
    if ticket.language == GERMAN:
        return False
    if ticket.assignee_id is not None:
        return not speaks(ticket.assignee.languages, ticket.language)
    if ticket.district_id is None:
        return False
    spoken = (district_languages or languages_by_district([ticket.district_id])).get(ticket.district_id, set())
    return ticket.language not in spoken


def languages_by_district(district_ids: Iterable[Optional[int]]) -> Dict[int, set]:
    """The languages the active managers of each district speak, together."""
    result: Dict[int, set] = {}
    rows = IntegrationManager.objects.filter(active=True, district_id__in=[i for i in district_ids if i is not None])
    for district_id, languages in rows.values_list("district_id", "languages"):
        result.setdefault(district_id, set()).update(languages or [])
    return result

"""The directory API for the Rasa actions: synchronous functions returning plain dataclasses.

Call them from async code through a thread (``asyncio.to_thread``). Every function raises
:class:`DirectoryUnavailable` when the database cannot be read, so an action can answer cleanly.
Times are aware datetimes in Europe/Berlin. A district's own name ("Landkreis Tübingen") is
accepted wherever a municipality is and then means the whole district.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import List, Optional, Set

from bot.directory.errors import DirectoryUnavailable, SlotTaken, UnknownManager, guarded
from bot.directory.types import (AppointmentInfo, CourseInfo, CourseSearch, ManagerInfo, MunicipalityInfo,
                                 OfficeInfo, OpeningState, WeeklyHours)

__all__ = ["AppointmentInfo", "CourseInfo", "CourseSearch", "DirectoryUnavailable", "ManagerInfo",
           "MunicipalityInfo", "OfficeInfo", "OpeningState", "SlotTaken", "UnknownManager", "appointments_of",
           "book", "cancel", "delete_client_data", "districts_served", "find_courses", "find_services", "free_slots", "ics_for",
           "managers_for", "municipality_named", "opening_state", "weekly_hours"]


@guarded
def municipality_named(name: str) -> Optional[MunicipalityInfo]:
    """The municipality with this official name or alias (any script, case-insensitive), else None.

    For a district's own name (e.g. "Landkreis Esslingen") both fields are the district's name.
    """
    from bot.directory.api.places import resolve

    place = resolve(name)
    return MunicipalityInfo(place.name, place.district.name) if place else None


@guarded
def districts_served() -> List[str]:
    """The districts the directory has offices or courses for (the others are not in it yet), by name."""
    from bot.directory.api.places import districts_served as served

    return served()


@guarded
def find_courses(municipality: str, level: Optional[str] = None, childcare: bool = False, women_only: bool = False,
                 today: Optional[date] = None, limit: int = 3) -> CourseSearch:
    """Up to ``limit`` courses one can still join in the municipality, earliest start first.

    ``level`` is one of alpha, A1, A2, B1, B2, C1 (None: any). ``childcare``/``women_only`` require
    that feature. When the municipality has no match, the district's courses are returned with
    ``nearby=True``.
    """
    from bot.directory.api.courses import find_courses as find

    return find(municipality, level, childcare, women_only, today, limit)


@guarded
def find_services(municipality: str, service_type: str) -> List[OfficeInfo]:
    """The offices of ``service_type`` (a key of gazetteer/service_types.yml) responsible for the municipality:
    its own, else the district's."""
    from bot.directory.api.offices import find_services as find

    return find(municipality, service_type)


@guarded
def opening_state(service_id: str, at: datetime) -> OpeningState:
    """Whether the service is open at ``at`` and its next opening/closing, skipping BW holidays and closures."""
    from bot.directory.api.offices import opening_state_of

    return opening_state_of(service_id, at)


@guarded
def weekly_hours(service_id: str) -> List[WeeklyHours]:
    """The service's regular weekly hours valid today: [(weekday 0 = Monday, opens, closes)], sorted."""
    from bot.directory.api.offices import weekly_hours as hours

    return hours(service_id)


@guarded
def managers_for(municipality: str, language: Optional[str] = None) -> List[ManagerInfo]:
    """Integration managers serving the municipality: those speaking ``language`` first, then lower caseload."""
    from bot.directory.api.managers import managers_for as find

    return find(municipality, language)


@guarded
def free_slots(manager_id: int, after: datetime, weekdays: Optional[Set[int]] = None,
               count: int = 3) -> List[datetime]:
    """The manager's next ``count`` free slots from the working day after ``after`` on (``weekdays``: 0 = Monday)."""
    from bot.directory.api.managers import free_slots_of

    return free_slots_of(manager_id, after, weekdays, count)


@guarded
def book(manager_id: int, client_ref: str, start: datetime, purpose: str, language: str) -> AppointmentInfo:
    """Book the slot at ``start``; raises :class:`SlotTaken` when it is taken (also by a concurrent request)
    or is not one of the manager's free slots."""
    from bot.directory.api.managers import book as book_slot

    return book_slot(manager_id, client_ref, start, purpose, language)


@guarded
def appointments_of(client_ref: str, now: Optional[datetime] = None) -> List[AppointmentInfo]:
    """The client's booked appointments that have not ended, soonest first."""
    from bot.directory.api.managers import appointments_of as list_appointments

    return list_appointments(client_ref, now)


@guarded
def cancel(appointment_id: int, client_ref: str) -> bool:
    """Cancel the client's own booked appointment; False when it is not theirs or not booked."""
    from bot.directory.api.managers import cancel as cancel_appointment

    return cancel_appointment(appointment_id, client_ref)


@guarded
def ics_for(appointment_id: int) -> str:
    """RFC 5545 VCALENDAR text of the appointment for the manager's calendar (pseudonymous reference only)."""
    from bot.directory.api.managers import ics_for as calendar

    return calendar(appointment_id)


@guarded
def delete_client_data(client_ref: str) -> int:
    """Delete all appointments of the client; returns the number deleted."""
    from bot.directory.api.managers import delete_client_data as delete

    return delete(client_ref)

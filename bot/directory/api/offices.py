"""Offices for a municipality, and their opening hours."""

from __future__ import annotations

from datetime import date, datetime
from typing import List, Optional

from django.db.models import Q

from bot.directory.api import scope
from bot.directory.api.places import resolve
from bot.directory.models import Closure, Schedule, Service
from bot.directory.opening import BERLIN, WeeklyRule, opening_state, rules_from_byday
from bot.directory.types import OfficeInfo, OpeningState, WeeklyHours


class UnknownService(LookupError):
    """No service has this id."""


def first_address(service: Service) -> str:
    """The one-line address of the service's first physical location."""
    for sal in service.service_at_locations.all():
        if sal.location:
            for address in sal.location.addresses.all():
                return address.one_line()
    return ""


def first_phone(service: Service) -> str:
    """The service's phone, else its location's, contact's or organization's."""
    candidates = list(service.phones.all())
    candidates += [p for sal in service.service_at_locations.all() if sal.location for p in sal.location.phones.all()]
    candidates += [p for contact in service.contacts.all() for p in contact.phones.all()]
    if service.organization:
        candidates += list(service.organization.phones.all())
    return candidates[0].number if candidates else ""


def first_email(service: Service) -> str:
    """The service's e-mail, else a contact's, else the organization's."""
    emails = [service.email] + [c.email for c in service.contacts.all()]
    emails.append(service.organization.email if service.organization else "")
    return next((e for e in emails if e), "")


def office_info(service: Service) -> OfficeInfo:
    """The plain description of one office."""
    organization = service.organization
    return OfficeInfo(service_id=service.id, name=service.name, organization=organization.name if organization else "",
                      address=first_address(service), phone=first_phone(service), email=first_email(service),
                      url=service.url or (organization.website if organization else ""),
                      by_appointment_only=service.by_appointment_only,
                      sample=bool(service.district and service.district.sample_data))


def find_services(municipality: str, service_type: str) -> List[OfficeInfo]:
    """The offices of ``service_type`` for the municipality: its own first, else its district's."""
    place = resolve(municipality)
    if place is None:
        return []
    candidates = (Service.objects.filter(lotse_type=service_type, status="active")
                  .select_related("organization", "district").prefetch_related(*scope.PREFETCH).order_by("name"))
    services, _ = scope.for_place(candidates, place)
    return [office_info(s) for s in services]


def _service(service_id: str) -> Service:
    try:
        return Service.objects.get(pk=service_id)
    except Service.DoesNotExist as error:
        raise UnknownService(service_id) from error


def rules_of(service: Service) -> List[WeeklyRule]:
    """Weekly opening rules of a service: its own schedules, else those of its locations."""
    rows = list(Schedule.objects.filter(Q(service=service) | Q(service_at_location__service=service)))
    if not rows:
        rows = list(Schedule.objects.filter(location__service_at_locations__service=service, service__isnull=True))
    rules: List[WeeklyRule] = []
    for row in rows:
        if row.freq in ("WEEKLY", ""):
            rules += rules_from_byday(row.byday, row.opens_at, row.closes_at, row.valid_from, row.valid_to)
    return rules


def closure_check(service: Service):  # type: ignore[no-untyped-def]
    """A function telling whether a date falls in a closure of the service or its locations."""
    closures = list(Closure.objects.filter(Q(service=service) | Q(location__service_at_locations__service=service)))

    def closed(day: date) -> Optional[str]:
        return next((c.reason or "closure" for c in closures if c.first_day <= day <= c.last_day), None)

    return closed


def opening_state_of(service_id: str, at: datetime) -> OpeningState:
    """Open now, closing time, next opening; public holidays and closures skipped (Europe/Berlin)."""
    service = _service(service_id)
    return opening_state(rules_of(service), at, closure_check(service), service.by_appointment_only)


def weekly_hours(service_id: str, on: Optional[date] = None) -> List[WeeklyHours]:
    """The regular weekly hours valid ``on`` (default today): (weekday 0 = Monday, opens, closes), sorted."""
    day = on or datetime.now(BERLIN).date()
    rules = rules_of(_service(service_id))
    valid = {(r.weekday, r.opens, r.closes) for r in rules
             if (r.valid_from is None or r.valid_from <= day) and (r.valid_to is None or day <= r.valid_to)}
    return sorted(valid)

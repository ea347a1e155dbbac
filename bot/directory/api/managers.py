"""Integration managers for a municipality, their free slots, and appointments."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import List, Optional, Set

from django.db import IntegrityError, transaction
from django.db.models import Count, Q

from bot.directory.api.places import resolve
from bot.directory.constants import BOOKED, CANCELLED
from bot.directory.errors import SlotTaken, UnknownManager
from bot.directory.ics import calendar_text
from bot.directory.models import Appointment, IntegrationManager
from bot.directory.opening import BERLIN
from bot.directory.slots import Window, free_slots, slot_end
from bot.directory.types import AppointmentInfo, ManagerInfo


class UnknownAppointment(LookupError):
    """No appointment has this id."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


def manager_info(manager: IntegrationManager) -> ManagerInfo:
    """The plain description of a manager."""
    return ManagerInfo(id=manager.id, name=manager.name, district=manager.district.name,
                       languages=list(manager.languages), email=manager.email, phone=manager.phone)


def managers_for(municipality: str, language: Optional[str] = None) -> List[ManagerInfo]:
    """Managers serving the municipality: speakers of ``language`` first, then the lower caseload."""
    place = resolve(municipality)
    if place is None:
        return []
    managers = IntegrationManager.objects.filter(active=True, district=place.district).select_related("district")
    if place.municipality is not None:
        managers = managers.filter(Q(municipalities=place.municipality) | Q(municipalities__isnull=True))
    managers = managers.distinct().annotate(
        caseload=Count("appointments", filter=Q(appointments__status=BOOKED, appointments__start__gte=_now())))
    ranked = sorted(managers, key=lambda m: (language not in m.languages if language else False, m.caseload, m.name))
    return [manager_info(m) for m in ranked]


def _manager(manager_id: int) -> IntegrationManager:
    try:
        return IntegrationManager.objects.get(pk=manager_id, active=True)
    except IntegrationManager.DoesNotExist as error:
        raise UnknownManager(manager_id) from error


def _windows(manager: IntegrationManager) -> List[Window]:
    return [Window(a.weekday, a.start, a.end, a.slot_minutes) for a in manager.availability.all()]


def _busy(manager: IntegrationManager, after: datetime) -> list:
    rows = manager.appointments.filter(status=BOOKED, end__gt=after).values_list("start", "end")
    return list(rows)


def free_slots_of(manager_id: int, after: datetime, weekdays: Optional[Set[int]] = None,
                  count: int = 3) -> List[datetime]:
    """The next free slots (aware, Europe/Berlin), from the working day after ``after`` on."""
    manager = _manager(manager_id)
    return free_slots(_windows(manager), _busy(manager, after), after, weekdays, count)


def appointment_info(appointment: Appointment) -> AppointmentInfo:
    """The plain description of an appointment."""
    return AppointmentInfo(id=appointment.id, manager_name=appointment.manager.name,
                           start=appointment.start.astimezone(BERLIN), end=appointment.end.astimezone(BERLIN), purpose=appointment.purpose, where=appointment.manager.office_address)


def book(manager_id: int, client_ref: str, start: datetime, purpose: str, language: str) -> AppointmentInfo:
    """Book the free slot at ``start``; :class:`SlotTaken` when it is booked already or not a free slot."""
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    manager = _manager(manager_id)
    now = _now()
    try:
        with transaction.atomic():
            end = slot_end(_windows(manager), _busy(manager, now), start, now)
            if end is None:
                raise SlotTaken(f"manager {manager_id}: {start.isoformat()} is not a free slot")
            appointment = Appointment.objects.create(manager=manager, client_ref=client_ref, start=start, end=end,
                                                     purpose=purpose, language=language, status=BOOKED)
    except IntegrityError as error:  # the partial unique constraint: someone booked it a moment earlier
        raise SlotTaken(f"manager {manager_id}: {start.isoformat()} was just booked") from error
    return appointment_info(appointment)


def appointments_of(client_ref: str, now: Optional[datetime] = None) -> List[AppointmentInfo]:
    """The client's booked appointments that have not ended yet, soonest first."""
    rows = (Appointment.objects.filter(client_ref=client_ref, status=BOOKED, end__gt=now or _now())
            .select_related("manager").order_by("start"))
    return [appointment_info(a) for a in rows]


def cancel(appointment_id: int, client_ref: str) -> bool:
    """Cancel the appointment if it is this client's and booked; True when cancelled."""
    changed = Appointment.objects.filter(pk=appointment_id, client_ref=client_ref, status=BOOKED).update(
        status=CANCELLED)
    return changed == 1


def ics_for(appointment_id: int) -> str:
    """The appointment as an RFC 5545 calendar for the manager: no client id (not even the pseudonym),
    only the appointment's number, language and purpose."""
    try:
        appointment = Appointment.objects.select_related("manager").get(pk=appointment_id)
    except Appointment.DoesNotExist as error:
        raise UnknownAppointment(appointment_id) from error
    description = (f"Termin Nr. {appointment.id}\nSprache: {appointment.language or '-'}\n"
                   f"Anlass: {appointment.purpose or '-'}\nGebucht über Lotse.")
    return calendar_text(f"lotse-appointment-{appointment.id}@lotse", appointment.start, appointment.end,
                         f"Lotse-Termin: {appointment.purpose or 'Beratung'}", appointment.manager.office_address,
                         description, stamp=appointment.created)


def delete_client_data(client_ref: str) -> int:
    """Delete every appointment of the client; returns how many were deleted."""
    deleted, _ = Appointment.objects.filter(client_ref=client_ref).delete()
    return deleted



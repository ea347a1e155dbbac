"""The plain results of :mod:`bot.directory.queries`: dataclasses, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import List, Optional, Tuple

#: (weekday 0 = Monday, opens, closes)
WeeklyHours = Tuple[int, time, time]


@dataclass(frozen=True)
class MunicipalityInfo:
    """A municipality (or, for a district's own name, the district) and its district."""

    name: str
    district: str


@dataclass(frozen=True)
class CourseInfo:
    """A German course as the bot presents it."""

    title: str
    course_type: str
    level: str
    start_date: date
    end_date: date
    schedule_text_de: str
    provider: str
    address: str
    registration: str
    free_seats: Optional[int]
    childcare: bool
    women_only: bool
    cost_text: str
    #: The weekly lessons: (weekday 0 = Monday, from, to), for formatting in the client's language.
    weekly: Tuple[WeeklyHours, ...] = ()
    #: The course is invented sample data (demo mode).
    sample: bool = False


@dataclass(frozen=True)
class CourseSearch:
    """Matching courses; ``nearby`` when none were in the municipality and these are from its district."""

    matches: List[CourseInfo] = field(default_factory=list)
    nearby: bool = False


@dataclass(frozen=True)
class OfficeInfo:
    """An office (HSDS service) and how to reach it."""

    service_id: str
    name: str
    organization: str
    address: str
    phone: str
    email: str
    url: str
    by_appointment_only: bool
    #: The office is invented sample data (demo mode).
    sample: bool = False


@dataclass(frozen=True)
class OpeningState:
    """Whether a service is open at a moment, and when it next opens or closes (Europe/Berlin)."""

    open_now: bool
    closes_at: Optional[datetime]
    next_opening: Optional[datetime]
    next_closing: Optional[datetime]
    by_appointment_only: bool
    closed_today_reason: Optional[str]


@dataclass(frozen=True)
class ManagerInfo:
    """An integration manager."""

    id: int
    name: str
    district: str
    languages: List[str]
    email: str
    phone: str


@dataclass(frozen=True)
class AppointmentInfo:
    """A booked appointment with an integration manager."""

    id: int
    manager_name: str
    start: datetime
    end: datetime
    purpose: str
    where: str

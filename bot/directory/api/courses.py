"""German courses for a municipality, ranked by start date, with a district fallback."""

from __future__ import annotations

from datetime import date, datetime
from typing import List, Optional

from django.db.models import Q

from bot.directory.api import scope
from bot.directory.api.offices import first_address, first_email, first_phone, rules_of
from bot.directory.api.places import resolve
from bot.directory.models import Course, Service
from bot.directory.opening import BERLIN, schedule_text
from bot.directory.types import CourseInfo, CourseSearch


def registration_text(service: Service) -> str:
    """How to register: phone, e-mail and web address, as available ('Tel. …; E-Mail …; https://…')."""
    parts = []
    if phone := first_phone(service):
        parts.append(f"Tel. {phone}")
    if email := first_email(service):
        parts.append(f"E-Mail {email}")
    if service.url:
        parts.append(service.url)
    return "; ".join(parts) or service.application_process


def course_info(course: Course) -> CourseInfo:
    """The plain description of one course."""
    service = course.service
    rules = rules_of(service)
    cost = "; ".join(part for part in (course.cost, f"Kostenträger: {course.payer}" if course.payer else "") if part)
    return CourseInfo(title=service.name, course_type=course.course_type, level=course.level,
                      start_date=course.start_date, end_date=course.end_date,
                      schedule_text_de=schedule_text(rules),
                      provider=service.organization.name if service.organization else "",
                      address=first_address(service), registration=registration_text(service),
                      free_seats=course.free_seats, childcare=course.childcare, women_only=course.women_only,
                      cost_text=cost, weekly=tuple(sorted({(r.weekday, r.opens, r.closes) for r in rules})),
                      sample=bool(service.district and service.district.sample_data))


def open_courses(today: date, level: Optional[str], childcare: bool, women_only: bool):  # type: ignore[no-untyped-def]
    """Courses one can still join: starting today or later, or running with free seats."""
    courses = Course.objects.filter(service__status="active").filter(
        Q(start_date__gte=today) | Q(start_date__lt=today, end_date__gte=today, free_seats__gt=0))
    if level:
        courses = courses.filter(level=level)
    if childcare:
        courses = courses.filter(childcare=True)
    if women_only:
        courses = courses.filter(women_only=True)
    return courses


def find_courses(municipality: str, level: Optional[str] = None, childcare: bool = False, women_only: bool = False,
                 today: Optional[date] = None, limit: int = 3) -> CourseSearch:
    """Courses in the municipality ranked by start date; if none, from its district (``nearby=True``)."""
    place = resolve(municipality)
    if place is None:
        return CourseSearch([], False)
    today = today or datetime.now(BERLIN).date()
    courses = {c.service_id: c for c in open_courses(today, level, childcare, women_only)}
    services = (Service.objects.filter(pk__in=courses).select_related("organization", "district")
                .prefetch_related(*scope.PREFETCH))
    matching, nearby = scope.for_place(services, place, other_towns=True)
    for service in matching:
        courses[service.id].service = service  # keep the prefetched relations
    ranked = sorted((courses[s.id] for s in matching), key=lambda c: (c.start_date, c.service.name))
    # nearby: the matches are from elsewhere in the district because the municipality has none.
    return CourseSearch([course_info(c) for c in ranked[:limit]], nearby and bool(ranked))

"""Lotse's extension tables (``lotse_*.csv`` / ``lotse.json``): checking, writing and reading them.

Districts, municipalities, managers and references are named by official name (districts,
municipalities) or id (services, organizations, locations, managers). Lists inside a cell are
separated by ';' (languages, municipalities); aliases are a JSON object in the cell.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Callable, Dict, List, Set

from bot.directory import models as m
from bot.directory.constants import SERVICE_TYPES
from bot.directory.hsds.schema import Problem
from bot.directory.hsds.tables import to_json


@dataclass
class Known:
    """Names and ids that references may point to: in the package or already in the directory."""

    districts: Set[str] = field(default_factory=set)
    municipalities: Set[str] = field(default_factory=set)
    ids: Dict[str, Set[Any]] = field(default_factory=dict)


def split(cell: Any) -> List[str]:
    """The items of a ';'-separated cell.

    >>> split("ar; en;"), split(None)
    (['ar', 'en'], [])
    """
    return [item.strip() for item in str(cell or "").split(";") if item.strip()]


def aliases(cell: Any) -> Dict[str, List[str]]:
    """The aliases object of a cell (a JSON object of language code -> list of names).

    >>> aliases('{"uk": ["Тюбінген"]}'), aliases("")
    ({'uk': ['Тюбінген']}, {})
    """
    value = json.loads(cell) if cell else {}
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise ValueError("expected a JSON object of language code -> list of names")
    return value


def check(table: str, row: Dict[str, Any], where: str, known: Known) -> List[Problem]:
    """Reference and value problems of one extension row (the schema is checked separately)."""
    problems = []

    def need(field_name: str, ok: bool, message: str) -> None:
        if row.get(field_name) not in (None, "") and not ok:
            problems.append(Problem(where, field_name, message.format(row.get(field_name))))

    need("district", row.get("district") in known.districts, "unknown district {!r}")
    need("service_id", row.get("service_id") in known.ids["service"], "no service with id {!r}")
    need("organization_id", row.get("organization_id") in known.ids["organization"], "no organization with id {!r}")
    need("location_id", row.get("location_id") in known.ids["location"], "no location with id {!r}")
    need("lotse_type", row.get("lotse_type") in SERVICE_TYPES, "unknown service type {!r}")
    if table == "lotse_availability":
        need("manager_id", row.get("manager_id") in known.ids["manager"], "no integration manager with id {!r}")
        if row.get("start") and row.get("end") and row["end"] <= row["start"]:
            problems.append(Problem(where, "end", "must be after start"))
    if table in ("lotse_courses", "lotse_closures"):
        first, last = ("start_date", "end_date") if table == "lotse_courses" else ("first_day", "last_day")
        if row.get(first) and row.get(last) and row[last] < row[first]:
            problems.append(Problem(where, last, f"must not be before {first}"))
    if table == "lotse_managers":
        for name in split(row.get("municipalities")):
            if name not in known.municipalities:
                problems.append(Problem(where, "municipalities", f"unknown municipality {name!r}"))
    if "aliases" in row:
        try:
            aliases(row["aliases"])
        except ValueError as error:
            problems.append(Problem(where, "aliases", str(error)))
    return problems


def _district(name: Any) -> Any:
    return m.District.objects.get(name=name) if name else None


def _write_district(row: Dict[str, Any]) -> None:
    m.District.objects.update_or_create(name=row["name"], defaults={"kind": row["kind"],
                                                                     "aliases": aliases(row.get("aliases"))})


def _write_municipality(row: Dict[str, Any]) -> None:
    m.Municipality.objects.update_or_create(name=row["name"], defaults={
        "district": _district(row["district"]), "kind": row.get("kind", ""), "population": row.get("population"),
        "aliases": aliases(row.get("aliases"))})


def _write_organization(row: Dict[str, Any]) -> None:
    m.Organization.objects.filter(pk=row["organization_id"]).update(district=_district(row["district"]))


def _write_service(row: Dict[str, Any]) -> None:
    m.Service.objects.filter(pk=row["service_id"]).update(
        lotse_type=row.get("lotse_type", ""), by_appointment_only=bool(row.get("by_appointment_only")),
        district=_district(row.get("district")))


def _write_course(row: Dict[str, Any]) -> None:
    m.Course.objects.update_or_create(service_id=row["service_id"], defaults={
        "course_type": row["course_type"], "level": row["level"], "start_date": date.fromisoformat(row["start_date"]),
        "end_date": date.fromisoformat(row["end_date"]), "free_seats": row.get("free_seats"),
        "childcare": bool(row.get("childcare")), "women_only": bool(row.get("women_only")),
        "cost": row.get("cost", ""), "payer": row.get("payer", "")})


def _write_closure(row: Dict[str, Any]) -> None:
    m.Closure.objects.update_or_create(pk=int(row["id"]), defaults={
        "service_id": row.get("service_id"), "location_id": row.get("location_id"),
        "first_day": date.fromisoformat(row["first_day"]), "last_day": date.fromisoformat(row["last_day"]),
        "reason": row.get("reason", "")})


def _write_manager(row: Dict[str, Any]) -> None:
    manager, _ = m.IntegrationManager.objects.update_or_create(pk=int(row["id"]), defaults={
        "name": row["name"], "district": _district(row["district"]), "languages": split(row.get("languages")),
        "email": row.get("email", ""), "phone": row.get("phone", ""), "office_address": row.get("office_address", ""),
        "active": row.get("active", True)})
    manager.municipalities.set(m.Municipality.objects.filter(name__in=split(row.get("municipalities"))))
    manager.availability.all().delete()  # replaced by the package's lotse_availability rows


def _write_availability(row: Dict[str, Any]) -> None:
    m.Availability.objects.create(manager_id=int(row["manager_id"]), weekday=int(row["weekday"]),
                                  start=time.fromisoformat(row["start"]), end=time.fromisoformat(row["end"]),
                                  slot_minutes=int(row["slot_minutes"]))


#: How each extension table is written, in order.
WRITERS: Dict[str, Callable[[Dict[str, Any]], None]] = {
    "lotse_districts": _write_district, "lotse_municipalities": _write_municipality,
    "lotse_organizations": _write_organization, "lotse_services": _write_service, "lotse_courses": _write_course,
    "lotse_closures": _write_closure, "lotse_managers": _write_manager, "lotse_availability": _write_availability,
}


def _clean(row: Dict[str, Any]) -> Dict[str, Any]:
    return {k: to_json(v) for k, v in row.items() if v not in (None, "")}


def export_rows() -> Dict[str, List[Dict[str, Any]]]:
    """The directory's extension data as rows per extension table (appointments are never exported)."""
    rows: Dict[str, List[Dict[str, Any]]] = {}
    rows["lotse_districts"] = [_clean({"name": d.name, "kind": d.kind, "aliases": json.dumps(d.aliases, ensure_ascii=False)
                                       if d.aliases else ""}) for d in m.District.objects.order_by("name")]
    rows["lotse_municipalities"] = [_clean({
        "name": x.name, "district": x.district.name, "kind": x.kind, "population": x.population,
        "aliases": json.dumps(x.aliases, ensure_ascii=False) if x.aliases else ""})
        for x in m.Municipality.objects.select_related("district").order_by("name")]
    rows["lotse_organizations"] = [{"organization_id": o.id, "district": o.district.name} for o in
                                   m.Organization.objects.filter(district__isnull=False).select_related("district")
                                   .order_by("id")]
    rows["lotse_services"] = [_clean({"service_id": s.id, "lotse_type": s.lotse_type,
                                      "by_appointment_only": s.by_appointment_only,
                                      "district": s.district.name if s.district else ""})
                              for s in m.Service.objects.select_related("district").order_by("id")
                              if s.lotse_type or s.by_appointment_only or s.district]
    rows["lotse_courses"] = [_clean({f: getattr(c, f) for f in ("service_id", "course_type", "level", "start_date",
                                                                "end_date", "free_seats", "childcare", "women_only",
                                                                "cost", "payer")})
                             for c in m.Course.objects.order_by("service_id")]
    rows["lotse_closures"] = [_clean({f: getattr(c, f) for f in ("id", "service_id", "location_id", "first_day",
                                                                 "last_day", "reason")})
                              for c in m.Closure.objects.order_by("id")]
    rows["lotse_managers"] = [_clean({
        "id": x.id, "name": x.name, "district": x.district.name,
        "municipalities": ";".join(sorted(mu.name for mu in x.municipalities.all())),
        "languages": ";".join(x.languages), "email": x.email, "phone": x.phone, "office_address": x.office_address,
        "active": x.active}) for x in m.IntegrationManager.objects.select_related("district").order_by("id")]
    rows["lotse_availability"] = [_clean({"manager_id": a.manager_id, "weekday": a.weekday, "start": a.start,
                                          "end": a.end, "slot_minutes": a.slot_minutes})
                                  for a in m.Availability.objects.order_by("manager_id", "weekday", "start")]
    return rows

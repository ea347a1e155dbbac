"""Build the sample HSDS data package (``package/``) from ``source.yml``.

    python -m bot.directory.sample.build

Ids are UUIDs derived from the keys in the source, so a rebuild keeps them stable.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, Dict, List

import yaml

from bot.directory.hsds.csvfiles import write_csv, write_datapackage
from bot.directory.hsds.schema import HSDS_TABLES, LOTSE_TABLES, csv_name, scalar_fields

HERE = Path(__file__).resolve().parent
NAMESPACE = uuid.UUID("6f1d3a52-3c0e-4b8e-9a57-5a0f0c1e7b21")
SAMPLE_NOTE = "Beispieldaten – fiktive Angaben zur Erprobung von Lotse, keine echte Auskunft."
LANGUAGE_NAMES = {"de": "Deutsch", "en": "Englisch", "ar": "Arabisch", "fa": "Persisch", "uk": "Ukrainisch",
                  "ru": "Russisch", "ti": "Tigrinya", "tr": "Türkisch"}

Rows = Dict[str, List[Dict[str, Any]]]


def uid(*parts: str) -> str:
    """A stable UUID for a key path.

    >>> uid("service", "a") == uid("service", "a") != uid("service", "b")
    True
    """
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def hours_rows(owner: str, service_id: str, hours: Dict[str, str]) -> List[Dict[str, Any]]:
    """HSDS WEEKLY schedule rows from {"MO,TU": "08:00-12:00,14:00-16:00"} (a trailing '+' on a key is ignored).

    >>> [(r["byday"], r["opens_at"], r["closes_at"]) for r in hours_rows("k", "s", {"MO,TU": "08:00-12:00"})]
    [('MO,TU', '08:00:00', '12:00:00')]
    """
    rows = []
    for days, spans in hours.items():
        byday = days.rstrip("+")
        for index, span in enumerate(spans.split(",")):
            opens, closes = span.strip().split("-")
            rows.append({"id": uid(owner, "schedule", days, str(index)), "service_id": service_id, "freq": "WEEKLY",
                         "wkst": "MO", "byday": byday, "opens_at": f"{opens}:00", "closes_at": f"{closes}:00",
                         })
    return rows


def add_service(rows: Rows, entry: Dict[str, Any], organizations: Dict[str, Any]) -> str:
    """The HSDS rows of one office or course: service, location, address, phone, schedules, areas, languages."""
    key = entry["key"]
    service_id, location_id = uid("service", key), uid("location", entry["street"], entry["city"])
    org_id = uid("organization", entry["org"])
    rows["service"].append({"id": service_id, "organization_id": org_id, "name": entry["name"], "status": "active",
                            "email": entry.get("email"), "url": entry.get("url"),
                            "description": SAMPLE_NOTE})
    if not any(row["id"] == location_id for row in rows["location"]):
        rows["location"].append({"id": location_id, "location_type": "physical", "organization_id": org_id,
                                 "name": f"{organizations[entry['org']]['name']}, {entry['street']}"})
        rows["address"].append({"id": uid("address", location_id), "location_id": location_id,
                                "address_1": entry["street"], "city": entry["city"], "postal_code": entry["zip"],
                                "state_province": "Baden-Württemberg", "country": "DE", "address_type": "physical"})
    rows["service_at_location"].append({"id": uid("sal", key), "service_id": service_id, "location_id": location_id})
    if entry.get("phone"):
        rows["phone"].append({"id": uid("phone", key), "service_id": service_id, "number": entry["phone"],
                              "type": "voice"})
    rows["schedule"] += hours_rows(key, service_id, entry.get("hours", {}))
    for area in entry.get("areas", []):
        rows["service_area"].append({"id": uid("area", key, area), "service_id": service_id, "name": area})
    for code in entry.get("languages", []):
        rows["language"].append({"id": uid("language", key, code), "service_id": service_id, "code": code,
                                 "name": LANGUAGE_NAMES.get(code, code)})
    return service_id


def build(source: Dict[str, Any]) -> Rows:
    """All rows of the sample package per table."""
    rows: Rows = {table: [] for table in HSDS_TABLES + LOTSE_TABLES}
    organizations = source["organizations"]
    for key, org in organizations.items():
        rows["organization"].append({"id": uid("organization", key), "name": org["name"], "description": SAMPLE_NOTE})
        rows["lotse_organizations"].append({"organization_id": uid("organization", key), "district": org["district"]})
    for entry in source["services"]:
        service_id = add_service(rows, entry, organizations)
        rows["lotse_services"].append({"service_id": service_id, "lotse_type": entry["type"],
                                       "by_appointment_only": bool(entry.get("appointment_only")),
                                       "district": organizations[entry["org"]]["district"]})
        for index, (first, last, reason) in enumerate(entry.get("closures", [])):
            rows["lotse_closures"].append({"id": len(rows["lotse_closures"]) + 1, "service_id": service_id,
                                           "first_day": str(first), "last_day": str(last), "reason": reason})
    for entry in source["courses"]:
        service_id = add_service(rows, {**entry, "areas": [entry["city"]]}, organizations)
        rows["lotse_services"].append({"service_id": service_id, "lotse_type": "language_course",
                                       "by_appointment_only": False,
                                       "district": organizations[entry["org"]]["district"]})
        rows["lotse_courses"].append({"service_id": service_id, "course_type": entry["type"], "level": entry["level"],
                                      "start_date": str(entry["start"]), "end_date": str(entry["end"]),
                                      "free_seats": entry.get("seats"), "childcare": bool(entry.get("childcare")),
                                      "women_only": bool(entry.get("women_only")), "cost": entry.get("cost"),
                                      "payer": entry.get("payer")})
    for manager in source["managers"]:
        rows["lotse_managers"].append({"id": manager["id"], "name": manager["name"], "district": manager["district"],
                                       "municipalities": ";".join(manager["municipalities"]),
                                       "languages": ";".join(manager["languages"]), "email": manager["email"],
                                       "phone": manager["phone"], "office_address": manager["office"],
                                       "active": True})
        for days, span in manager["availability"].items():
            times, minutes = span.split("/")
            start, end = times.split("-")
            for day in days.split(","):
                rows["lotse_availability"].append({"manager_id": manager["id"],
                                                   "weekday": ("MO", "TU", "WE", "TH", "FR", "SA", "SU").index(day),
                                                   "start": f"{start}:00", "end": f"{end}:00",
                                                   "slot_minutes": int(minutes)})
    return rows


def write(rows: Rows, folder: Path) -> None:
    """Write the package: one CSV per table and datapackage.json."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, table_rows in rows.items():
        write_csv(folder / csv_name(table), scalar_fields(table), sorted(table_rows, key=_order))
    write_datapackage(folder)


def _order(row: Dict[str, Any]) -> tuple:
    return (str(row.get("id", "")), str(row.get("service_id", "")), str(row.get("name", "")),
            str(row.get("organization_id", "")), str(row.get("manager_id", "")), str(row.get("weekday", "")),
            str(row.get("start", "")))


def main() -> None:
    """Rebuild package/ from source.yml."""
    write(build(yaml.safe_load((HERE / "source.yml").read_text(encoding="utf-8"))), HERE / "package")
    print(HERE / "package")


if __name__ == "__main__":
    main()

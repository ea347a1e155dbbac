"""``lotse directory export``: the directory as an HSDS data package (CSV or JSON) plus Lotse's extensions.

Appointments are personal data and are never exported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

import jsonschema

from bot.directory.hsds import extensions
from bot.directory.hsds.csvfiles import write_csv, write_datapackage
from bot.directory.hsds.nesting import nest
from bot.directory.hsds.schema import HSDS_TABLES, compiled_service_schema, csv_name, scalar_fields
from bot.directory.hsds.tables import MODELS, to_row

#: Where a nested row goes: the first reference that is set decides its parent (table.key).
PLACEMENT: Dict[str, List[Tuple[str, str]]] = {
    "phone": [("service_id", "service.phones"), ("service_at_location_id", "service_at_location.phones"),
              ("location_id", "location.phones"), ("contact_id", "contact.phones"),
              ("organization_id", "organization.phones")],
    "contact": [("service_id", "service.contacts"), ("service_at_location_id", "service_at_location.contacts"),
                ("location_id", "location.contacts"), ("organization_id", "organization.contacts")],
    "schedule": [("service_id", "service.schedules"), ("service_at_location_id", "service_at_location.schedules"),
                 ("location_id", "location.schedules")],
    "language": [("service_id", "service.languages"), ("location_id", "location.languages"),
                 ("phone_id", "phone.languages")],
    "address": [("location_id", "location.addresses")],
    "service_area": [("service_id", "service.service_areas")],
    "service_at_location": [("service_id", "service.service_at_locations")],
    "location": [("organization_id", "organization.locations")],
}


def hsds_rows() -> Dict[str, List[Dict[str, Any]]]:
    """Every stored HSDS row per table, ordered by id."""
    return {table: [to_row(table, item) for item in MODELS[table].objects.order_by("pk")] for table in HSDS_TABLES}


def export_csv(folder: Path) -> Dict[str, int]:
    """Write the CSV package into ``folder``; returns rows written per file."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    tables = {**hsds_rows(), **extensions.export_rows()}
    for table, rows in tables.items():
        write_csv(folder / csv_name(table), scalar_fields(table), rows)
        counts[csv_name(table)] = len(rows)
    write_datapackage(folder)
    return counts


def nested_objects(rows: Dict[str, List[Dict[str, Any]]]) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    """(services, organizations) as nested HSDS objects."""
    children: Dict[Tuple[str, str], List[Dict[str, Any]]] = {}
    for table, places in PLACEMENT.items():
        for row in rows[table]:
            for column, parent in places:
                if row.get(column):
                    children.setdefault((parent, row[column]), []).append(row)
                    break
    singles = {(table, row["id"]): row for table in ("organization", "location") for row in rows[table]}
    services = [nest("service", row, children, singles) for row in rows["service"]]
    organizations = [nest("organization", row, children, singles) for row in rows["organization"]]
    return services, organizations


def export_json(folder: Path) -> Dict[str, int]:
    """Write ``services.json``, ``organizations.json`` and ``lotse.json`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    services, organizations = nested_objects(hsds_rows())
    validator = jsonschema.Draft202012Validator(compiled_service_schema())
    for service in services:
        validator.validate(service)
    dump = {"services.json": services, "organizations.json": organizations, "lotse.json": extensions.export_rows()}
    for name, data in dump.items():
        (folder / name).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"services.json": len(services), "organizations.json": len(organizations)}

"""HSDS and Lotse extension schemas: loading, converting CSV cells, validating rows.

>>> convert_cell("schedule", "opens_at", "9:30")
'09:30:00'
>>> convert_cell("service", "minimum_age", "12")
12
>>> convert_cell("lotse_courses", "childcare", "ja")
Traceback (most recent call last):
...
ValueError: 'ja' is not a boolean (true/false)
>>> [p.message for p in validate_row("service", {"id": "x", "name": "A", "status": "open"}, "services.csv row 1")]
["'x' is not a 'uuid'", "'open' is not one of ['active', 'inactive', 'defunct', 'temporarily closed']"]
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List

import jsonschema

SCHEMAS = Path(__file__).resolve().parent / "schemas"

#: The HSDS tables the directory stores, in the order rows can be written (references first).
HSDS_TABLES = ("organization", "location", "service", "service_at_location", "contact", "phone", "address",
               "schedule", "language", "service_area")
#: Lotse's extension tables, in write order.
LOTSE_TABLES = ("lotse_districts", "lotse_municipalities", "lotse_organizations", "lotse_services", "lotse_courses",
                "lotse_closures", "lotse_managers", "lotse_availability")


@dataclass(frozen=True)
class Problem:
    """One invalid value: where (file and row or JSON path), which field, what is wrong."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}, field '{self.field}': {self.message}" if self.field else f"{self.where}: {self.message}"


@lru_cache(maxsize=None)
def table_schema(table: str) -> Dict[str, Any]:
    """The JSON schema of one table (``service``, ``lotse_courses``, …)."""
    return json.loads((SCHEMAS / f"{table}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def compiled_service_schema() -> Dict[str, Any]:
    """The JSON schema of a nested HSDS service object."""
    return json.loads((SCHEMAS / "compiled_service.json").read_text(encoding="utf-8"))


def scalar_fields(table: str) -> List[str]:
    """The table's columns: its properties that are not nested arrays or objects, in schema order."""
    return [name for name, spec in table_schema(table)["properties"].items()
            if spec.get("type") in ("string", "number", "integer", "boolean")]


def csv_name(table: str) -> str:
    """The CSV file of a table, e.g. ``services.csv``, ``lotse_courses.csv``."""
    return table_schema(table).get("path", f"{table}.csv")


def _time(value: str) -> str:
    parts = [int(p) for p in value.split(":")]
    return time(*parts).isoformat()


def convert_cell(table: str, field: str, value: str) -> Any:
    """A CSV cell as its JSON value (numbers, booleans; dates and times checked and normalized)."""
    spec = table_schema(table)["properties"][field]
    kind, typed = spec.get("type"), spec.get("datapackage_type")
    if kind == "number":
        number = float(value)
        return int(number) if number.is_integer() and "." not in value else number
    if kind == "boolean":
        lowered = value.strip().lower()
        if lowered not in ("true", "false", "1", "0"):
            raise ValueError(f"{value!r} is not a boolean (true/false)")
        return lowered in ("true", "1")
    try:
        if typed == "date":
            return date.fromisoformat(value).isoformat()
        if typed == "time":
            return _time(value)
        if typed == "datetime":
            datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, TypeError) as error:
        raise ValueError(f"not a valid {typed} ({error})") from None
    return value


def check_typed(table: str, row: Dict[str, Any], where: str) -> List[Problem]:
    """Dates, times and date-times that JSON Schema only knows as strings must parse."""
    problems = []
    for field, value in row.items():
        typed = table_schema(table)["properties"].get(field, {}).get("datapackage_type")
        if typed in ("date", "time", "datetime") and isinstance(value, str):
            try:
                convert_cell(table, field, value)
            except ValueError as error:
                problems.append(Problem(where, field, f"{value!r}: {error}"))
    return problems


def validate_row(table: str, row: Dict[str, Any], where: str) -> List[Problem]:
    """Every schema violation of one row (required fields, types, enums, formats such as uuid)."""
    validator = jsonschema.Draft202012Validator(table_schema(table), format_checker=jsonschema.FormatChecker())
    problems = [Problem(where, _field_of(error), error.message) for error in validator.iter_errors(row)]
    return problems + check_typed(table, row, where)


def _field_of(error: jsonschema.ValidationError) -> str:
    if error.path:
        return ".".join(str(p) for p in error.path)
    if error.validator == "required":
        return str(error.message).split("'")[1]
    return ""

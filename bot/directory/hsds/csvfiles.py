"""Writing CSV tables and the ``datapackage.json`` descriptor (no database needed)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Dict, List

from bot.directory.hsds.schema import LOTSE_TABLES, SCHEMAS, csv_name, table_schema


def cell(value: Any) -> str:
    """A JSON value as a CSV cell (booleans as true/false, None as empty).

    >>> cell(True), cell(None), cell(3), cell("x")
    ('true', '', '3', 'x')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def write_csv(path: Path, columns: List[str], rows: List[Dict[str, Any]]) -> None:
    """Write ``rows`` with a header of ``columns`` (UTF-8, LF line ends)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(row.get(column)) for column in columns])


def datapackage() -> Dict[str, Any]:
    """The package descriptor: HSDS's resources for the stored tables plus Lotse's extension resources."""
    descriptor = json.loads((SCHEMAS / "datapackage.json").read_text(encoding="utf-8"))
    for table in LOTSE_TABLES:
        schema = table_schema(table)
        fields = [{"name": name, "type": spec.get("datapackage_type", spec["type"]),
                   "constraints": {"required": name in schema["required"]}}
                  for name, spec in schema["properties"].items()]
        descriptor["resources"].append({"name": table, "path": csv_name(table), "description": schema["description"],
                                        "format": "csv", "mediatype": "text/csv", "profile": "tabular-data-resource",
                                        "schema": {"fields": fields}})
    descriptor["description"] = ("Lotse service directory: HSDS 3.0 tables plus Lotse extension tables "
                                 "(resources named lotse_*).")
    return descriptor


def write_datapackage(folder: Path) -> None:
    """Write ``datapackage.json`` into ``folder``."""
    (folder / "datapackage.json").write_text(json.dumps(datapackage(), indent=1, ensure_ascii=False) + "\n",
                                             encoding="utf-8")

"""Reading a data package folder (CSV or JSON) into rows per table, without touching the database."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Tuple

from bot.directory.hsds.nesting import flatten, flatten_service
from bot.directory.hsds.schema import HSDS_TABLES, LOTSE_TABLES, Problem, convert_cell, csv_name, scalar_fields

#: Where a row came from (file and row or JSON path) and its values.
Located = Tuple[str, Dict[str, Any]]


@dataclass
class Package:
    """The rows of a package per table, problems found while reading, and files not imported."""

    rows: Dict[str, List[Located]] = field(default_factory=dict)
    problems: List[Problem] = field(default_factory=list)
    ignored: List[str] = field(default_factory=list)

    def add(self, table: str, where: str, row: Dict[str, Any]) -> bool:
        """Add one row; False when the table has a row with this id already (its missing fields are
        filled from ``row``: a nested object repeated under several parents carries each parent's link)."""
        rows = self.rows.setdefault(table, [])
        if row.get("id") is not None:
            for _, existing in rows:
                if existing.get("id") == row["id"]:
                    for name, value in row.items():
                        existing.setdefault(name, value)
                    return False
        rows.append((where, row))
        return True


def read_package(path: Path) -> Package:
    """Read a CSV package folder, a JSON package folder, or a single JSON file of services."""
    if path.is_file():
        package = Package()
        _read_services_json(path, package)
        return package
    if (path / "services.json").exists() or (path / "lotse.json").exists():
        return _read_json_folder(path)
    return _read_csv_folder(path)


def _read_csv_folder(folder: Path) -> Package:
    package = Package()
    known = {csv_name(table): table for table in HSDS_TABLES + LOTSE_TABLES}
    if not (folder / "datapackage.json").exists() and not any(folder.glob("*.csv")):
        package.problems.append(Problem(str(folder), "", "no datapackage.json, CSV or services.json found"))
        return package
    for csv_path in sorted(folder.glob("*.csv")):
        table = known.get(csv_path.name)
        if table is None:
            package.ignored.append(csv_path.name)
            continue
        _read_csv(csv_path, table, package)
    return package


def _read_csv(csv_path: Path, table: str, package: Package) -> None:
    columns = set(scalar_fields(table))
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for unknown in sorted(set(reader.fieldnames or []) - columns):
            package.problems.append(Problem(f"{csv_path.name} header", unknown, "unknown column"))
        for number, cells in enumerate(reader, start=1):
            where = f"{csv_path.name} row {number} (line {reader.line_num})"
            row: Dict[str, Any] = {}
            for name, value in cells.items():
                if name not in columns or value is None or value == "":
                    continue
                try:
                    row[name] = convert_cell(table, name, value)
                except ValueError as error:
                    package.problems.append(Problem(where, name, f"{value!r}: {error}"))
            if not package.add(table, where, row):
                package.problems.append(Problem(where, "id", f"duplicate id {row['id']!r}"))


def _load_json(path: Path, package: Package) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        package.problems.append(Problem(path.name, "", f"cannot read JSON: {error}"))
        return None


def _read_services_json(path: Path, package: Package) -> None:
    data = _load_json(path, package)
    if isinstance(data, dict):
        data = data.get("contents", [data])
    if not isinstance(data, list):
        package.problems.append(Problem(path.name, "", "expected a list of HSDS service objects"))
        return
    for index, obj in enumerate(data):
        if not isinstance(obj, dict):
            package.problems.append(Problem(f"{path.name} [{index}]", "", "expected an HSDS service object"))
            continue
        # A nested object shared by several services (an organization, a location) is read once.
        for table, where, row in flatten_service(obj, f"{path.name} [{index}]"):
            package.add(table, where, row)


def _read_json_folder(folder: Path) -> Package:
    package = Package()
    organizations = folder / "organizations.json"
    if organizations.exists():
        for index, obj in enumerate(_load_json(organizations, package) or []):
            for table, where, row in flatten("organization", obj, f"organizations.json [{index}]"):
                package.add(table, where, row)
    if (folder / "services.json").exists():
        _read_services_json(folder / "services.json", package)
    if (folder / "lotse.json").exists():
        extensions = _load_json(folder / "lotse.json", package) or {}
        for table in LOTSE_TABLES:
            for index, row in enumerate(extensions.get(table, [])):
                where = f"lotse.json {table}[{index}]"
                if not package.add(table, where, row):
                    package.problems.append(Problem(where, "id", f"duplicate id {row['id']!r}"))
    return package

"""``lotse directory import``: validate a whole package, then write it in one transaction.

Rows are merged by id (HSDS tables, closures, managers) or name (districts, municipalities):
an import updates and adds, it never deletes. When any row is invalid nothing is written and
:class:`ImportFailed` lists every problem with file, row and field. A reference to an HSDS row
that is neither in the package nor in the directory is dropped with a warning (HSDS packages
often reference tables that are exchanged separately).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List

from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, transaction

from bot.directory import models as m
from bot.directory.hsds import extensions
from bot.directory.hsds.reader import Package, read_package
from bot.directory.hsds.schema import HSDS_TABLES, LOTSE_TABLES, Problem, validate_row
from bot.directory.hsds.tables import MODELS, model_values, references


class ImportFailed(Exception):
    """The package has invalid rows; nothing was imported."""

    def __init__(self, problems: List[Problem]):
        super().__init__(f"{len(problems)} problem(s), nothing imported:\n" + "\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class ImportReport:
    """What an import wrote, what it dropped and which files it did not read."""

    counts: Dict[str, int] = field(default_factory=dict)
    warnings: List[str] = field(default_factory=list)
    ignored: List[str] = field(default_factory=list)


def _known(package: Package) -> extensions.Known:
    ids = {table: {row.get("id") for _, row in package.rows.get(table, [])} | set(
        MODELS[table].objects.values_list("pk", flat=True)) for table in HSDS_TABLES}
    ids["manager"] = {row.get("id") for _, row in package.rows.get("lotse_managers", [])} | set(
        m.IntegrationManager.objects.values_list("pk", flat=True))
    districts = {row.get("name") for _, row in package.rows.get("lotse_districts", [])} | set(
        m.District.objects.values_list("name", flat=True))
    municipalities = {row.get("name") for _, row in package.rows.get("lotse_municipalities", [])} | set(
        m.Municipality.objects.values_list("name", flat=True))
    return extensions.Known(districts, municipalities, ids)


def _check_model(table: str, row: Dict[str, Any], where: str) -> List[Problem]:
    """Model-level checks (lengths, choices) that the HSDS schema does not express."""
    model = MODELS[table]
    instance = model(pk=row.get("id"), **model_values(table, row))
    exclude = [f.name for f in model._meta.concrete_fields if f.is_relation] + ["id"]
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return [Problem(where, name, " ".join(messages)) for name, messages in error.message_dict.items()]
    return []


def check(package: Package, report: ImportReport) -> List[Problem]:
    """Every problem of the package; dangling HSDS references are removed from the rows (with a warning)."""
    problems = list(package.problems)
    known = _known(package)
    for table in HSDS_TABLES:
        for where, row in package.rows.get(table, []):
            row_problems = validate_row(table, row, where)
            problems += row_problems
            for column, target in references(table).items():
                if row.get(column) and row[column] not in known.ids[target]:
                    report.warnings.append(f"{where}, field '{column}': no {target} with id {row[column]!r}; "
                                           "link dropped")
                    del row[column]
            if not row_problems:
                problems += _check_model(table, row, where)
    for table in LOTSE_TABLES:
        for where, row in package.rows.get(table, []):
            row_problems = validate_row(table, row, where)
            problems += row_problems or extensions.check(table, row, where, known)
    return problems


def import_package(path: Path, sample: bool = False) -> ImportReport:
    """Validate everything in the package at ``path``, then write it all or nothing.

    The districts the package brings are marked as real data, or with ``sample`` as invented sample data.
    """
    package = read_package(path)
    report = ImportReport(ignored=package.ignored)
    problems = check(package, report)
    if problems:
        raise ImportFailed(problems)
    with transaction.atomic():
        for table in HSDS_TABLES:
            model = MODELS[table]
            for _, row in package.rows.get(table, []):
                model.objects.update_or_create(pk=row["id"], defaults=model_values(table, row))
            report.counts[table] = len(package.rows.get(table, []))
        for table in LOTSE_TABLES:
            for _, row in package.rows.get(table, []):
                extensions.WRITERS[table](row)
            report.counts[table] = len(package.rows.get(table, []))
        m.District.objects.filter(name__in=districts_of(package)).update(sample_data=sample)
        _reset_sequences()
    return report


def districts_of(package: Package) -> set:
    """The districts whose services or organizations the package brings."""
    return {row.get("district") for table in ("lotse_services", "lotse_organizations")
            for _, row in package.rows.get(table, []) if row.get("district")}


def _reset_sequences() -> None:
    """After rows were written with explicit integer ids, let new rows (admin) get fresh ids (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [m.Closure, m.IntegrationManager, m.Availability,
                                                                m.Course, m.District, m.Municipality])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)

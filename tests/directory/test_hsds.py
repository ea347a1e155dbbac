"""HSDS exchange: the specification's example imports, exports validate, round trips, bad imports change nothing."""

import csv
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from bot.directory import models as m
from bot.directory import queries
from bot.directory.hsds.exporter import export_csv, export_json
from bot.directory.hsds.importer import ImportFailed, import_package
from bot.directory.hsds.reader import read_package
from bot.directory.hsds.schema import HSDS_TABLES, compiled_service_schema, validate_row
from bot.directory.sample import PACKAGE

#: HSDS's own examples, copied into the tests (see hsds_examples/README.md).
HSDS_EXAMPLES = Path(__file__).resolve().parent / "hsds_examples"
EXAMPLE_SERVICE = "ac148810-d857-441c-9679-408f346de14b"


def _all_rows():
    from bot.directory.hsds.exporter import hsds_rows
    from bot.directory.hsds.extensions import export_rows

    return {**hsds_rows(), **export_rows()}


def _wipe():
    m.Appointment.objects.all().delete()
    m.IntegrationManager.objects.all().delete()
    m.Closure.objects.all().delete()
    for model in (m.Course, m.Schedule, m.Phone, m.Language, m.Contact, m.Address, m.ServiceArea,
                  m.ServiceAtLocation, m.Service, m.Location, m.Organization):
        model.objects.all().delete()


def test_the_hsds_example_csv_package_imports(db):
    report = import_package(HSDS_EXAMPLES / "csv")
    service = m.Service.objects.get(pk=EXAMPLE_SERVICE)
    assert service.name == "Community Counselling" and service.minimum_age == 12
    schedule = m.Schedule.objects.get(service=service)
    assert (schedule.byday, str(schedule.opens_at)) == ("TH,FR", "10:00:00")
    assert m.Address.objects.get(location__service_at_locations__service=service).city == "MyCity"
    assert "programs.csv" in report.ignored
    assert any("organization_id" in w for w in report.warnings)  # the example references an absent organization


def test_the_hsds_example_service_json_imports(db):
    import_package(HSDS_EXAMPLES / "service_full.json")
    service = m.Service.objects.get(pk=EXAMPLE_SERVICE)
    assert service.phones.exists() and service.service_at_locations.exists()


@pytest.mark.parametrize("form", ["csv", "json"])
def test_export_then_import_gives_back_the_same_directory(db, tmp_path, form):
    before = _all_rows()
    (export_csv if form == "csv" else export_json)(tmp_path)
    _wipe()
    assert queries.find_services("Stuttgart", "jobcenter") == []
    import_package(tmp_path)
    assert _all_rows() == before
    assert queries.find_services("Stuttgart", "jobcenter")[0].name == "Jobcenter Stuttgart – Eingangszone"


def test_the_csv_export_validates_against_the_hsds_schemas(db, tmp_path):
    export_csv(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in descriptor["resources"]} == {p.name for p in tmp_path.glob("*.csv")}
    package = read_package(tmp_path)
    assert package.problems == []
    for table in HSDS_TABLES:
        for where, row in package.rows.get(table, []):
            assert validate_row(table, row, where) == []


def test_the_json_export_validates_against_the_compiled_service_schema(db, tmp_path):
    export_json(tmp_path)
    services = json.loads((tmp_path / "services.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(compiled_service_schema(), format_checker=jsonschema.FormatChecker())
    assert services and all(not list(validator.iter_errors(s)) for s in services)
    assert any(s.get("service_at_locations", [{}])[0].get("location", {}).get("addresses") for s in services)


def _broken_copy(tmp_path, filename, column, value, row_index=1):
    folder = tmp_path / "package"
    shutil.copytree(PACKAGE, folder)
    path = folder / filename
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows[row_index][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder


@pytest.mark.parametrize("filename, column, value, message", [
    ("services.csv", "status", "open", "is not one of"),
    ("schedules.csv", "opens_at", "25:00", "not a valid time"),
    ("services.csv", "id", "not-a-uuid", "uuid"),
    ("lotse_courses.csv", "level", "Z9", "is not one of"),
    ("lotse_services.csv", "district", "Atlantis", "unknown district"),
    ("lotse_managers.csv", "municipalities", "Stuttgart;Gotham", "unknown municipality 'Gotham'"),
])
def test_an_invalid_row_names_file_row_and_field_and_changes_nothing(db, tmp_path, filename, column, value, message):
    folder = _broken_copy(tmp_path, filename, column, value)
    # Also change a valid row elsewhere: it must not be written either.
    services = (folder / "organizations.csv").read_text(encoding="utf-8").replace("Jobcenter Stuttgart",
                                                                                  "Umbenannt")
    (folder / "organizations.csv").write_text(services, encoding="utf-8")
    before = _all_rows()
    with pytest.raises(ImportFailed) as failure:
        import_package(folder)
    problem = next(p for p in failure.value.problems if p.field == column)
    assert problem.where.startswith(f"{filename} row 2") and message in problem.message
    assert f"{filename} row 2 (line 3), field '{column}'" in str(failure.value)
    assert _all_rows() == before

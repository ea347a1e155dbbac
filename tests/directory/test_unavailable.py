"""Every query raises DirectoryUnavailable, not a raw database error, when the database is unusable."""

from datetime import datetime, timezone

import pytest

from bot.directory import queries
from tests.directory.conftest import use_database

CALLS = [
    lambda: queries.municipality_named("Stuttgart"),
    lambda: queries.find_courses("Stuttgart"),
    lambda: queries.find_services("Stuttgart", "jobcenter"),
    lambda: queries.opening_state("00000000-0000-0000-0000-000000000000", datetime.now(timezone.utc)),
    lambda: queries.managers_for("Stuttgart"),
    lambda: queries.free_slots(1, datetime.now(timezone.utc)),
    lambda: queries.book(1, "web-a", datetime.now(timezone.utc), "x", "de"),
    lambda: queries.appointments_of("web-a"),
    lambda: queries.cancel(1, "web-a"),
    lambda: queries.ics_for(1),
    lambda: queries.delete_client_data("web-a"),
]


@pytest.fixture(params=["missing folder", "not migrated"])
def broken_database(request, directory_db, tmp_path):
    from django.conf import settings

    from bot.directory.database import database_config

    original = dict(settings.DATABASES["default"])
    path = tmp_path / "nowhere" / "x.sqlite3" if request.param == "missing folder" else tmp_path / "empty.sqlite3"
    use_database(database_config("", str(path)))
    yield
    use_database(original)


@pytest.mark.parametrize("call", CALLS)
def test_queries_raise_directory_unavailable(broken_database, call, caplog):
    with pytest.raises(queries.DirectoryUnavailable):
        call()
    assert "web-a" not in caplog.text  # client references are never logged


def test_an_unreachable_postgres_server_is_unavailable_too(directory_db):
    from django.conf import settings

    from bot.directory.database import database_config

    original = dict(settings.DATABASES["default"])
    config = database_config("postgresql://nobody:secret@127.0.0.1:9/lotse", "")
    config["OPTIONS"] = {"connect_timeout": 2}
    use_database(config)
    try:
        with pytest.raises(queries.DirectoryUnavailable):
            queries.find_services("Stuttgart", "jobcenter")
    finally:
        use_database(original)

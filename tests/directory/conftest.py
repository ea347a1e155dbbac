"""Directory tests run once per database: SQLite always, PostgreSQL when LOTSE_TEST_POSTGRES_URL is set.

Without that variable the PostgreSQL runs skip locally and fail on CI (``CI`` set), where
``.ci/run`` starts a PostgreSQL server. Each backend gets a fresh database, migrated and loaded
with the sample directory once; each test runs in a transaction that is rolled back, except
tests using ``committed_db`` (threads need committed data and clean up after themselves).
"""

from __future__ import annotations

import os
import uuid
from typing import Any, Dict, Iterator

import django
import pytest

from tests import clock

django.setup()  # the test modules import the directory's models

BACKENDS = ["sqlite", "postgresql"]
#: "Today" of the tests; the sample's dates are moved to its week when the sample is loaded.
TODAY = clock.today()


def use_database(config: Dict[str, Any]) -> None:
    """Point Django's default connection at ``config`` (closing the current connections)."""
    from django.conf import settings
    from django.db import connections

    connections.close_all()
    settings.DATABASES["default"] = config
    connections.__dict__.pop("settings", None)  # re-read settings.DATABASES on next use
    connections._settings = None
    try:
        del connections["default"]
    except AttributeError:
        pass


def _postgres_database(url: str) -> Iterator[Dict[str, Any]]:
    import psycopg2

    from bot.directory.database import database_config

    base = database_config(url, "")
    name = f"lotse_test_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(dbname=base["NAME"], user=base["USER"], password=base["PASSWORD"], host=base["HOST"],
                             port=base["PORT"])
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**base, "NAME": name, "CONN_MAX_AGE": 0}
    finally:
        from django.db import connections

        connections.close_all()
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="session", params=BACKENDS)
def directory_db(request, tmp_path_factory) -> Iterator[str]:
    """A migrated database with the sample directory, once per backend; yields the backend name."""
    from django.conf import settings

    django.setup()
    backend = request.param
    original = dict(settings.DATABASES["default"])
    if backend == "postgresql":
        url = os.environ.get("LOTSE_TEST_POSTGRES_URL")
        if not url:
            if os.environ.get("CI"):
                pytest.fail("LOTSE_TEST_POSTGRES_URL is not set; .ci/run starts PostgreSQL and sets it")
            pytest.skip("set LOTSE_TEST_POSTGRES_URL=postgresql://user:pass@host:port/db to test on PostgreSQL")
        databases = _postgres_database(url)
        config = next(databases)
    else:
        from bot.directory.database import database_config

        databases = iter(())
        config = database_config("", str(tmp_path_factory.mktemp("db") / "directory.sqlite3"))
    use_database(config)
    from django.core.management import call_command

    from bot.directory.loading import load_sample

    call_command("migrate", verbosity=0, interactive=False)
    load_sample()
    yield backend
    use_database(original)
    for _ in databases:
        pass


@pytest.fixture()
def db(directory_db) -> Iterator[str]:
    """The sample directory; whatever the test writes is rolled back afterwards."""
    from django.db import transaction

    atomic = transaction.atomic()
    atomic.__enter__()
    try:
        yield directory_db
    finally:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture()
def committed_db(directory_db) -> Iterator[str]:
    """The sample directory without a surrounding transaction (for tests with several threads)."""
    yield directory_db

"""Security tests of the web process: the directory tests' databases (SQLite, and PostgreSQL when configured)."""

from tests.directory.conftest import committed_db, db, directory_db  # noqa: F401 - the shared database fixtures

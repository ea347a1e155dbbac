"""The database of the bot's own data: SQLite by default, PostgreSQL from ``LOTSE_DATABASE_URL``.

>>> config = database_config("postgresql://lotse:s%40cret@db.example:5433/lotse", "/tmp/x.sqlite3")
>>> config["ENGINE"], config["HOST"], config["PORT"], config["NAME"], config["USER"], config["PASSWORD"]
('django.db.backends.postgresql', 'db.example', '5433', 'lotse', 'lotse', 's@cret')
>>> database_config("", "/tmp/x.sqlite3")["ENGINE"]
'django.db.backends.sqlite3'
>>> database_config("mysql://a@b/c", "/tmp/x.sqlite3")
Traceback (most recent call last):
...
ValueError: LOTSE_DATABASE_URL: unsupported scheme 'mysql' (use postgresql://user:password@host:port/db)
"""

from __future__ import annotations

from typing import Any, Dict
from urllib.parse import parse_qs, unquote, urlsplit

POSTGRES_SCHEMES = ("postgres", "postgresql", "postgresql+psycopg2")


def database_config(url: str, sqlite_path: str) -> Dict[str, Any]:
    """Django ``DATABASES['default']`` for ``url``, or SQLite at ``sqlite_path`` when ``url`` is empty."""
    if not url:
        # Writers take the lock when a transaction begins and wait up to 20 s for it, so concurrent
        # bookings from the web and action processes queue instead of failing with "database is locked".
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": sqlite_path,
                "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"}}
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES:
        raise ValueError(f"LOTSE_DATABASE_URL: unsupported scheme {parts.scheme!r} "
                         "(use postgresql://user:password@host:port/db)")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }

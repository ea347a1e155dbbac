"""Rasa's endpoints from the environment: the tracker store, the lock store and the number of workers.

``endpoints.yml`` in the repository is the template and the documented default (SQLite tracker
store, in-memory lock store). ``lotse run`` writes the effective file to ``var/endpoints.yml``:
the template's ``${VAR}`` values substituted from the environment, the tracker store from
``LOTSE_TRACKER_URL`` (PostgreSQL), the lock store from ``LOTSE_REDIS_URL``, and the action
server and NLG URLs from ``LOTSE_ACTIONS_URL`` and ``LOTSE_NLG_URL`` when they run elsewhere.

>>> tracker_store({"LOTSE_TRACKER_URL": "postgresql://lotse:s%40cret@db.example:5433/rasa?sslmode=require"})
{'type': 'SQL', 'dialect': 'postgresql', 'url': 'db.example', 'port': 5433, 'db': 'rasa', \
'username': 'lotse', 'password': 's@cret', 'query': {'sslmode': 'require'}}
>>> tracker_store({"LOTSE_TRACKER_DB": "/srv/lotse/tracker.sqlite3"})
{'type': 'SQL', 'dialect': 'sqlite', 'db': '/srv/lotse/tracker.sqlite3'}
>>> lock_store({"LOTSE_REDIS_URL": "redis://:pw@cache.example:6380/2"})
{'type': 'bot.runtime.lock_store.AtomicRedisLockStore', 'url': 'cache.example', 'port': 6380, 'db': 2, 'password': 'pw', 'use_ssl': False}
>>> lock_store({}) is None
True
>>> rasa_workers({"LOTSE_RASA_WORKERS": "2"})
Traceback (most recent call last):
...
bot.runtime.endpoints.ConfigurationError: 2 Rasa workers need a shared lock store: set LOTSE_REDIS_URL=redis://host:port/db \
(Rasa runs several workers only with Redis; with the in-memory lock store it would silently run one)
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Dict, Mapping, Optional
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

from bot import paths

#: Rasa's SQL tracker store as ``lotse run`` configures it (see :mod:`bot.runtime.tracker_store`).
DURABLE_TRACKER_STORE = "bot.runtime.tracker_store.DurableSQLTrackerStore"
#: The ``type`` of the lock store with ``LOTSE_REDIS_URL`` (Rasa's Redis lock store with atomic ticket queues).
ATOMIC_REDIS_LOCK_STORE = "bot.runtime.lock_store.AtomicRedisLockStore"
#: The template: the repository's endpoints.yml.
TEMPLATE = paths.PROJECT_ROOT / "endpoints.yml"
#: URL schemes of a PostgreSQL tracker store (``LOTSE_TRACKER_URL``).
POSTGRES_SCHEMES = ("postgres", "postgresql", "postgresql+psycopg2")
#: URL schemes of a Redis lock store (``LOTSE_REDIS_URL``); ``rediss`` is Redis over TLS.
REDIS_SCHEMES = ("redis", "rediss")

_VARIABLE = re.compile(r"\$\{(\w+)\}")


class ConfigurationError(ValueError):
    """The environment asks for something that cannot work; the message says what to set."""


def _query(url_query: str) -> Dict[str, str]:
    return {key: values[-1] for key, values in parse_qs(url_query).items()}


def tracker_store(env: Mapping[str, str]) -> Dict[str, Any]:
    """Rasa's SQL tracker store: PostgreSQL from ``LOTSE_TRACKER_URL``, else the SQLite file ``LOTSE_TRACKER_DB``."""
    url = env.get("LOTSE_TRACKER_URL", "").strip()
    if not url:
        return {"type": "SQL", "dialect": "sqlite", "db": env.get("LOTSE_TRACKER_DB") or str(paths.tracker_db())}
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES:
        raise ConfigurationError(f"LOTSE_TRACKER_URL: unsupported scheme {parts.scheme!r} "
                                 "(use postgresql://user:password@host:port/db)")
    store: Dict[str, Any] = {"type": "SQL", "dialect": "postgresql", "url": parts.hostname or "localhost",
                             "port": parts.port or 5432, "db": unquote(parts.path.lstrip("/")),
                             "username": unquote(parts.username or ""), "password": unquote(parts.password or "")}
    if parts.query:
        store["query"] = _query(parts.query)
    return store


def lock_store(env: Mapping[str, str]) -> Optional[Dict[str, Any]]:
    """The Redis lock store from ``LOTSE_REDIS_URL`` (Rasa's, with atomic ticket queues:
    :mod:`bot.runtime.lock_store`); None keeps Rasa's in-memory lock store."""
    url = env.get("LOTSE_REDIS_URL", "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in REDIS_SCHEMES:
        raise ConfigurationError(f"LOTSE_REDIS_URL: unsupported scheme {parts.scheme!r} (use redis://host:port/db)")
    database = parts.path.lstrip("/") or "0"
    if not database.isdigit():
        raise ConfigurationError("LOTSE_REDIS_URL: the database is a number, as in redis://host:6379/1")
    store: Dict[str, Any] = {"type": ATOMIC_REDIS_LOCK_STORE, "url": parts.hostname or "localhost", "port": parts.port or 6379,
                             "db": int(database)}
    if parts.username:
        store["username"] = unquote(parts.username)
    if parts.password:
        store["password"] = unquote(parts.password)
    store["use_ssl"] = parts.scheme == "rediss"
    prefix = _query(parts.query).get("key_prefix")
    if prefix:
        store["key_prefix"] = prefix
    return store


def rasa_workers(env: Mapping[str, str]) -> int:
    """The number of Rasa (Sanic) workers, ``LOTSE_RASA_WORKERS`` or ``SANIC_WORKERS`` (default 1).

    Several workers need the Redis lock store: Rasa would otherwise start one worker and say so
    only at debug level.
    """
    raw = env.get("LOTSE_RASA_WORKERS") or env.get("SANIC_WORKERS") or "1"
    if not raw.strip().isdigit() or int(raw) < 1:
        raise ConfigurationError(f"LOTSE_RASA_WORKERS: {raw!r} is not a number of workers (1 or more)")
    workers = int(raw)
    if workers > 1 and lock_store(env) is None:
        raise ConfigurationError(f"{workers} Rasa workers need a shared lock store: set "
                                 "LOTSE_REDIS_URL=redis://host:port/db (Rasa runs several workers only with Redis; "
                                 "with the in-memory lock store it would silently run one)")
    return workers


def _substitute(value: Any, env: Mapping[str, str]) -> Any:
    """``${VAR}`` in every string of the template replaced from ``env``; an unset variable is an error."""
    if isinstance(value, dict):
        return {key: _substitute(item, env) for key, item in value.items()}
    if isinstance(value, list):
        return [_substitute(item, env) for item in value]
    if not isinstance(value, str):
        return value

    def replace(match: "re.Match[str]") -> str:
        if match.group(1) not in env:
            raise ConfigurationError(f"endpoints.yml uses ${{{match.group(1)}}}, which is not set")
        return env[match.group(1)]

    return _VARIABLE.sub(replace, value)


def effective(env: Mapping[str, str], template: Path = TEMPLATE) -> Dict[str, Any]:
    """The endpoints Rasa gets: the template substituted from ``env``, with tracker and lock store from ``env``."""
    config = yaml.safe_load(template.read_text(encoding="utf-8")) or {}
    config.pop("tracker_store", None)  # replaced below: its ${LOTSE_TRACKER_DB} need not be set for PostgreSQL
    config = _substitute(config, env)
    for section, variable in (("action_endpoint", "LOTSE_ACTIONS_URL"), ("nlg", "LOTSE_NLG_URL")):
        if env.get(variable, "").strip():  # another host, or a load balancer in front of several
            config.setdefault(section, {})["url"] = env[variable].strip()
    # Rasa's SQL tracker store with a self-healing connection pool (bot/runtime/tracker_store.py)
    config["tracker_store"] = {**tracker_store(env), "type": DURABLE_TRACKER_STORE}
    locks = lock_store(env)
    if locks is None:
        config.pop("lock_store", None)
    else:
        config["lock_store"] = locks
    return config


def write(env: Mapping[str, str], target: Path, template: Path = TEMPLATE) -> Path:
    """Write the effective endpoints to ``target`` (readable by the owner only: it may hold passwords)."""
    text = ("# Written by `lotse run` from endpoints.yml and the environment; edits are overwritten.\n"
            + yaml.safe_dump(effective(env, template), sort_keys=False, allow_unicode=True))
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(target, 0o600)
    return target


def describe(env: Mapping[str, str]) -> str:
    """One line for the start-up output: where conversations are stored and how Rasa locks them (no passwords)."""
    store = tracker_store(env)
    where = (f"PostgreSQL {store['url']}:{store['port']}/{store['db']}" if store["dialect"] == "postgresql"
             else f"SQLite {store['db']}")
    locks = lock_store(env)
    locking = f"Redis {locks['url']}:{locks['port']}/{locks['db']}" if locks else "in memory (one Rasa process)"
    return f"Conversations: {where}; locks: {locking}; Rasa workers: {rasa_workers(env)}"

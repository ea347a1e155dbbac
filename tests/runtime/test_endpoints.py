"""The endpoints file `lotse run` writes: Rasa reads it, on SQLite or PostgreSQL, with or without Redis."""

import stat

import pytest

from bot.runtime import endpoints, supervisor

BASE = {"LOTSE_ACTIONS_PORT": "6001", "LOTSE_WEB_PORT": "6002", "LOTSE_TRACKER_DB": "/tmp/lotse-tracker.sqlite3",
        "LOTSE_INTERNAL_SECRET": "s3cret-internal", "LOTSE_RASA_TOKEN": "t0ken"}
POSTGRES = "postgresql://lotse:p%40ss@db.internal:5433/rasa?sslmode=require"


def read_with_rasa(path):
    from rasa.core.utils import read_endpoints_from_path

    return read_endpoints_from_path(str(path))


def test_default_is_sqlite_without_lock_store(tmp_path):
    read = read_with_rasa(endpoints.write(BASE, tmp_path / "endpoints.yml"))
    assert read.action.url == "http://127.0.0.1:6001/webhook"
    assert read.nlg.url == "http://127.0.0.1:6002/nlg"
    assert read.tracker_store.kwargs["dialect"] == "sqlite"
    assert read.tracker_store.kwargs["db"] == "/tmp/lotse-tracker.sqlite3"
    assert read.lock_store is None


def test_postgres_and_redis_reach_rasa_as_its_stores(tmp_path):
    from rasa.core.lock_store import LockStore
    from rasa.core.tracker_store import SQLTrackerStore

    from bot.runtime.lock_store import AtomicRedisLockStore

    env = {**BASE, "LOTSE_TRACKER_URL": POSTGRES, "LOTSE_REDIS_URL": "redis://:secret@cache.internal:6380/3"}
    target = endpoints.write(env, tmp_path / "endpoints.yml")
    read = read_with_rasa(target)
    assert read.tracker_store.type == endpoints.DURABLE_TRACKER_STORE  # Rasa's SQL store, pool pre-ping
    assert SQLTrackerStore.get_db_url(host=read.tracker_store.url, **read.tracker_store.kwargs).render_as_string(
        hide_password=False) == "postgresql://lotse:p%40ss@db.internal:5433/rasa?sslmode=require"
    assert read.lock_store.type == endpoints.ATOMIC_REDIS_LOCK_STORE
    locks = LockStore.create(read.lock_store)  # redis connects lazily: nothing is contacted here
    assert isinstance(locks, AtomicRedisLockStore)
    assert locks.red.connection_pool.connection_kwargs["host"] == "cache.internal"
    assert locks.red.connection_pool.connection_kwargs["db"] == 3
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # it holds passwords


def test_rasa_runs_several_workers_with_the_written_lock_store(tmp_path, monkeypatch):
    from rasa.core.utils import number_of_sanic_workers

    monkeypatch.setenv("SANIC_WORKERS", "2")
    with_redis = read_with_rasa(endpoints.write({**BASE, "LOTSE_REDIS_URL": "redis://localhost:6379/1"},
                                                tmp_path / "redis.yml"))
    without = read_with_rasa(endpoints.write(BASE, tmp_path / "memory.yml"))
    assert number_of_sanic_workers(with_redis.lock_store) == 2
    assert number_of_sanic_workers(without.lock_store) == 1  # what we refuse to let happen silently


def test_several_workers_without_redis_are_refused_at_start_up(tmp_path):
    env = {**BASE, "LOTSE_VAR_DIR": str(tmp_path), "LOTSE_RASA_WORKERS": "2"}
    with pytest.raises(endpoints.ConfigurationError, match="LOTSE_REDIS_URL"):
        supervisor.service_environment(base=env)
    with pytest.raises(endpoints.ConfigurationError, match="LOTSE_REDIS_URL"):
        supervisor.service_environment(base={**BASE, "LOTSE_VAR_DIR": str(tmp_path), "SANIC_WORKERS": "3"})


def test_service_environment_writes_the_file_rasa_is_started_with(tmp_path):
    env = supervisor.service_environment(supervisor.Ports(rasa=7000, actions=7001, web=7002),
                                         base={"LOTSE_VAR_DIR": str(tmp_path), "LOTSE_RASA_TOKEN": "t",
                                               "LOTSE_INTERNAL_SECRET": "s3cret-internal",
                                               "LOTSE_REDIS_URL": "redis://127.0.0.1:6379/0",
                                               "LOTSE_RASA_WORKERS": "2"})
    assert env["SANIC_WORKERS"] == "2"
    assert env["LOTSE_ENDPOINTS_FILE"] == str(tmp_path / "endpoints.yml")
    rasa = next(s for s in supervisor.services(tmp_path / "model.tar.gz", env=env) if s.name == "rasa")
    assert rasa.command[rasa.command.index("--endpoints") + 1] == str(tmp_path / "endpoints.yml")
    read = read_with_rasa(tmp_path / "endpoints.yml")
    assert read.action.url == "http://127.0.0.1:7001/webhook"
    assert read.tracker_store.kwargs["db"] == str(tmp_path / "tracker.sqlite3")
    # Rasa sends the internal secret to the action server and /nlg (Rasa's own endpoint headers)
    assert read.action.headers == {"X-Lotse-Internal": "s3cret-internal"}
    assert read.nlg.headers == {"X-Lotse-Internal": "s3cret-internal"}
    assert (tmp_path / "endpoints.yml").stat().st_mode & 0o077 == 0 and tmp_path.stat().st_mode & 0o077 == 0


def test_without_the_internal_secret_nothing_starts(tmp_path):
    with pytest.raises(endpoints.ConfigurationError, match="LOTSE_INTERNAL_SECRET"):
        supervisor.service_environment(base={**BASE, "LOTSE_VAR_DIR": str(tmp_path), "LOTSE_INTERNAL_SECRET": ""})


@pytest.mark.parametrize("variable, value", [("LOTSE_TRACKER_URL", "mysql://a@b/c"),
                                             ("LOTSE_REDIS_URL", "memcached://b"),
                                             ("LOTSE_REDIS_URL", "redis://b/cache"),
                                             ("LOTSE_RASA_WORKERS", "many")])
def test_unsupported_settings_say_what_to_use(tmp_path, variable, value):
    with pytest.raises(endpoints.ConfigurationError, match=variable):
        supervisor.service_environment(base={**BASE, "LOTSE_VAR_DIR": str(tmp_path), variable: value})


def test_an_unset_template_variable_is_named(tmp_path):
    template = tmp_path / "template.yml"
    template.write_text("nlg:\n  url: 'http://127.0.0.1:${LOTSE_NLG_PORT}/nlg'\n")
    with pytest.raises(endpoints.ConfigurationError, match="LOTSE_NLG_PORT"):
        endpoints.effective(BASE, template)
    # quoted or not, the value is substituted (Rasa's own substitution skips quoted values)
    assert endpoints.effective({**BASE, "LOTSE_NLG_PORT": "1"}, template)["nlg"]["url"] == "http://127.0.0.1:1/nlg"


def test_start_up_line_names_the_stores_without_passwords():
    line = endpoints.describe({**BASE, "LOTSE_TRACKER_URL": POSTGRES, "LOTSE_REDIS_URL": "redis://:pw@r:6379/1",
                               "LOTSE_RASA_WORKERS": "2"})
    assert line == "Conversations: PostgreSQL db.internal:5433/rasa; locks: Redis r:6379/1; Rasa workers: 2"


def test_action_server_and_nlg_on_other_hosts(tmp_path):
    env = {**BASE, "LOTSE_ACTIONS_URL": "http://actions.internal:5055/webhook",
           "LOTSE_NLG_URL": "http://web.internal:8000/nlg"}
    read = read_with_rasa(endpoints.write(env, tmp_path / "endpoints.yml"))
    assert read.action.url == "http://actions.internal:5055/webhook"
    assert read.nlg.url == "http://web.internal:8000/nlg"


def test_one_host_can_run_some_of_the_services():
    assert supervisor.selected({"LOTSE_SERVICES": "rasa"}) == ["rasa"]
    with pytest.raises(endpoints.ConfigurationError, match="LOTSE_SERVICES"):
        supervisor.selected({"LOTSE_SERVICES": "rasa,nginx"})

"""Two Rasa workers sharing PostgreSQL (tracker store) and Redis (lock store) serve one bot.

A second, separate stack: Rasa with ``LOTSE_RASA_WORKERS=2``, the action server and the web
process (two gunicorn workers), started like `lotse run` does. Conversations live in a fresh
PostgreSQL database (``LOTSE_TRACKER_URL``), the bot's own data in another (``LOTSE_DATABASE_URL``),
Rasa's locks in Redis (``LOTSE_REDIS_URL``). Needs LOTSE_TEST_POSTGRES_URL and LOTSE_TEST_REDIS_URL
(``.ci/run`` starts both); without them it skips locally and fails on CI.

Eight web chat clients, two per language, talk at the same time (four messages each, through the
directory actions); then a ninth sends four messages at once in one conversation, which only the
shared lock keeps in order across workers. Asserted: every message is answered in the client's language;
in PostgreSQL every conversation has exactly its user messages, in the order sent, and each turn's
events come before the next user message (nothing lost, nothing interleaved); both Rasa workers
did work. Which worker answered which request is not observable from outside (Rasa logs no worker
id per request), so "both served" is measured as the CPU time each worker process (a child of the
Rasa process, found in /proc) spent while the clients talked.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.integration.stack import Client, Stack, opening_of, plain, text_of
from tests.integration.test_directory_chat import COURSE_REQUESTS, ESSLINGEN_JOBCENTER, OFFICE_REQUESTS

pytestmark = pytest.mark.slow

#: CPU seconds a worker must have spent on the clients' messages to count as having served some.
SERVED_CPU_SECONDS = 0.2
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def required_url(name: str) -> str:
    """A service URL from the environment, or skip (fail on CI, where .ci/run sets it)."""
    url = os.environ.get(name)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not set; .ci/run starts PostgreSQL and Redis and sets it")
        pytest.skip(f"set LOTSE_TEST_POSTGRES_URL and LOTSE_TEST_REDIS_URL to run two Rasa workers on them ({name})")
    return url


class Databases:
    """Fresh PostgreSQL databases on the test server, dropped at the end."""

    def __init__(self, admin_url: str):
        import psycopg2

        self.admin_url = admin_url
        self.admin = psycopg2.connect(admin_url)
        self.admin.autocommit = True
        self.names: list = []

    def create(self, purpose: str) -> str:
        name = f"lotse_{purpose}_{uuid.uuid4().hex[:8]}"
        self.admin.cursor().execute(f'CREATE DATABASE "{name}"')
        self.names.append(name)
        return self.admin_url.rsplit("/", 1)[0] + "/" + name

    def drop_all(self) -> None:
        for name in self.names:
            self.admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.close()


@pytest.fixture(scope="module")
def scaled(trained_model, tmp_path_factory):
    """Rasa (two workers), actions and web on PostgreSQL and Redis; yields (stack, tracker database URL)."""
    postgres = required_url("LOTSE_TEST_POSTGRES_URL")
    redis = required_url("LOTSE_TEST_REDIS_URL")
    from bot.runtime import tracker

    databases = Databases(postgres)
    tracker_url = databases.create("tracker")
    stack = Stack(trained_model, tmp_path_factory.mktemp("scaled"), extra_env={
        "LOTSE_TRACKER_URL": tracker_url, "LOTSE_DATABASE_URL": databases.create("data"),
        "LOTSE_REDIS_URL": redis, "LOTSE_RASA_WORKERS": "2",
        # A chat request holds a web thread while Rasa asks the web process's /nlg: 4 × 8 threads
        # serve eight clients and their NLG calls with room (fewer starve, see docs/deployment.md);
        # two full stacks share CI's two cores, so a turn may take longer than the default 30 s.
        "LOTSE_WEB_WORKERS": "4", "LOTSE_WEB_THREADS": "8", "LOTSE_RASA_TIMEOUT": "90"})
    try:
        stack.prepare_database()
        tracker.create_tables(stack.env)  # as `lotse run` does before the workers start
        stack.start_all()
        wait_for_workers(stack, 2)
        yield stack, tracker_url
    finally:
        stack.stop_all()
        databases.drop_all()


def wait_for_workers(stack: Stack, count: int, timeout: float = 240) -> None:
    """Wait until ``count`` Rasa workers have loaded the model.

    A worker logs nothing when it is ready (its "up and running" line does not reach the log after
    Sanic forked it), so readiness is read from /proc: the workers exist, each has spent CPU time
    on loading, and none spends more for a while.
    """
    deadline = time.monotonic() + timeout
    last: dict = {}
    while time.monotonic() < deadline:
        pids = worker_pids(stack)
        now = {pid: cpu_seconds(pid) for pid in pids}
        loaded = len(pids) == count and all(seconds > 3 for seconds in now.values())
        if loaded and now.keys() == last.keys() and all(now[pid] - last[pid] < 0.1 for pid in pids):
            return
        last = now
        time.sleep(2)
    pytest.fail(f"{count} Rasa workers did not come up; see {stack.logs / 'rasa.log'}")


def worker_pids(stack: Stack) -> list:
    """The Rasa worker processes: the children of the Rasa process (Sanic forks one per worker)."""
    pid = stack.processes["rasa"].pid
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def resident_mb(pid: int) -> float:
    """Resident memory of a process in MB (pages shared with the parent Rasa process included)."""
    line = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


def press_payload(client: Client, fragment: str) -> str:
    """The payload of the last answer's button whose payload contains ``fragment`` (titles differ per language)."""
    payload = next(b["payload"] for b in client.buttons() if fragment in b["payload"])
    return payload


def course_and_office(stack: Stack, code: str) -> list:
    """One client's conversation: a course search in three steps, then an office. Returns what was sent."""
    client = Client(stack.web)
    sent = [COURSE_REQUESTS[code]]
    assert opening_of(code, "utter_ask_course_level") in client.reply(sent[-1])
    sent.append(press_payload(client, '"unknown"'))
    assert opening_of(code, "utter_ask_course_need") in client.reply(sent[-1])
    sent.append(press_payload(client, '"none"'))
    assert opening_of(code, "utter_courses_found") in client.reply(sent[-1])
    sent.append(OFFICE_REQUESTS[code])
    assert ESSLINGEN_JOBCENTER in client.reply(sent[-1])
    return sent


def burst(stack: Stack) -> list:
    """One conversation, then four messages sent at once in it; the lock store serializes them."""
    client = Client(stack.web)
    first = "Привіт! Мені потрібна допомога з документами"
    client.reply(first)
    start = threading.Barrier(4)

    def say_ok(_: int) -> str:
        start.wait()
        response = client.say("ok")
        assert response.status_code == 200, response.text
        return plain("\n\n".join(m["text"] for m in response.json()["messages"]))

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(say_ok, range(4)))
    assert answers == [plain(text_of("uk", "utter_affirm"))] * 4
    return [first] + ["ok"] * 4


def stored_conversations(tracker_url: str) -> dict:
    """Per conversation, its events in stored order: (type, user text or action name)."""
    import psycopg2

    connection = psycopg2.connect(tracker_url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sender_id, type_name, action_name, data FROM events ORDER BY id")
        rows = cursor.fetchall()
    connection.close()
    conversations: dict = {}
    for sender, type_name, action_name, data in rows:
        value = json.loads(data).get("text") if type_name == "user" else action_name
        conversations.setdefault(sender, []).append((type_name, value))
    return conversations


def test_two_workers_serve_concurrent_conversations_without_losing_or_mixing_events(scaled):
    stack, tracker_url = scaled
    workers = worker_pids(stack)
    assert len(workers) == 2, f"Rasa runs {len(workers)} worker processes, expected 2"
    before = {pid: cpu_seconds(pid) for pid in workers}
    started = time.monotonic()

    languages = list(COURSE_REQUESTS) * 2  # eight clients, two per language
    with ThreadPoolExecutor(len(languages)) as pool:
        talks = [pool.submit(course_and_office, stack, code) for code in languages]
        sent = [talk.result() for talk in talks]  # re-raises a client's failed assertion
    sent.append(burst(stack))
    elapsed = time.monotonic() - started
    spent = {pid: cpu_seconds(pid) - before[pid] for pid in workers}

    stored = stored_conversations(tracker_url)
    assert len(stored) == len(sent)
    user_texts = Counter(tuple(text for kind, text in events if kind == "user") for events in stored.values())
    assert user_texts == Counter(tuple(messages) for messages in sent)  # none lost, none doubled, in order
    for events in stored.values():
        kinds = [kind for kind, _ in events]
        turns = [i for i, kind in enumerate(kinds) if kind == "user"]
        for this, following in zip(turns, turns[1:]):
            turn = events[this + 1:following]
            assert ("action", "action_listen") == turn[-1], f"a turn was interleaved with the next one: {kinds}"
            assert any(kind == "bot" for kind, _ in turn), f"a message was not answered: {kinds}"
    assert all(seconds >= SERVED_CPU_SECONDS for seconds in spent.values()), (
        f"both Rasa workers should have served messages; CPU seconds per worker: {spent}")
    print(f"\n{sum(map(len, sent))} messages in {elapsed:.1f} s; per Rasa worker: "
          + ", ".join(f"{seconds:.1f} CPU s, {resident_mb(pid):.0f} MB resident" for pid, seconds in spent.items()))

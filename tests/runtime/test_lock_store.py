"""The Redis lock store under concurrency: two Rasa processes never hold the same conversation at once."""

import os
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier
from urllib.parse import urlsplit

import pytest

from bot.runtime.lock_store import AtomicRedisLockStore


def redis_store() -> AtomicRedisLockStore:
    """A store on the test Redis (a new client each call, as each Rasa worker has its own)."""
    url = os.environ.get("LOTSE_TEST_REDIS_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("LOTSE_TEST_REDIS_URL is not set; .ci/run starts a Redis server")
        pytest.skip("set LOTSE_TEST_REDIS_URL to test the lock store on Redis")
    parts = urlsplit(url)
    return AtomicRedisLockStore(host=parts.hostname, port=parts.port or 6379, db=int(parts.path.lstrip("/") or 0))


def test_tickets_issued_at_the_same_moment_by_several_workers_are_all_different():
    stores = [redis_store() for _ in range(8)]
    conversation = f"test-{os.getpid()}-{id(stores)}"
    start = Barrier(len(stores))

    def issue(store: AtomicRedisLockStore) -> int:
        start.wait()
        return store.issue_ticket(conversation)

    try:
        with ThreadPoolExecutor(len(stores)) as pool:
            tickets = list(pool.map(issue, stores))
        assert sorted(tickets) == list(range(len(stores)))
        lock = stores[0].get_lock(conversation)
        assert sorted(ticket.number for ticket in lock.tickets) == list(range(len(stores)))
        for ticket in sorted(tickets):  # served in order, the queue is gone afterwards
            stores[0].cleanup(conversation, ticket)
        assert stores[0].get_lock(conversation) is None
    finally:
        stores[0].delete_lock(conversation)

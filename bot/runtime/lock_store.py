"""Rasa's Redis lock store, made safe for several Rasa processes.

Rasa Open Source's :class:`~rasa.core.lock_store.RedisLockStore` keeps a conversation's ticket queue
as one Redis value and changes it by read, modify, write. Two workers that receive messages of the
same conversation at the same moment can both read the empty queue and both get ticket 0. Then both
process at once, and the second save of the conversation drops the first one's events. The scale-out
test lost two of four concurrent "ok" messages this way. (Rasa's fix for this is only in Rasa Pro.)

:class:`AtomicRedisLockStore` does every read-modify-write of a queue under a short Redis mutex of
that conversation (redis-py's lock: ``SET NX PX`` with a token, released by a script). The queue
itself, the tickets and their waiting stay Rasa's.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator, Optional, Text

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

#: How long one change of a ticket queue may hold the mutex, and how long another waits for it (seconds).
MUTEX_SECONDS = 10


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store whose ticket queue changes are atomic across processes."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        """From the endpoints file (``type: bot.runtime.lock_store.AtomicRedisLockStore`` with Rasa's keys
        for a Redis lock store), or with :class:`RedisLockStore`'s keyword arguments."""
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs}
        super().__init__(**kwargs)

    @contextmanager
    def _mutex(self, conversation_id: Text) -> Iterator[None]:
        with self.red.lock(f"{self.key_prefix}{conversation_id}:mutex", timeout=MUTEX_SECONDS,
                           blocking_timeout=MUTEX_SECONDS):
            yield

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """A new ticket in the conversation's queue (see Rasa's docstring), issued under the mutex."""
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: Text) -> None:
        """Drop expired tickets from the queue, under the mutex."""
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        """Remove a served ticket, and the queue when no one waits, under the mutex."""
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)

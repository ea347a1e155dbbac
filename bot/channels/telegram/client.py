"""A synchronous face of python-telegram-bot's ``Bot`` for the Django process and the poll loop.

The channel code is synchronous (Django's ORM); each :class:`TelegramClient` owns a private event
loop and runs PTB's coroutines on it. Calls that Telegram rate-limits (429, ``retry_after``) or
that fail on its side (5xx, network) are retried with backoff by :meth:`TelegramClient.call`.
The token never appears in logs: httpx's request log is turned down to warnings.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta
from typing import Any, Awaitable, Callable, Optional, TypeVar

from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.request import HTTPXRequest

from bot.channels.config import TelegramConfig
from bot.channels.errors import PermanentSendError, TransientSendError

logger = logging.getLogger(__name__)
logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry the URL, with the bot token

T = TypeVar("T")
#: Attempts of one call before the outbox takes over.
ATTEMPTS = 4
#: First backoff after a 5xx or network error, doubled each time (seconds).
BACKOFF = 0.5
#: Longest retry_after waited in place; longer waits go back to the outbox.
MAX_WAIT = 10.0
#: Seconds between two sends (Telegram allows about 30 messages per second over all chats).
MIN_INTERVAL = 1 / 30


def pause(seconds: float) -> None:
    """Wait between retries (a function of its own, so tests can skip the waiting)."""
    time.sleep(seconds)


def seconds(value: Any) -> float:
    """``retry_after`` as seconds (PTB 22 gives an int or a timedelta).

    >>> seconds(3), seconds(timedelta(seconds=2))
    (3.0, 2.0)
    """
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TelegramClient:
    """PTB's Bot with a private event loop, retries and a simple global rate limit."""

    def __init__(self, config: TelegramConfig, sleep: Optional[Callable[[float], None]] = None,
                 poll_timeout: int = 30) -> None:
        self._requests = (HTTPXRequest(read_timeout=poll_timeout + 10, connect_timeout=10),
                          HTTPXRequest(connection_pool_size=4, read_timeout=15, connect_timeout=10))
        self.bot = Bot(config.token, base_url=config.api_url, get_updates_request=self._requests[0],
                       request=self._requests[1])
        self._loop = asyncio.new_event_loop()
        self._sleep = sleep or pause
        self._last_send = 0.0

    def run(self, coroutine: Awaitable[T]) -> T:
        """Run one of the bot's coroutines to completion."""
        return self._loop.run_until_complete(coroutine)

    def call(self, method: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        """Call a Bot method, retrying 429 (after ``retry_after``) and 5xx/network errors (backoff).

        Raises :class:`TransientSendError` when it keeps failing and :class:`PermanentSendError`
        when Telegram refuses the request (bad request, bot blocked).
        """
        delay = BACKOFF
        for attempt in range(1, ATTEMPTS + 1):
            self._throttle()
            try:
                return self.run(method(*args, **kwargs))
            except RetryAfter as error:
                wait = seconds(error.retry_after)
                if wait > MAX_WAIT or attempt == ATTEMPTS:
                    raise TransientSendError("RetryAfter", retry_after=wait) from error
                logger.warning("telegram rate limit: waiting %.1f s", wait)
                self._sleep(wait)
            except (BadRequest, Forbidden, ChatMigrated, InvalidToken) as error:
                raise PermanentSendError(type(error).__name__) from error
            except NetworkError as error:  # 5xx, timeouts, connection refused
                if attempt == ATTEMPTS:
                    raise TransientSendError(type(error).__name__) from error
                logger.warning("telegram unavailable (%s): retry in %.1f s", type(error).__name__, delay)
                self._sleep(delay)
                delay *= 2
            except TelegramError as error:
                raise PermanentSendError(type(error).__name__) from error
        raise TransientSendError("attempts exhausted")  # not reached

    def _throttle(self) -> None:
        wait = self._last_send + MIN_INTERVAL - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_send = time.monotonic()

    def close(self) -> None:
        """Close the HTTP connections and the event loop."""
        try:
            for request in self._requests:
                self.run(request.shutdown())
        finally:
            self._loop.close()

    def __enter__(self) -> "TelegramClient":
        return self

    def __exit__(self, *exc: Optional[BaseException]) -> None:
        self.close()

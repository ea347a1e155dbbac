"""Rate limits of the web chat: messages per minute from one browser session and from one client address.

The limits are :data:`bot.settings.CHAT_MESSAGES_PER_SESSION` and ``CHAT_MESSAGES_PER_ADDRESS``
(0 switches one off). Counters live in Django's cache (a file cache in ``var/``, shared by the web
workers of one machine; several web hosts count apart) in fixed one-minute windows, under SHA-256
digests of the session id and the address, so neither is stored as it is. The file cache
counts without a lock: under heavy concurrency a few messages may go uncounted, never too many.

The client's address is ``REMOTE_ADDR``; behind a trusted reverse proxy (``LOTSE_TRUSTED_PROXIES``,
default: a proxy on this host) it is the last address the proxies appended to ``X-Forwarded-For``.
A request from a trusted proxy that forwards no address (a tool on this host) counts per session only.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any, FrozenSet, List, Mapping, Optional, Tuple

from django.core.cache import cache

from bot import settings

#: Length of one counting window, in seconds.
WINDOW = 60


def client_address(meta: Mapping[str, Any], trusted: Optional[FrozenSet[str]] = None) -> Optional[str]:
    """The client's address from a request's ``META``; None when a trusted proxy forwarded none.

    >>> client_address({"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "10.0.0.1"})
    '203.0.113.7'
    >>> client_address({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.7"})
    '203.0.113.7'
    >>> client_address({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7, 127.0.0.1"})
    '203.0.113.7'
    >>> client_address({"REMOTE_ADDR": "::1"}) is None
    True
    """
    trusted = settings.TRUSTED_PROXIES if trusted is None else trusted
    remote = str(meta.get("REMOTE_ADDR") or "").strip()
    if remote not in trusted:
        return remote or None
    forwarded = [part.strip() for part in str(meta.get("HTTP_X_FORWARDED_FOR") or "").split(",") if part.strip()]
    while forwarded and forwarded[-1] in trusted:  # a chain of trusted proxies
        forwarded.pop()
    return forwarded[-1][:100] if forwarded else None


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:32]


def _count(key: str) -> int:
    """Add one to a window's counter; its new value."""
    if cache.add(key, 1, 2 * WINDOW):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, 2 * WINDOW)
        return 1


def counters(session: str, address: Optional[str]) -> List[Tuple[str, int]]:
    """The counters a message from ``session`` and ``address`` adds to, each with its limit per window."""
    wanted = [(f"chat-rate:session:{_digest(session)}", settings.CHAT_MESSAGES_PER_SESSION)]
    if address:
        wanted.append((f"chat-rate:address:{_digest(address)}", settings.CHAT_MESSAGES_PER_ADDRESS))
    return [(name, limit) for name, limit in wanted if limit > 0]


def wait_seconds(session: str, address: Optional[str], now: Optional[float] = None) -> int:
    """Count one message; the seconds until the next window when the session or the address is over
    its limit, else 0."""
    now = time.time() if now is None else now
    window = int(now // WINDOW)
    over = [name for name, limit in counters(session, address) if _count(f"{name}:{window}") > limit]
    return WINDOW - int(now % WINDOW) if over else 0

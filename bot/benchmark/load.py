"""The load driver: concurrent conversations over Rasa's REST channel, and their statistics.

Runs as its own process on loopback (``python -m bot.benchmark.load``), so the load does not share
an interpreter with anything it measures. At each concurrency level, that many simulated clients
each hold one conversation at a time (a fresh sender id per conversation), send a message, wait for
the answer, then send the next; a level ends after ``duration`` seconds or ``max_messages``
messages, whichever comes first. Prints one JSON object per level.

>>> summarize(2, [0.1, 0.2, 0.3, 0.4], errors=1, elapsed=2.0, conversations=2).throughput
2.0
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import os
import sys
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator, List, Optional, Sequence

from bot.benchmark.conversations import Conversation, lotse_conversations, stock_conversations
from bot.runtime import internal

#: Rasa's REST channel, relative to the server's URL.
WEBHOOK_PATH = "/webhooks/rest/webhook"
#: Seconds one request may take before it counts as an error.
REQUEST_TIMEOUT = 60.0
#: Conversations prepared per run (clients take them in turn; sender ids are fresh each time).
CONVERSATION_POOL = 400


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile of ``values`` with linear interpolation (NaN when empty).

    >>> percentile([10, 20, 30, 40], 0.5)
    25.0
    >>> percentile([5, 1, 3], 0.95)
    4.8
    >>> percentile([7], 0.95)
    7.0
    >>> math.isnan(percentile([], 0.5))
    True
    """
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    lower, upper = math.floor(position), math.ceil(position)
    return float(ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower))


@dataclass
class LevelResult:
    """What one concurrency level measured (latencies in milliseconds)."""

    concurrency: int
    messages: int
    errors: int
    empty: int
    conversations: int
    elapsed_s: float
    throughput: float
    p50_ms: float
    p95_ms: float
    max_ms: float


def summarize(concurrency: int, latencies: Sequence[float], errors: int, elapsed: float,
              conversations: int, empty: int = 0) -> LevelResult:
    """A level's result from the answered messages' latencies (seconds); throughput counts answered messages.

    ``errors`` are messages without an answer (HTTP error, timeout); ``empty`` are answers without
    any bot message (Rasa answers 200 with nothing when the action server or NLG fails).

    >>> result = summarize(10, [0.1, 0.3], errors=0, elapsed=0.5, conversations=1)
    >>> result.throughput, result.p50_ms, result.max_ms
    (4.0, 200.0, 300.0)
    """
    milliseconds = [latency * 1000 for latency in latencies]
    return LevelResult(concurrency=concurrency, messages=len(latencies), errors=errors, empty=empty,
                       conversations=conversations,
                       elapsed_s=round(elapsed, 3),
                       throughput=round(len(latencies) / elapsed, 3) if elapsed > 0 else 0.0,
                       p50_ms=round(percentile(milliseconds, 0.5), 1), p95_ms=round(percentile(milliseconds, 0.95), 1),
                       max_ms=round(max(milliseconds), 1) if milliseconds else math.nan)


def first_button(reply: Any) -> Optional[str]:
    """The payload of the first button in a REST channel answer, if any.

    >>> first_button([{"text": "Level?", "buttons": [{"title": "A2", "payload": "/inform"}]}])
    '/inform'
    >>> first_button([{"text": "Hello"}]) is None
    True
    """
    for message in reply if isinstance(reply, list) else []:
        for button in message.get("buttons") or []:
            if button.get("payload"):
                return str(button["payload"])
    return None


@dataclass
class _Level:
    """Shared state of the clients of one level: the budget and what they measured."""

    deadline: float
    max_messages: int
    conversations: Iterator[Conversation]
    sent: int = 0
    finished_conversations: int = 0
    errors: int = 0
    empty: int = 0
    latencies: List[float] = field(default_factory=list)

    def may_send(self) -> bool:
        """Whether the level's time and message budget allow another message (and reserve it)."""
        if time.monotonic() >= self.deadline or self.sent >= self.max_messages:
            return False
        self.sent += 1
        return True


async def _send(session: Any, url: str, sender: str, text: str, level: _Level) -> Optional[Any]:
    """One message; its latency, or an error, goes into ``level``. Returns the answer (None on error)."""
    import aiohttp

    started = time.monotonic()
    try:
        async with session.post(url, json={"sender": sender, "message": text},
                                headers={internal.HEADER: os.environ.get(internal.VARIABLE, "")}) as response:
            body = await response.json(content_type=None)
            if response.status != 200:
                level.errors += 1
                return None
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        level.errors += 1
        return None
    level.latencies.append(time.monotonic() - started)
    level.empty += not body
    return body


async def _client(session: Any, url: str, level: _Level) -> None:
    """One simulated client: conversation after conversation until the budget is spent."""
    while True:
        conversation, sender = next(level.conversations), f"bench-{uuid.uuid4().hex}"
        reply = None
        for text in conversation.messages:
            if not level.may_send():
                return
            reply = await _send(session, url, sender, text, level)
        for _ in range(conversation.follow_buttons):
            payload = first_button(reply)
            if payload is None:
                break
            if not level.may_send():
                return
            reply = await _send(session, url, sender, payload, level)
        level.finished_conversations += 1


async def run_level(base_url: str, conversations: Sequence[Conversation], concurrency: int, duration: float,
                    max_messages: int) -> LevelResult:
    """``concurrency`` clients against ``base_url`` until ``duration`` seconds or ``max_messages`` are used up."""
    import aiohttp

    level = _Level(time.monotonic() + duration, max_messages, itertools.cycle(conversations))
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=concurrency)
    started = time.monotonic()
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        await asyncio.gather(*(_client(session, base_url + WEBHOOK_PATH, level) for _ in range(concurrency)))
    return summarize(concurrency, level.latencies, level.errors, time.monotonic() - started,
                     level.finished_conversations, level.empty)


def build_conversations(kind: str, nlu: Path, languages: Sequence[str], seed: int) -> List[Conversation]:
    """The pool of conversations for ``kind`` ``lotse`` (``nlu`` is the nlu/ folder) or ``stock`` (its nlu.yml)."""
    if kind == "lotse":
        return lotse_conversations(nlu, languages, CONVERSATION_POOL, seed)
    return stock_conversations(nlu, CONVERSATION_POOL, seed)


def parser() -> argparse.ArgumentParser:
    """Arguments of the driver process."""
    arguments = argparse.ArgumentParser(prog="python -m bot.benchmark.load", description=__doc__.split("\n")[0])
    arguments.add_argument("--url", required=True, help="the Rasa server, e.g. http://127.0.0.1:5005")
    arguments.add_argument("--kind", choices=["lotse", "stock"], required=True)
    arguments.add_argument("--nlu", required=True, type=Path, help="Lotse's nlu/ folder or the stock bot's nlu.yml")
    arguments.add_argument("--languages", default="de,en,ar,uk,ru,ti,fa,tr")
    arguments.add_argument("--levels", default="1,10,50")
    arguments.add_argument("--duration", type=float, default=30.0, help="seconds per level")
    arguments.add_argument("--messages", type=int, default=5000, help="at most this many messages per level")
    arguments.add_argument("--seed", type=int, default=42)
    return arguments


def main(argv: Optional[List[str]] = None) -> int:
    """Run the levels one after another; one JSON line per level on stdout."""
    args = parser().parse_args(argv)
    conversations = build_conversations(args.kind, args.nlu, args.languages.split(","), args.seed)
    for concurrency in (int(level) for level in args.levels.split(",")):
        result = asyncio.run(run_level(args.url, conversations, concurrency, args.duration, args.messages))
        print(json.dumps(asdict(result)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

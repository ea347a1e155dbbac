"""Handover tests: on the directory tests' databases (SQLite, and PostgreSQL when configured).

The database fixtures are those of ``tests/directory/conftest.py`` (imported, not copied). Here:
loopback stand-ins for Rasa's HTTP API and an SMTP server (Telegram's is the channel tests'), inbox users and
ticket helpers.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import ThreadingMixIn
from typing import Any, Dict, Iterator, List, Optional
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from tests import clock
from tests.channels.conftest import fake_telegram, no_waiting  # noqa: F401 - Telegram's Bot API on loopback
from tests.directory.conftest import committed_db, db, directory_db  # noqa: F401 - the shared database fixtures

#: When the transcripts below were written: an hour ago.
_WRITTEN = clock.now() - timedelta(hours=1)


def _at(seconds):
    return (_WRITTEN + timedelta(seconds=seconds)).isoformat(timespec="seconds")


ARABIC_TRANSCRIPT = [
    {"sender": "client", "text": "أبحث عن دورة لغة ألمانية في توبنغن", "time": _at(0)},
    {"sender": "bot", "text": "ما هو مستواكم في اللغة الألمانية حاليًا؟", "time": _at(2)},
    {"sender": "client", "text": "أريد التحدث مع شخص", "time": _at(70)},
]
TIGRINYA_TRANSCRIPT = [
    {"sender": "client", "text": "ሰላም፡ ምስ ሰብ ክዛረብ እደሊ።", "time": _at(420)},
]


class FakeRasa(ThreadingHTTPServer):
    """Rasa's HTTP API on loopback, as far as the handover uses it: tracker events, append and read.

    ``fail`` makes every request answer HTTP 503. ``requests`` records (method, path, query, body).
    Appended events get a timestamp when they have none (as Rasa does); ``pause`` and ``resume``
    set the tracker's ``paused``, and a paused conversation's REST channel answers ``[]``.
    """

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _RasaHandler)
        self.fail = False
        self.requests: List[Dict[str, Any]] = []
        self.events: Dict[str, List[Dict[str, Any]]] = {}

    @property
    def url(self) -> str:
        """The base URL, as LOTSE_RASA_URL."""
        return f"http://127.0.0.1:{self.server_address[1]}"


class _RasaHandler(BaseHTTPRequestHandler):
    server: FakeRasa

    def log_message(self, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _route(self, method: str) -> None:
        from urllib.parse import parse_qs, unquote, urlsplit

        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"null") if length else None
        self.server.requests.append({"method": method, "path": parts.path, "query": parse_qs(parts.query),
                                     "body": body})
        if self.server.fail:
            self._answer(503, {"status": "failure"})
            return
        segments = parts.path.strip("/").split("/")
        if method == "POST" and parts.path == "/webhooks/rest/webhook":  # the REST channel: an echo bot
            events = self.server.events.setdefault(body["sender"], [])
            events.append({"event": "user", "text": body["message"], "timestamp": time.time()})
            if paused(events):
                self._answer(200, [])
                return
            self._answer(200, [{"recipient_id": body["sender"], "text": f"Echo: {body['message']}"}])
            return
        if len(segments) >= 3 and segments[0] == "conversations" and segments[2] == "tracker":
            conversation = unquote(segments[1])
            events = self.server.events.setdefault(conversation, [])
            if method == "POST" and segments[3:] == ["events"]:
                events.append({"timestamp": time.time(), **body})
                self._answer(200, {"sender_id": conversation, "events": events, "paused": paused(events)})
                return
            if method == "GET" and len(segments) == 3:
                self._answer(200, {"sender_id": conversation, "events": events, "paused": paused(events)})
                return
        self._answer(404, {"status": "failure", "reason": "NotFound"})

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._route("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._route("POST")


def paused(events: List[Dict[str, Any]]) -> bool:
    """Whether the last pause or resume event is a pause (Rasa's ``tracker.is_paused()``)."""
    marks = [e["event"] for e in events if e.get("event") in ("pause", "resume")]
    return bool(marks) and marks[-1] == "pause"


@pytest.fixture()
def fake_rasa(monkeypatch) -> Iterator[FakeRasa]:
    """A stand-in for Rasa's HTTP API on a free loopback port; LOTSE_RASA_URL and the token point at it."""
    from bot import settings

    server = FakeRasa()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setattr(settings, "RASA_URL", server.url)
    monkeypatch.setenv("LOTSE_RASA_TOKEN", "test-token")
    yield server
    server.shutdown()
    server.server_close()


def manager_named(name: str):  # type: ignore[no-untyped-def]
    """The sample directory's integration manager of this name."""
    from bot.directory.models import IntegrationManager

    return IntegrationManager.objects.get(name=name)


def inbox_login(username: str, manager_name: Optional[str] = None, district: Optional[str] = None,
                password: str = "geheim-123"):  # type: ignore[no-untyped-def]
    """A user with an inbox: as the named manager, or as coordinator of ``district``."""
    from django.contrib.auth.models import User

    from bot.directory.models import District
    from bot.handover.models import InboxUser

    user = User.objects.create_user(username, password=password, email=f"{username}@example.org")
    manager = manager_named(manager_name) if manager_name else None
    InboxUser.objects.create(user=user, manager=manager,
                             district=manager.district if manager else District.objects.get(name=district))
    return user


def http_client(user):  # type: ignore[no-untyped-def]
    """A django.test.Client logged in as ``user`` (real requests through the URLconf and middleware)."""
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    return client


def open_ticket(client_ref: str = "web-client-1", municipality: Optional[str] = "Tübingen", language: str = "ar",
                intent: str = "request_handover", transcript: Optional[List[Dict[str, Any]]] = None,
                urgency: str = "normal", **kwargs: Any):  # type: ignore[no-untyped-def]
    """Open a ticket through the API the actions call; returns the Ticket row."""
    from bot.handover import tickets
    from bot.handover.models import Ticket

    info = tickets.open_ticket(client_ref, kwargs.pop("channel", "web"), language, municipality, intent,
                               kwargs.pop("entities", {}), urgency, kwargs.pop("asked", [intent]),
                               kwargs.pop("answered", []), transcript, **kwargs)
    return Ticket.objects.get(pk=info.id)


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
        pass


@pytest.fixture()
def web_server(committed_db) -> Iterator[str]:  # noqa: F811 - the fixture imported above
    """The web process's Django application on a free loopback port (same database as the test)."""
    from django.core.wsgi import get_wsgi_application

    server = make_server("127.0.0.1", 0, get_wsgi_application(), server_class=_ThreadingWSGIServer,
                         handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()

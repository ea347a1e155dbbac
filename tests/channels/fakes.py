"""Loopback stand-ins for Telegram's Bot API, WhatsApp's Graph API and Rasa's HTTP API.

They answer with the request and response shapes of the official documentation and record every
request. Failures are scripted: ``script`` holds (HTTP status, body) answers consumed one per
matching request, ``down`` answers every request with HTTP 502.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Set, Tuple
from urllib.parse import parse_qs, unquote, urlsplit

Answer = Tuple[int, Any]


class FakeServer(ThreadingHTTPServer):
    """A threaded loopback HTTP server that records requests; subclasses route them."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.requests: List[Dict[str, Any]] = []
        self.script: List[Tuple[str, Answer]] = []
        self.down = False
        self.lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def fail_next(self, name: str, status: int, body: Any, times: int = 1) -> None:
        """Answer the next ``times`` requests whose route name is ``name`` with ``status`` and ``body``."""
        with self.lock:
            self.script.extend([(name, (status, body))] * times)

    def scripted(self, name: str) -> Optional[Answer]:
        """The next scripted answer for ``name``, if any."""
        with self.lock:
            for index, (wanted, answer) in enumerate(self.script):
                if wanted == name:
                    del self.script[index]
                    return answer
        return None

    def calls(self, name: str) -> List[Dict[str, Any]]:
        """The recorded requests of one route name (e.g. ``sendMessage``)."""
        return [r for r in self.requests if r["name"] == name]

    def route(self, method: str, path: str, query: Dict[str, List[str]], body: Any,
              headers: Dict[str, str]) -> Tuple[str, Answer]:  # pragma: no cover - overridden
        raise NotImplementedError

    def stop(self) -> None:
        """Stop serving and free the port."""
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: FakeServer

    def log_message(self, *args: Any) -> None:
        pass

    def _handle(self, method: str) -> None:
        parts = urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = _decode(raw, self.headers.get("Content-Type") or "")
        headers = {k.lower(): v for k, v in self.headers.items()}
        name, (status, answer) = self.server.route(method, unquote(parts.path), parse_qs(parts.query), body, headers)
        self.server.requests.append({"name": name, "method": method, "path": parts.path, "body": body,
                                     "headers": headers, "status": status})
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")


def _decode(raw: bytes, content_type: str) -> Any:
    """JSON bodies as JSON; form bodies (PTB's) as a dict whose JSON-looking values are decoded."""
    if not raw:
        return None
    if "json" in content_type:
        return json.loads(raw)
    form = {k: v[0] for k, v in parse_qs(raw.decode(), keep_blank_values=True).items()}
    decoded = {}
    for key, value in form.items():
        try:
            decoded[key] = json.loads(value)
        except ValueError:
            decoded[key] = value
    return decoded


class FakeTelegram(FakeServer):
    """Telegram's Bot API at ``/bot<token>/<method>``: getMe, getUpdates, sendMessage, answerCallbackQuery,
    setMyCommands, setWebhook, deleteWebhook. ``updates`` are served by getUpdates (offset confirms)."""

    TOKEN = "123456:TEST-token"

    def __init__(self, port: int = 0) -> None:
        super().__init__(port)
        self.updates: List[Dict[str, Any]] = []
        self.message_id = 0

    @property
    def api_url(self) -> str:
        """The base URL for TELEGRAM_API_URL (the token is appended)."""
        return f"{self.url}/bot"

    def sent(self) -> List[Dict[str, Any]]:
        """The accepted sendMessage requests' parameters."""
        return [r["body"] for r in self.calls("sendMessage") if r["status"] == 200]

    def route(self, method, path, query, body, headers):  # type: ignore[no-untyped-def]
        prefix = f"/bot{self.TOKEN}/"
        if not path.startswith(prefix):
            return "unknown", (404, {"ok": False, "error_code": 404, "description": "Not Found"})
        name = path[len(prefix):]
        params = body or {}
        if self.down:
            return name, (502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})
        answer = self.scripted(name)
        if answer:
            return name, answer
        if name == "getMe":
            return name, (200, {"ok": True, "result": {"id": 123456, "is_bot": True, "first_name": "Lotse",
                                                        "username": "lotse_test_bot"}})
        if name == "getUpdates":
            offset = int(params.get("offset") or 0)
            with self.lock:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                result = list(self.updates)
            if not result and params.get("timeout"):
                time.sleep(min(float(params["timeout"]), 0.2))
            return name, (200, {"ok": True, "result": result})
        if name == "sendMessage":
            text = params.get("text")
            if not isinstance(text, str) or not text:
                return name, (400, {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"})
            if len(text) > 4096:
                return name, (400, {"ok": False, "error_code": 400, "description": "Bad Request: message is too long"})
            with self.lock:
                self.message_id += 1
                message_id = self.message_id
            return name, (200, {"ok": True, "result": {
                "message_id": message_id, "date": int(time.time()), "text": text,
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "from": {"id": 123456, "is_bot": True, "first_name": "Lotse"}}})
        if name in ("answerCallbackQuery", "setMyCommands", "setWebhook", "deleteWebhook"):
            return name, (200, {"ok": True, "result": True})
        return name, (404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"})


def telegram_rate_limited(retry_after: int) -> Answer:
    """Telegram's 429 answer with ``parameters.retry_after``."""
    return 429, {"ok": False, "error_code": 429, "description": f"Too Many Requests: retry after {retry_after}",
                 "parameters": {"retry_after": retry_after}}


class FakeWhatsApp(FakeServer):
    """The Graph API's ``POST /v21.0/<phone number id>/messages`` with bearer auth.

    Numbers in ``window_closed`` get error 131047 (re-engagement) for anything but a template.
    """

    TOKEN = "EAAG-test-token"
    PHONE_NUMBER_ID = "106540352242922"

    def __init__(self, port: int = 0) -> None:
        super().__init__(port)
        self.window_closed: set = set()
        self.counter = 0

    @property
    def api_url(self) -> str:
        """The base URL for WHATSAPP_API_URL."""
        return f"{self.url}/v21.0"

    def sent(self) -> List[Dict[str, Any]]:
        """The accepted message bodies."""
        return [r["body"] for r in self.calls("messages") if r["status"] == 200]

    def route(self, method, path, query, body, headers):  # type: ignore[no-untyped-def]
        if path != f"/v21.0/{self.PHONE_NUMBER_ID}/messages" or method != "POST":
            return "unknown", (404, _graph_error(100, "Unsupported post request", "GraphMethodException"))
        if headers.get("authorization") != f"Bearer {self.TOKEN}":
            return "messages", (401, _graph_error(190, "Invalid OAuth access token", "OAuthException"))
        if self.down:
            return "messages", (502, _graph_error(2, "Service temporarily unavailable", "OAuthException"))
        answer = self.scripted("messages")
        if answer:
            return "messages", answer
        if not isinstance(body, dict) or body.get("messaging_product") != "whatsapp" or not body.get("to"):
            return "messages", (400, _graph_error(100, "Invalid parameter", "OAuthException"))
        problem = _invalid_message(body)
        if problem:
            return "messages", (400, _graph_error(131009, f"Parameter value is not valid: {problem}",
                                                  "OAuthException"))
        if body["to"] in self.window_closed and body.get("type") != "template":
            return "messages", (400, _graph_error(131047, "Re-engagement message", "OAuthException"))
        with self.lock:
            self.counter += 1
            wamid = f"wamid.TEST{self.counter:06d}"
        return "messages", (200, {"messaging_product": "whatsapp",
                                  "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                                  "messages": [{"id": wamid}]})


def _graph_error(code: int, message: str, kind: str) -> Dict[str, Any]:
    return {"error": {"message": f"(#{code}) {message}", "type": kind, "code": code, "fbtrace_id": "AbCdEf"}}


def _invalid_message(body: Dict[str, Any]) -> Optional[str]:
    """What the Cloud API would refuse in a message body (the documented limits), or None."""
    kind = body.get("type")
    if kind == "text":
        text = (body.get("text") or {}).get("body")
        return None if isinstance(text, str) and 0 < len(text) <= 4096 else "text.body"
    if kind == "template":
        template = body.get("template") or {}
        return None if template.get("name") and (template.get("language") or {}).get("code") else "template"
    if kind != "interactive":
        return "type"
    interactive = body.get("interactive") or {}
    if not (0 < len((interactive.get("body") or {}).get("text") or "") <= 1024):
        return "interactive.body.text"
    action = interactive.get("action") or {}
    if interactive.get("type") == "button":
        buttons = action.get("buttons") or []
        if not 1 <= len(buttons) <= 3:
            return "buttons"
        titles = [b["reply"]["title"] for b in buttons]
        if any(not 0 < len(t) <= 20 for t in titles) or len(set(titles)) != len(titles):
            return "button title"
        return None
    if interactive.get("type") == "list":
        rows = [row for section in action.get("sections") or [] for row in section.get("rows") or []]
        if not 1 <= len(rows) <= 10 or not 0 < len(action.get("button") or "") <= 20:
            return "rows"
        if any(not 0 < len(r["title"]) <= 24 or len(r["id"]) > 200 or len(r.get("description", "")) > 72
               for r in rows):
            return "row"
        return None
    return "interactive.type"


class FakeRasa(FakeServer):
    """Rasa's REST channel and tracker API. ``answer(sender, message)`` scripts the bot's messages
    (default: an echo); ``languages`` sets the ``language`` slot per sender. Appending
    ``{"event": "pause"}`` pauses a sender (``paused``): the REST channel then answers ``[]``, as
    Rasa does for a paused conversation, until ``{"event": "resume"}``."""

    def __init__(self, port: int = 0) -> None:
        super().__init__(port)
        self.answer: Callable[[str, str], List[Dict[str, Any]]] = lambda sender, message: [
            {"recipient_id": sender, "text": f"Echo: {message}"}]
        self.languages: Dict[str, str] = {}
        self.paused: Set[str] = set()
        #: Each sender's conversation as Rasa's tracker lists it: user and bot events (with the buttons offered).
        self.history: Dict[str, List[Dict[str, Any]]] = {}

    def events(self) -> List[Dict[str, Any]]:
        """The events appended to trackers, with their conversation: ``{"sender": …, "event": …}``."""
        return [{"sender": unquote(r["path"].split("/")[2]), **r["body"]} for r in self.calls("events")]

    def messages(self) -> List[Dict[str, Any]]:
        """The bodies posted to the REST channel."""
        return [r["body"] for r in self.calls("rest")]

    def route(self, method, path, query, body, headers):  # type: ignore[no-untyped-def]
        if self.down:
            return "rest" if path.startswith("/webhooks") else "tracker", (503, {"status": "failure"})
        if method == "POST" and path == "/webhooks/rest/webhook":
            if body["sender"] in self.paused:
                return "rest", (200, [])
            answers = self.answer(body["sender"], body["message"])
            history = self.history.setdefault(body["sender"], [])
            history.append({"event": "user", "text": body["message"]})
            history.extend({"event": "bot", "text": m.get("text"), "data": {"buttons": m.get("buttons") or []}}
                           for m in answers if isinstance(m, dict))
            return "rest", (200, answers)
        segments = path.strip("/").split("/")
        if method == "GET" and len(segments) == 3 and segments[0] == "conversations" and segments[2] == "tracker":
            state = {"sender_id": segments[1], "events": list(self.history.get(unquote(segments[1]), [])),
                     "paused": segments[1] in self.paused,
                     "slots": {"language": self.languages.get(segments[1])}}
            return "tracker", self.scripted("tracker") or (200, state)
        if method == "POST" and segments[:1] == ["conversations"] and segments[2:] == ["tracker", "events"]:
            if isinstance(body, dict) and body.get("event") == "pause":
                self.paused.add(segments[1])
            if isinstance(body, dict) and body.get("event") == "resume":
                self.paused.discard(segments[1])
            return "events", (200, {"sender_id": segments[1]})
        return "unknown", (404, {"status": "failure", "reason": "NotFound"})

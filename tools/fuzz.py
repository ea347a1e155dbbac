"""Fuzz the running stack's entry points: the web chat API, both webhooks and Rasa's REST channel.

Usage (against a stack you started; the secrets must be the stack's)::

    .venv/bin/python -m tools.fuzz --web http://127.0.0.1:8000 --rasa http://127.0.0.1:5005 \\
        --logs var/ --count 10000

or with a throwaway stack of its own (Rasa, actions, web; Telegram in webhook mode and WhatsApp
configured, their APIs replaced by a loopback server that accepts every call)::

    .venv/bin/python -m tools.fuzz --model models/<model>.tar.gz --count 10000

Each input is generated from a seed (``--seed``): valid messages in many scripts, Rasa commands
typed by hand, lone surrogates and NUL, too long texts, JSON of the wrong shape or types, nesting
deeper than any parser allows, invalid UTF-8, missing or wrong secrets and signatures. The run
counts the answers per target and status, and fails (exit 1) when any answer is a 5xx other than the
documented 503 "assistant not reachable", when a request finds the server gone, or when a log of the
stack holds one of the generated texts or a client id. Telegram and WhatsApp inputs go only to the
webhooks that are configured (``--telegram-secret``, ``--whatsapp-secret``).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import requests

from tools import logscan

#: Texts in the scripts of Lotse's languages; each input gets a unique marker appended, searched in the logs.
SCRIPTS = ["Ich suche einen Deutschkurs", "بدي كورس لغة ألمانية", "шукаю курси німецької мови",
           "ищу курсы немецкого", "ናይ ጀርመንኛ ቋንቋ ኮርስ", "دنبال کلاس زبان آلمانی", "almanca kursu arıyorum",
           "زه د الماني ژبې کورس لټوم", "Ez li qursa almanî digerim", "Waxaan raadinayaa koorso Jarmal",
           "je cherche un cours d'allemand", "I need a German course"]
#: Texts that are not words.
ODD = ["👍👍", "\u200f\u200e", "\x07", "\ud800", "a\udfffb", "\x00", "   ", "", "/", "//start", "/bot", "/greet",
       "/delete", "/human", '/emergency{"municipality": "Tübingen"}', '/inform{"handover_consent": "yes"}',
       '/request_handover{"x": ' + "[" * 50 + "]" * 50 + "}", "%s%s%n", "<script>alert(1)</script>", "' OR 1=1 --"]
#: Status 503 is the documented answer when the assistant (Rasa) cannot answer.
ALLOWED_5XX = {503}


@dataclass
class Input:
    """One request to send: where, what, and the text it carries (searched in the logs afterwards)."""

    target: str
    method: str
    path: str
    body: bytes = b""
    headers: Dict[str, str] = field(default_factory=dict)
    text: str = ""


class Generator:
    """Inputs from a seed."""

    def __init__(self, seed: int, telegram_secret: str = "", whatsapp_secret: str = "", internal_secret: str = "",
                 whatsapp_number_id: str = "", valid_share: float = 0.35) -> None:
        self.random = random.Random(seed)
        self.valid_share = valid_share
        self.telegram_secret = telegram_secret
        self.whatsapp_secret = whatsapp_secret
        self.internal_secret = internal_secret
        self.whatsapp_number_id = whatsapp_number_id
        self.counter = 0

    def text(self) -> str:
        """A message text; most carry a unique marker (a word no log may contain)."""
        self.counter += 1
        choice = self.random.random()
        if choice < 0.6:
            return f"{self.random.choice(SCRIPTS)} fuzzmarker{self.counter:06d}"
        if choice < 0.88:
            return self.random.choice(ODD)
        if choice < 0.9:
            return "x" * self.random.choice([4096, 4097, 20000])
        return "".join(chr(self.random.randrange(1, 0x3000)) for _ in range(self.random.randrange(1, 40)))

    def junk(self, depth: int = 0) -> Any:
        """Any JSON value."""
        kind = self.random.randrange(7 if depth < 4 else 5)
        if kind == 0:
            return None
        if kind == 1:
            return self.random.choice([True, False])
        if kind == 2:
            return self.random.choice([0, -1, 2 ** 63, 2 ** 80, 1.5, float("1e308")])
        if kind in (3, 4):
            return self.text()
        if kind == 5:
            return [self.junk(depth + 1) for _ in range(self.random.randrange(4))]
        return {self.random.choice(["text", "message", "update_id", "entry", "chat", "id", "from", "type", "x"]):
                self.junk(depth + 1) for _ in range(self.random.randrange(4))}

    def spoil(self, value: Any) -> Any:
        """``value`` with one nested value replaced by junk."""
        if isinstance(value, dict) and value:
            key = self.random.choice(sorted(value))
            return {**value, key: self.spoil(value[key]) if self.random.random() < 0.6 else self.junk()}
        if isinstance(value, list) and value:
            index = self.random.randrange(len(value))
            return value[:index] + [self.spoil(value[index])] + value[index + 1:]
        return self.junk()

    def body(self, valid: Any) -> Tuple[bytes, str]:
        """The bytes of a valid payload, a spoiled one, junk, deep nesting or invalid UTF-8."""
        choice = self.random.random()
        if choice < self.valid_share:
            data = valid
        elif choice < 0.7:
            data = self.spoil(valid)
        elif choice < 0.88:
            data = self.junk()
        elif choice < 0.95:
            depth = self.random.choice([100, 1000, 100000])
            return b"[" * depth + b"]" * depth, ""
        else:
            return self.random.choice([b"\xff\xfe", b"{not json", b"", b'{"a":']), ""
        try:
            return json.dumps(data, ensure_ascii=self.random.random() < 0.5).encode("utf-8", "surrogatepass"), ""
        except (ValueError, OverflowError):
            return b"null", ""

    def chat(self) -> Input:
        """A message to the web chat API (the relay to Rasa's REST channel)."""
        text = self.text()
        body, _ = self.body({"text": text})
        if self.random.random() < 0.1:
            return Input("chat", "GET", f"/chat/api/messages?after={self.random.choice(['0', '-1', 'x', '1e999', 'nan'])}")
        return Input("chat", "POST", "/chat/api/messages", body, {"Content-Type": "application/json"}, text)

    def telegram(self) -> Input:
        """An update to the Telegram webhook, mostly with the right secret token."""
        text = self.text()
        chat = {"id": self.random.randrange(1, 10 ** 9), "type": self.random.choice(["private"] * 8 + ["group"])}
        user = {"id": chat["id"], "is_bot": False, "first_name": "F", "language_code": self.random.choice(["uk", "ar"])}
        message = {"message_id": self.counter, "date": int(time.time()), "chat": chat, "from": user}
        content = self.random.choice([{"text": text}, {"location": {"latitude": 48.5, "longitude": 9.05}},
                                      {"voice": {"file_id": "f", "file_unique_id": "u", "duration": 2}}])
        update: Dict[str, Any] = {"update_id": self.counter, "message": {**message, **content}}
        if self.random.random() < 0.2:
            update = {"update_id": self.counter, "callback_query": {"id": str(self.counter), "from": user,
                                                                    "chat_instance": "1", "data": text[:30],
                                                                    "message": message}}
        body, _ = self.body(update)
        secret = self.telegram_secret if self.random.random() < 0.9 else self.random.choice(["", "wrong"])
        return Input("telegram", "POST", "/channels/telegram/webhook", body,
                     {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret}, text)

    def whatsapp(self) -> Input:
        """A notification to the WhatsApp webhook, mostly correctly signed."""
        text = self.text()
        message = {"from": str(self.random.randrange(491500000000, 491599999999)), "id": f"wamid.FUZZ{self.counter}",
                   "timestamp": str(int(time.time()) - self.random.choice([0, 0, 0, 90000])), "type": "text",
                   "text": {"body": text}}
        if self.random.random() < 0.2:
            message = {**message, "type": "interactive", "interactive": {
                "type": "button_reply", "button_reply": {"id": text[:100], "title": "x"}}}
        value = {"messaging_product": "whatsapp", "metadata": {"display_phone_number": "1",
                                                               "phone_number_id": self.whatsapp_number_id},
                 "messages": [message]}
        body, _ = self.body({"object": "whatsapp_business_account",
                             "entry": [{"id": "1", "changes": [{"field": "messages", "value": value}]}]})
        signature = "sha256=" + hmac.new(self.whatsapp_secret.encode(), body, hashlib.sha256).hexdigest()
        if self.random.random() < 0.1:
            signature = self.random.choice(["", "sha256=00", "garbage"])
        return Input("whatsapp", "POST", "/channels/whatsapp/webhook", body,
                     {"Content-Type": "application/json", "X-Hub-Signature-256": signature}, text)

    def rest(self) -> Input:
        """A request to Rasa's REST channel: mostly with the secret, bodies of any shape."""
        text = self.text()
        body, _ = self.body({"sender": f"fuzz-{self.counter}", "message": text})
        secret = self.internal_secret if self.random.random() < 0.8 else "wrong"
        return Input("rest", "POST", "/webhooks/rest/webhook", body,
                     {"Content-Type": "application/json", "X-Lotse-Internal": secret}, text)

    def inputs(self, count: int, targets: List[str]) -> List[Input]:
        """``count`` inputs spread over ``targets``."""
        makers: Dict[str, Callable[[], Input]] = {"chat": self.chat, "telegram": self.telegram,
                                                  "whatsapp": self.whatsapp, "rest": self.rest}
        return [makers[self.random.choice(targets)]() for _ in range(count)]


@dataclass
class Report:
    """What a run found."""

    statuses: Counter = field(default_factory=Counter)
    failures: List[str] = field(default_factory=list)
    log_traces: Dict[str, List[str]] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """No server error, no lost connection, nothing in the logs."""
        return not self.failures and not self.log_traces

    def summary(self) -> str:
        """Counts per target and status, and what failed."""
        lines = [f"{sum(self.statuses.values())} inputs in {self.seconds:.0f} s"]
        lines += [f"  {target:9} {status}: {count}" for (target, status), count in sorted(self.statuses.items())]
        lines += [f"  FAILED: {failure}" for failure in self.failures[:20]]
        lines += [f"  LOG {name}: {', '.join(hits[:5])}" for name, hits in self.log_traces.items()]
        return "\n".join(lines)


def send(bases: Dict[str, str], item: Input) -> Tuple[str, str]:
    """Send one input on a connection of its own, as a new browser or a platform's webhook call does (a
    reused idle connection can meet the server closing it: a race of the client, not of Lotse); returns
    (target, status or error class)."""
    base = bases["rest" if item.target == "rest" else "web"]
    with requests.Session() as session:
        try:
            if item.target == "chat":  # a new browser: a short conversation (a long one slows Rasa down)
                session.get(f"{base}/", timeout=30)  # the page sets the CSRF cookie
                item.headers["X-CSRFToken"] = session.cookies.get("csrftoken", "")
            response = session.request(item.method, base + item.path, data=item.body, headers=item.headers,
                                       timeout=120)
            return item.target, str(response.status_code)
        except requests.RequestException as error:
            return item.target, type(error).__name__


#: How many inputs are sent between two progress lines (and checks of the time budget).
BATCH = 250


def run(inputs: List[Input], bases: Dict[str, str], workers: int = 4, logs: Optional[Path] = None,
        max_seconds: Optional[float] = None, progress: bool = False) -> Report:
    """Send ``inputs`` with ``workers`` clients (each request on a connection of its own); check the answers
    and the logs.

    With ``max_seconds``, no new batch is started after that time (the report counts what was sent);
    with ``progress``, a line per batch goes to stderr."""
    report = Report()
    started = time.monotonic()
    results: List[Tuple[str, str]] = []
    with ThreadPoolExecutor(workers) as pool:
        for first in range(0, len(inputs), BATCH):
            if max_seconds is not None and time.monotonic() - started > max_seconds:
                break
            results.extend(pool.map(lambda item: send(bases, item), inputs[first:first + BATCH]))
            if progress:
                bad = sum(1 for _, status in results if not status.isdigit()
                          or (int(status) >= 500 and int(status) not in ALLOWED_5XX))
                print(f"{len(results)} sent, {time.monotonic() - started:.0f} s, {bad} failed", file=sys.stderr,
                      flush=True)
    inputs = inputs[:len(results)]
    for item, (target, status) in zip(inputs, results):
        report.statuses[(target, status)] += 1
        if not status.isdigit() or (int(status) >= 500 and int(status) not in ALLOWED_5XX):
            report.failures.append(f"{target} {item.method} {item.path}: {status}")
    report.seconds = time.monotonic() - started
    if logs is not None:
        time.sleep(1)  # let the processes write their last lines
        markers = {word for item in inputs for word in item.text.split() if word.startswith("fuzzmarker")}
        report.log_traces = logscan.traces(logs, sorted(markers) + [t for t in SCRIPTS])
    return report


class PlatformHandler(BaseHTTPRequestHandler):
    """Telegram's Bot API and WhatsApp's Graph API reduced to "accepted" (the fuzz run tests Lotse, not them)."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        """Accept any call: a sent Telegram message, a WhatsApp message id, or ``true``."""
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.endswith("/messages"):
            answer: Dict[str, Any] = {"messaging_product": "whatsapp", "messages": [{"id": "wamid.FUZZ"}]}
        elif self.path.endswith("/sendMessage"):
            answer = {"ok": True, "result": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}}}
        else:
            answer = {"ok": True, "result": True}
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        """Quiet."""


class PlatformServer(ThreadingHTTPServer):
    """A threading HTTP server with a long listen queue: the web workers send many replies at once, and
    http.server's default queue of 5 refuses connections (the sender then retries and waits)."""

    request_queue_size = 256
    daemon_threads = True


def platforms() -> str:
    """Start the accepting fake platform APIs on a loopback port; their base URL."""
    server = PlatformServer(("127.0.0.1", 0), PlatformHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def throwaway_stack(model: Path) -> Tuple[Any, Dict[str, str]]:
    """A stack of its own with both webhooks configured (their APIs accept everything); returns it and its secrets."""
    from tools.stack import Stack

    api = platforms()
    secrets = {"TELEGRAM_BOT_TOKEN": "123456:FUZZ", "TELEGRAM_WEBHOOK_URL": "https://lotse.invalid/channels/telegram/webhook",
               "TELEGRAM_WEBHOOK_SECRET": "fuzz-telegram-secret", "TELEGRAM_API_URL": api,
               "WHATSAPP_TOKEN": "fuzz", "WHATSAPP_PHONE_NUMBER_ID": "1065", "WHATSAPP_APP_SECRET": "fuzz-app-secret",
               "WHATSAPP_API_URL": f"{api}/v21.0"}
    for name, value in {"LOTSE_SECRET_KEY": "fuzz-secret-key", "LOTSE_PSEUDONYM_KEY": "fuzz-pseudonym-key",
                        "LOTSE_INTERNAL_SECRET": "fuzz-internal-secret", "DJANGO_SETTINGS_MODULE": "bot.web.settings"}.items():
        os.environ.setdefault(name, value)
    stack = Stack(model, Path(tempfile.mkdtemp(prefix="lotse-fuzz-")), extra_env=secrets)
    stack.prepare_database()
    stack.start_all()
    return stack, secrets


def main(argv: Optional[List[str]] = None) -> int:
    """Run the fuzzer; exit 0 when nothing failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--web", default="http://127.0.0.1:8000")
    parser.add_argument("--rasa", default="http://127.0.0.1:5005")
    parser.add_argument("--logs", type=Path, help="the stack's log directory (*.log), searched afterwards")
    parser.add_argument("--model", type=Path, help="start a throwaway stack with this model instead")
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--valid-share", type=float, default=0.35, help="share of well-formed payloads")
    parser.add_argument("--max-seconds", type=float, help="start no new batch after this many seconds")
    parser.add_argument("--telegram-secret", default=os.environ.get("TELEGRAM_WEBHOOK_SECRET", ""))
    parser.add_argument("--whatsapp-secret", default=os.environ.get("WHATSAPP_APP_SECRET", ""))
    parser.add_argument("--whatsapp-number-id", default=os.environ.get("WHATSAPP_PHONE_NUMBER_ID", ""))
    args = parser.parse_args(argv)
    stack = None
    if args.model:
        stack, secrets = throwaway_stack(args.model)
        args.web, args.rasa, args.logs = stack.web, f"http://127.0.0.1:{stack.ports.rasa}", stack.logs
        args.telegram_secret, args.whatsapp_secret = secrets["TELEGRAM_WEBHOOK_SECRET"], secrets["WHATSAPP_APP_SECRET"]
        args.whatsapp_number_id = secrets["WHATSAPP_PHONE_NUMBER_ID"]
    targets = ["chat", "chat", "rest"] + (["telegram", "telegram"] if args.telegram_secret else []) \
        + (["whatsapp", "whatsapp"] if args.whatsapp_secret else [])
    generator = Generator(args.seed, args.telegram_secret, args.whatsapp_secret,
                          os.environ.get("LOTSE_INTERNAL_SECRET", ""), args.whatsapp_number_id, args.valid_share)
    try:
        report = run(generator.inputs(args.count, targets), {"web": args.web, "rest": args.rasa}, args.workers,
                     args.logs, args.max_seconds, progress=True)
    finally:
        if stack is not None:
            stack.stop_all()
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())

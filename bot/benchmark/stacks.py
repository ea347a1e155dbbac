"""The bots under test, started and stopped: Lotse's stack as `lotse run` starts it, and the stock bot.

Lotse runs in a throwaway var dir on the embedded SQLite defaults (tracker store, data store with
the sample directory), on free loopback ports, with fresh random secrets. Start-up time counts from
starting a process until Rasa answers a message on the REST channel.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional

from bot import paths
from bot.benchmark import stock_bot
from bot.benchmark.load import WEBHOOK_PATH
from bot.benchmark.memory import MemorySampler
from bot.runtime import internal

#: Lotse's processes, in the order `lotse run` starts them.
LOTSE_SERVICES = ("actions", "web", "rasa")
#: Settings that would take Lotse off its embedded defaults (PostgreSQL, Redis, several workers, other hosts).
NOT_DEFAULT = ("LOTSE_TRACKER_URL", "LOTSE_REDIS_URL", "LOTSE_DATABASE_URL", "LOTSE_RASA_WORKERS", "SANIC_WORKERS",
               "LOTSE_SERVICES", "LOTSE_ACTIONS_URL", "LOTSE_NLG_URL", "TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_URL")
#: Seconds a process may take to become ready.
START_TIMEOUT = 300.0


class StartFailed(RuntimeError):
    """A process of a bot under test did not become ready; the message names its log file."""


@dataclass
class Bot:
    """A running bot: its Rasa URL, its processes and how long each took to start (seconds)."""

    name: str
    url: str
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)
    startup_s: Dict[str, float] = field(default_factory=dict)


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(url: str) -> bool:
    """Whether Rasa at ``url`` answers a greeting on the REST channel (a fresh sender id)."""
    body = json.dumps({"sender": f"bench-ready-{uuid.uuid4().hex}", "message": "hello"}).encode()
    request = urllib.request.Request(url + WEBHOOK_PATH, data=body, headers={
        "Content-Type": "application/json", internal.HEADER: os.environ.get(internal.VARIABLE, "")})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status == 200 and bool(json.loads(response.read() or b"[]"))
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _ready(check: Callable[[], bool], process: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if check():
            return True
        time.sleep(0.5)
    return False


def _url_answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except (urllib.error.URLError, OSError):
        return False


def start_process(bot: Bot, name: str, command: List[str], env: Mapping[str, str], cwd: Path, log_dir: Path,
                  sampler: MemorySampler, ready_url: Optional[str], rasa_url: Optional[str] = None) -> None:
    """Start one process (watched by ``sampler``), wait until ``ready_url`` answers, or Rasa at ``rasa_url``."""
    log = log_dir / f"{bot.name}-{name}.log"
    started = time.monotonic()
    with log.open("ab") as output:
        process = subprocess.Popen(command, env=dict(env), cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
    bot.processes[name] = process
    sampler.watch(f"{bot.name}:{name}", process.pid)
    check = (lambda: answers(rasa_url)) if rasa_url else (lambda: _url_answers(ready_url or ""))
    if not _ready(check, process, START_TIMEOUT):
        raise StartFailed(f"{bot.name} {name} did not start; see {log}")
    bot.startup_s[name] = round(time.monotonic() - started, 2)


def lotse_environment(var_dir: Path, ports: "object") -> Dict[str, str]:
    """The processes' environment: this one without non-default stores, a throwaway var dir, fresh secrets."""
    from bot.runtime import supervisor

    base = {key: value for key, value in os.environ.items() if key not in NOT_DEFAULT}
    base.update({"LOTSE_VAR_DIR": str(var_dir), "LOTSE_TRACKER_DB": str(var_dir / "tracker.sqlite3"),
                 "LOTSE_RASA_TOKEN": secrets.token_hex(24), "LOTSE_SECRET_KEY": secrets.token_urlsafe(32),
                 "LOTSE_PSEUDONYM_KEY": secrets.token_urlsafe(32), "RASA_TELEMETRY_ENABLED": "false",
                 # the load client of this process sends it to the REST channel (bot/runtime/internal.py)
                 internal.VARIABLE: os.environ.setdefault(internal.VARIABLE, secrets.token_urlsafe(32)),
                 "PYTHONPATH": os.pathsep.join(filter(None, [str(paths.PROJECT_ROOT), os.environ.get("PYTHONPATH")]))})
    return supervisor.service_environment(ports, base=base)  # type: ignore[arg-type]


def start_lotse(model: Path, var_dir: Path, sampler: MemorySampler) -> Bot:
    """Lotse's actions, web and Rasa processes, after migrating and loading the sample directory."""
    from bot.runtime import supervisor

    ports = supervisor.Ports(rasa=free_port(), actions=free_port(), web=free_port())
    env = lotse_environment(var_dir, ports)
    for command in (["messages", "compile"], ["directory", "load-sample"]):
        subprocess.run([sys.executable, "-m", "bot.cli", *command], env=env, cwd=paths.PROJECT_ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    bot = Bot("lotse", f"http://127.0.0.1:{ports.rasa}")
    first = time.monotonic()
    try:
        for service in supervisor.services(model, ports, env=env):
            if service.name in LOTSE_SERVICES:
                rasa = bot.url if service.name == "rasa" else None
                start_process(bot, service.name, service.command, env, paths.PROJECT_ROOT, var_dir, sampler,
                              service.ready_url, rasa)
    except BaseException:
        stop(bot, sampler)
        raise
    bot.startup_s["stack"] = round(time.monotonic() - first, 2)
    return bot


def start_stock(project: Path, model: Path, sampler: MemorySampler) -> Bot:
    """The stock bot's Rasa process (its template has no custom actions, so no action server)."""
    port = free_port()
    bot = Bot("stock", f"http://127.0.0.1:{port}")
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    try:
        start_process(bot, "rasa", stock_bot.run_command(project, model, port), env, project, project, sampler,
                      None, bot.url)
    except BaseException:
        stop(bot, sampler)
        raise
    bot.startup_s["stack"] = bot.startup_s["rasa"]
    return bot


def stop(bot: Bot, sampler: MemorySampler) -> None:
    """Stop the bot's processes (last started first), taking a last memory sample before."""
    for name, process in reversed(list(bot.processes.items())):
        sampler.forget(f"{bot.name}:{name}")
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

"""Start Rasa, the action server and the web process (and the Telegram poller); stop them all on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional

from bot import paths, settings
from bot.runtime import endpoints, internal, rasa_server, tracker


@dataclass
class Service:
    """One process `lotse run` starts, and the URL that answers when it is ready (None: ready when started)."""

    name: str
    command: List[str]
    ready_url: Optional[str]


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


@dataclass(frozen=True)
class Ports:
    """The loopback ports of the three processes."""

    rasa: int = settings.RASA_PORT
    actions: int = settings.ACTIONS_PORT
    web: int = settings.WEB_PORT


def telegram_polling(env: Optional[Mapping[str, str]] = None) -> bool:
    """Whether to start the Telegram long-polling worker: a bot token and no public webhook URL."""
    env = os.environ if env is None else env
    return bool(env.get("TELEGRAM_BOT_TOKEN", "").strip()) and not env.get("TELEGRAM_WEBHOOK_URL", "").strip()


def telegram_webhook(env: Optional[Dict[str, str]] = None) -> bool:
    """Whether Telegram pushes updates to the web process (a bot token and a webhook URL)."""
    env = os.environ if env is None else env
    return bool(env.get("TELEGRAM_BOT_TOKEN", "").strip()) and bool(env.get("TELEGRAM_WEBHOOK_URL", "").strip())


def services(model: Path, ports: Ports = Ports(), host: str = settings.HOST,
             env: Optional[Mapping[str, str]] = None) -> List[Service]:
    """The three processes, bound to ``host`` (loopback by default), and the Telegram poller when configured.

    ``env`` is what :func:`service_environment` returned (default: this process's environment);
    Rasa reads the endpoints file it wrote.
    """
    env = os.environ if env is None else env
    poller = [Service("telegram", [sys.executable, "-m", "bot.channels", "telegram-poll"], None)]
    endpoints_file = env.get("LOTSE_ENDPOINTS_FILE") or str(paths.PROJECT_ROOT / "endpoints.yml")
    return [
        # rasa-sdk's action server behind the internal secret, with clean logs (bot/runtime/action_server.py)
        Service("actions", [sys.executable, "-m", "bot.runtime.action_server", "--actions", "actions",
                            "--port", str(ports.actions)],
                f"http://127.0.0.1:{ports.actions}/health"),
        Service("web", [_bin("gunicorn"), "bot.web.wsgi:application", "--bind", f"{host}:{ports.web}",
                        "--workers", env.get("LOTSE_WEB_WORKERS", "2"),
                        # a chat request holds a thread while Rasa calls /nlg here (see docs/deployment.md)
                        "--threads", env.get("LOTSE_WEB_THREADS", "4"),
                        "--access-logfile", "-", "--access-logformat", '%(m)s %(U)s %(s)s %(M)sms'],
                f"http://127.0.0.1:{ports.web}/healthz"),
        # Rasa's command line with the strict tracker store and redacted logs (bot/runtime/rasa_server.py);
        # the API token goes by environment (LOTSE_RASA_TOKEN), never on the command line
        Service("rasa", [sys.executable, "-m", "bot.runtime.rasa_server", "run", "--model", str(model), "--enable-api",
                         "--interface", host, "--port", str(ports.rasa),
                         "--endpoints", endpoints_file, "--credentials", "credentials.yml"],
                f"http://127.0.0.1:{ports.rasa}/"),
    ] + (poller if telegram_polling(env) else [])


#: The processes `lotse run` can start; ``LOTSE_SERVICES`` picks some of them for one host.
SERVICE_NAMES = ("actions", "web", "rasa", "telegram")


def selected(env: Mapping[str, str]) -> List[str]:
    """The services this host runs: ``LOTSE_SERVICES`` (comma-separated), by default all.

    >>> selected({"LOTSE_SERVICES": "rasa, actions"})
    ['rasa', 'actions']
    >>> selected({}) == list(SERVICE_NAMES)
    True
    """
    names = [name.strip() for name in env.get("LOTSE_SERVICES", "").split(",") if name.strip()]
    unknown = [name for name in names if name not in SERVICE_NAMES]
    if unknown:
        raise endpoints.ConfigurationError(f"LOTSE_SERVICES: unknown {', '.join(unknown)} "
                                           f"(choose from {', '.join(SERVICE_NAMES)})")
    return names or list(SERVICE_NAMES)


def private_files() -> None:
    """Files this process and the processes it starts create are readable by their owner only (umask 077):
    the SQLite databases in ``var/`` hold tickets, appointments and conversations."""
    os.umask(0o077)


def service_environment(ports: Ports = Ports(), base: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """The environment every process gets: defaults for endpoints.yml's variables, and the endpoints file.

    Writes ``<var>/endpoints.yml`` (see :mod:`bot.runtime.endpoints`) and sets ``SANIC_WORKERS``
    from ``LOTSE_RASA_WORKERS``. Raises :class:`endpoints.ConfigurationError` when the environment
    asks for several Rasa workers without Redis, or names an unsupported database.
    """
    env = dict(os.environ if base is None else base)
    for required in (internal.VARIABLE, rasa_server.TOKEN_VARIABLE):
        if not env.get(required):
            raise endpoints.ConfigurationError(f"{required} is not set (lotse run writes one into .env)")
    private_files()
    var_dir = Path(env.get("LOTSE_VAR_DIR") or paths.var_dir())
    var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    var_dir.chmod(0o700)  # files made before umask 077 (older checkouts) are out of other users' reach too
    env["LOTSE_ACTIONS_PORT"] = str(ports.actions)
    env["LOTSE_WEB_PORT"] = str(ports.web)
    env["LOTSE_RASA_URL"] = f"http://127.0.0.1:{ports.rasa}"
    env.setdefault("LOTSE_TRACKER_DB", str(var_dir / "tracker.sqlite3"))
    env["SANIC_WORKERS"] = str(endpoints.rasa_workers(env))
    env["LOTSE_ENDPOINTS_FILE"] = str(endpoints.write(env, var_dir / "endpoints.yml"))
    env.setdefault("SANIC_HOST", settings.HOST)  # the action server's bind address
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("DJANGO_SETTINGS_MODULE", "bot.web.settings")
    return env


def wait_ready(url: Optional[str], process: subprocess.Popen, timeout: float) -> bool:
    """Poll ``url`` until it answers, the process dies, or ``timeout`` passes (no URL: alive after a second)."""
    if url is None:
        time.sleep(1)
        return process.poll() is None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    return False


#: How often ``run_all`` calls its ``daily`` job.
DAY = 86400.0


def run_all(model: Path, timeout: float = 300.0, daily: Optional[Callable[[], None]] = None) -> int:
    """Start the services (all, or ``LOTSE_SERVICES``), print the URLs, wait for Ctrl-C, stop everything;
    run ``daily`` once a day. Several Rasa workers without Redis, or an unsupported database URL,
    stop it before anything starts, with a message that says what to set."""
    try:
        env = service_environment()
        wanted = selected(env)
    except endpoints.ConfigurationError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    print(endpoints.describe(env), flush=True)
    if env.get("LOTSE_TRACKER_URL") and "rasa" in wanted:
        tracker.create_tables(env)  # once, before several Rasa workers would race to create them
    started: List[subprocess.Popen] = []

    def stop(*_: object) -> None:
        for process in started:
            if process.poll() is None:
                process.terminate()
        for process in started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()

    signal.signal(signal.SIGTERM, lambda *_: (stop(), sys.exit(0)))
    try:
        for service in [s for s in services(model, env=env) if s.name in wanted]:
            print(f"Starting {service.name} …", flush=True)
            process = subprocess.Popen(service.command, env=env, cwd=paths.PROJECT_ROOT)
            started.append(process)
            if not wait_ready(service.ready_url, process, timeout):
                print(f"{service.name} did not start; see the output above.", file=sys.stderr)
                stop()
                return 1
        if telegram_webhook() and "web" in wanted:  # register the webhook and the commands once; the web process receives updates
            subprocess.run([sys.executable, "-m", "bot.channels", "telegram-setup"], env=env, cwd=paths.PROJECT_ROOT)
        addresses = {"web": f"  Web chat:       http://127.0.0.1:{settings.WEB_PORT}/",
                     "rasa": f"  Rasa API:       http://127.0.0.1:{settings.RASA_PORT}/ (token in .env)",
                     "actions": f"  Action server:  http://127.0.0.1:{settings.ACTIONS_PORT}/"}
        print("\nLotse is running:\n" + "\n".join(addresses[name] for name in addresses if name in wanted)
              + "\nPress Ctrl-C to stop.", flush=True)
        next_daily = time.monotonic()
        while all(p.poll() is None for p in started):
            if daily and time.monotonic() >= next_daily:
                daily()
                next_daily += DAY
            time.sleep(1)
        print("A process stopped unexpectedly; stopping the others.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping …")
        return 0
    finally:
        stop()

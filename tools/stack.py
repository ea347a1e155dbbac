"""The real processes of Lotse for tests and tools: Rasa, the action server and the web process, and a chat client."""

import functools
import os
import socket
import subprocess
import sys

import requests

from bot.i18n import catalogs
from bot.i18n.bidi import FSI, PDI, RLM


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stack:
    """Rasa, the action server and the web process, started like `lotse run` does."""

    def __init__(self, model, var_dir, extra_env=None):
        """A stack in ``var_dir``; with ``extra_env`` (e.g. PostgreSQL and Redis URLs) a second, separate
        stack: its settings go only to its processes, not into this process's environment."""
        from bot.runtime import supervisor

        self.supervisor = supervisor
        self.model = model
        self.ports = supervisor.Ports(rasa=free_port(), actions=free_port(), web=free_port())
        from bot import paths

        # the stack's own var/, but the developer's embedding cache: a publication embeds only new examples
        own = {"LOTSE_VAR_DIR": str(var_dir), "LOTSE_ENCODER_CACHE": str(paths.encoder_cache()),
               "LOTSE_RASA_TOKEN": "test-token",
               "LOTSE_INTERNAL_SECRET": os.environ.get("LOTSE_INTERNAL_SECRET") or "test-internal-secret",
               "LOTSE_TRACKER_DB": str(var_dir / "tracker.sqlite3")}
        if extra_env is None:
            os.environ.update(own)
            self.env = supervisor.service_environment(self.ports)
        else:
            self.env = supervisor.service_environment(self.ports, base={**os.environ, **own, **extra_env})
        self.processes = {}
        self.logs = var_dir

    def prepare_database(self):
        """Migrate the data store and load the sample directory, as `lotse run` does."""
        subprocess.run([sys.executable, "-m", "bot.cli", "directory", "load-sample"], env=self.env, check=True,
                       stdout=subprocess.DEVNULL)

    def create_inbox_user(self, username, password, manager_name):
        """An integration manager's inbox login, as a superuser would set it up in the admin."""
        script = ("import django; django.setup()\n"
                  "from django.contrib.auth.models import User\n"
                  "from bot.directory.models import IntegrationManager\n"
                  "from bot.handover.models import InboxUser\n"
                  "from django.db import transaction\n"
                  "import sys\n"
                  "with transaction.atomic():\n"
                  "    user = User.objects.create_user(sys.argv[1], password=sys.argv[2])\n"
                  "    manager = IntegrationManager.objects.get(name=sys.argv[3])\n"
                  "    InboxUser.objects.create(user=user, manager=manager, district=manager.district)\n")
        subprocess.run([sys.executable, "-c", script, username, password, manager_name], env=self.env, check=True)

    def create_editor_user(self, username, password):
        """An editor's login for the FAQ editor (group ``editor``), as a superuser would set it up in the admin."""
        script = ("import django; django.setup()\n"
                  "import sys\n"
                  "from django.contrib.auth.models import Group, User\n"
                  "from bot.content.constants import EDITOR_GROUP\n"
                  "user = User.objects.create_user(sys.argv[1], password=sys.argv[2])\n"
                  "user.groups.add(Group.objects.get_or_create(name=EDITOR_GROUP)[0])\n")
        subprocess.run([sys.executable, "-c", script, username, password], env=self.env, check=True)

    def start(self, name):
        service = next(s for s in self.supervisor.services(self.model, self.ports, env=self.env) if s.name == name)
        log = open(self.logs / f"{name}.log", "ab")
        process = subprocess.Popen(service.command, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        assert self.supervisor.wait_ready(service.ready_url, process, 240), f"{name} did not start, see {log.name}"
        self.processes[name] = process

    def stop(self, name, kill=False):
        process = self.processes.pop(name)
        process.kill() if kill else process.terminate()
        process.wait(timeout=30)

    def start_all(self):
        """Start the action server, the web process and Rasa, in the order `lotse run` does."""
        for name in ("actions", "web", "rasa"):
            self.start(name)

    def stop_all(self):
        """Stop every process still running."""
        for name in list(self.processes):
            self.stop(name)

    @property
    def web(self):
        return f"http://127.0.0.1:{self.ports.web}"


class Client:
    """A browser session on the web chat page."""

    def __init__(self, base):
        self.base = base
        self.session = requests.Session()
        self.session.get(f"{base}/", timeout=10).raise_for_status()

    def say(self, text):
        response = self.session.post(f"{self.base}/chat/api/messages", json={"text": text}, timeout=60,
                                     headers={"X-CSRFToken": self.session.cookies["csrftoken"]})
        return response

    def messages(self, text):
        """The bot's messages (text and buttons) answering ``text``."""
        response = self.say(text)
        assert response.status_code == 200, response.text
        self.last = response.json()["messages"]
        return self.last

    def reply(self, text):
        """The bot's answer to ``text`` as one plain text (bidi marks removed)."""
        return plain("\n\n".join(m["text"] for m in self.messages(text)))

    def manager_replies(self, after=0.0):
        """What the chat page's polling receives: the integration manager's replies since ``after``."""
        response = self.session.get(f"{self.base}/chat/api/messages", params={"after": after}, timeout=30)
        assert response.status_code == 200, response.text
        return [plain(m["text"]) for m in response.json()["messages"]]

    def buttons(self):
        """The buttons of the bot's last answer."""
        return [b for m in self.last for b in m["buttons"]]

    def press(self, title_part):
        """Press the first button of the last answer whose title contains ``title_part``."""
        button = next(b for b in self.buttons() if title_part in plain(b["title"]))
        return self.reply(button["payload"])


def plain(text):
    """``text`` without the bidi marks the renderer adds to right-to-left answers."""
    return text.replace(RLM, "").replace(FSI, "").replace(PDI, "")


@functools.lru_cache(maxsize=1)
def _template():
    return catalogs.build_template(catalogs.paths.domain_file(), catalogs.paths.PROJECT_ROOT / "bot")


def text_of(code, response):
    """The text of ``response`` in language ``code`` as the renderer shows it (English, then German, when missing)."""
    from bot.nlg.renderer import translated

    source = next(m for m in _template() if m.context == response)
    return translated(code, response, source.id)


def opening_of(code, response):
    """The words of a response in language ``code`` before its first placeholder."""
    return plain(text_of(code, response)).split("{")[0].strip()


def label_of(code, label):
    """A label of bot.nlg.labels in language ``code``, up to its first placeholder."""
    return plain(catalogs.translate(code, *label) if code != "de" else label[1]).split("{")[0].strip()

"""Publishing example questions through the running stack: a damaged training set is refused, a new FAQ
entry is trained, checked and activated in the running Rasa server.

Each publication trains a real model with ``config.yml`` and evaluates it on the held-out set; the
durations are printed (``pytest -s``). Training uses mostly one core, so the two publications run at
the same time, each on a stack of its own (the refused one on a second stack).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import requests
import yaml

from tests.integration.stack import Client, Stack, plain

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
#: The entry an editor damages by pasting greetings, thanks and course questions into it, in every language.
DAMAGED_ENTRY = "privacy"
#: The intents whose training examples the editor pastes.
PASTED_INTENTS = ("greet", "thank", "goodbye", "find_language_course", "find_service", "ask_opening_hours")
#: The ``dff`` answer (its German text begins so): the bot keeps giving it while a refused model is not used.
DFF_ANSWER = "Das Programm „Deutsch für Flüchtlinge“ gibt es seit 2019 nicht mehr"
#: An FAQ entry an editor adds (German only): waste separation, which the running model knows nothing about.
NEW_ENTRY = {
    "key": "muelltrennung", "topic": "Wohnen",
    "answer": "Müll wird in Deutschland getrennt: Papier in die blaue Tonne, Verpackungen in die gelbe Tonne "
              "oder den gelben Sack, Essensreste in die Biotonne, alles andere in die Restmülltonne.",
    "examples": "\n".join([
        "wie funktioniert die mülltrennung", "welche tonne ist für plastik", "wohin kommt der biomüll",
        "was gehört in die gelbe tonne", "wann wird der müll abgeholt", "wo bekomme ich eine mülltonne",
        "was mache ich mit sperrmüll", "muss ich den müll trennen", "wohin mit altpapier",
        "in welche tonne kommen essensreste"]),
}
#: One of the new entry's example questions, asked in the chat after publishing.
NEW_QUESTION = "was gehört in die gelbe tonne"

#: Runs Django code against the stack's database; the last line printed is JSON.
DJANGO = "import django, json, sys\ndjango.setup()\n"
GET_EXAMPLES = DJANGO + """
from bot.content.models import FaqText
print(json.dumps({t.language: t.examples for t in FaqText.objects.filter(entry__key=sys.argv[1])}))
"""
SET_EXAMPLES = DJANGO + """
from pathlib import Path
from bot.content.models import FaqText
from bot.content.review import save_text
for language, examples in json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")).items():
    text = FaqText.objects.get(entry__key=sys.argv[1], language=language)
    save_text(text, answer=text.answer, examples=examples, note="test")
print("{}")
"""
ADD_ENTRY = DJANGO + """
from bot.content.models import FaqEntry, FaqText
from bot.content.review import save_text
new = json.loads(sys.argv[1])
entry = FaqEntry.objects.create(key=new["key"], topic=new["topic"])
save_text(FaqText.objects.create(entry=entry, language="de"), answer=new["answer"], examples=new["examples"])
print("{}")
"""
DELETE_ENTRY = DJANGO + """
from bot.content.models import FaqEntry
FaqEntry.objects.filter(key=sys.argv[1]).delete()
print("{}")
"""
START = DJANGO + """
from bot.content.publish import start_publication
print(json.dumps(start_publication().pk))
"""
GET_PUBLICATION = DJANGO + """
from bot.content.models import Publication
p = Publication.objects.get(pk=int(sys.argv[1]))
print(json.dumps({"status": p.status, "message": p.message, "accuracy": p.accuracy,
                  "baseline_accuracy": p.baseline_accuracy, "model_file": p.model_file}))
"""
LATEST_PUBLICATION = GET_PUBLICATION.replace("Publication.objects.get(pk=int(sys.argv[1]))",
                                             "Publication.objects.order_by('-pk').first()")


def django(env: Dict[str, str], script: str, *args: str) -> Any:
    """Run ``script`` with the stack's environment; return what it printed last, as JSON."""
    result = subprocess.run([sys.executable, "-c", script, *args], env=env, cwd=ROOT, capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def training_examples(language: str, intents: tuple) -> List[str]:
    """The project's training examples of ``intents`` in ``language``."""
    document = yaml.safe_load((ROOT / "nlu" / language / "nlu.yml").read_text(encoding="utf-8"))
    return [line[2:].strip() for block in document["nlu"] if block.get("intent") in intents
            for line in block["examples"].splitlines() if line.startswith("- ")]


def publish_env(stack, trained_model, folder: Path) -> Dict[str, str]:
    """The web process's environment plus a models folder and a Rasa training cache of its own (two
    publications train at once), and the model file the stack's Rasa was started with (not in that folder)."""
    return {**stack.env, "LOTSE_MODELS_DIR": str(folder / "models"), "RASA_CACHE_DIRECTORY": str(folder / "cache"),
            "LOTSE_RASA_MODEL": str(trained_model)}


def rasa_model_file(stack) -> str:
    """The model file the stack's Rasa reports in ``/status``."""
    response = requests.get(f"http://127.0.0.1:{stack.ports.rasa}/status", params={"token": "test-token"}, timeout=30)
    response.raise_for_status()
    return response.json()["model_file"]


@dataclass
class Watch:
    """An editor's publication followed in the background: each status as it is first seen, and a chat
    message sent while Rasa loads the new model (HTTP status, seconds)."""

    env: Dict[str, str]
    web: str
    pk: str
    started: float = field(default_factory=time.monotonic)
    seen: List[str] = field(default_factory=list)
    publication: Dict[str, Any] = field(default_factory=dict)
    during_activation: Optional[tuple] = None

    def follow(self) -> None:
        """Poll until the publication ends (or an hour has passed)."""
        chat = None
        while time.monotonic() - self.started < 3600:
            self.publication = django(self.env, GET_PUBLICATION, self.pk)
            status = self.publication["status"]
            if status not in self.seen:
                self.seen.append(status)
                print(f"{time.monotonic() - self.started:5.0f} s {status}: {self.publication['message']}")
            if status == "activating" and chat is None:
                chat = threading.Thread(target=lambda: setattr(self, "during_activation",
                                                               _timed_reply(self.web, "hallo")))
                chat.start()
            if status in ("active", "refused", "failed"):
                break
            time.sleep(2)
        print(f"the accepted publication took {time.monotonic() - self.started:.0f} s")
        if chat is not None:
            chat.join()


@dataclass
class Publications:
    """The two publications, started together: the damaged one (the publish command on the second
    stack) and the one with a new entry (queued by the editor on the shared stack)."""

    refusing_env: Dict[str, str]
    refusing: subprocess.Popen
    refusing_log: Path
    answer_before: str
    accepting: Watch
    watcher: threading.Thread
    started: float = field(default_factory=time.monotonic)


@pytest.fixture(scope="module")
def second_stack(trained_model, tmp_path_factory):
    """A stack of its own for the refused publication."""
    stack = Stack(trained_model, tmp_path_factory.mktemp("refusing-var"), extra_env={})
    stack.prepare_database()
    stack.start_all()
    yield stack
    stack.stop_all()


@pytest.fixture(scope="module")
def publications(stack, second_stack, trained_model, tmp_path_factory):
    """Both publications under way; afterwards the new entry is gone and the shared stack runs its model again."""
    refusing_env = publish_env(second_stack, trained_model, tmp_path_factory.mktemp("refusing"))
    accepting_env = publish_env(stack, trained_model, tmp_path_factory.mktemp("accepting"))

    original = django(refusing_env, GET_EXAMPLES, DAMAGED_ENTRY)
    # pasted above the entry's own questions, in every language
    damaged = {code: "\n".join(training_examples(code, PASTED_INTENTS)) + "\n" + examples
               for code, examples in original.items() if (ROOT / "nlu" / code).is_dir()}
    examples_file = Path(refusing_env["LOTSE_MODELS_DIR"]).parent / "examples.json"  # too long for argv
    examples_file.write_text(json.dumps(damaged), encoding="utf-8")
    django(refusing_env, SET_EXAMPLES, DAMAGED_ENTRY, str(examples_file))
    answer_before = plain(Client(stack.web).reply(NEW_QUESTION))
    django(accepting_env, ADD_ENTRY, json.dumps(NEW_ENTRY))

    log = Path(refusing_env["LOTSE_MODELS_DIR"]).parent / "publish.log"
    with log.open("wb") as output:
        refusing = subprocess.Popen([sys.executable, "-m", "bot.cli", "content", "publish"], env=refusing_env,
                                    cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    accepting = Watch(accepting_env, stack.web, str(django(accepting_env, START)))
    watcher = threading.Thread(target=accepting.follow, daemon=True)
    watcher.start()
    yield Publications(refusing_env, refusing, log, answer_before, accepting, watcher)

    if refusing.poll() is None:
        refusing.terminate()
    watcher.join(timeout=3600)
    django(accepting_env, DELETE_ENTRY, NEW_ENTRY["key"])
    requests.put(f"http://127.0.0.1:{stack.ports.rasa}/model", params={"token": "test-token"},
                 json={"model_file": str(trained_model)}, timeout=600).raise_for_status()


def test_damaged_training_set_is_refused_and_the_old_model_stays(publications, second_stack, trained_model):
    returncode = publications.refusing.wait(timeout=3600)
    print(f"\nthe refused publication took {time.monotonic() - publications.started:.0f} s")
    publication = django(publications.refusing_env, LATEST_PUBLICATION)
    print(publication["message"])
    assert returncode == 1, publications.refusing_log.read_text(errors="replace")[-3000:]
    assert publication["status"] == "refused"
    assert publication["message"].startswith("Nicht aktiviert")
    assert not Path(publication["model_file"]).exists()  # the refused model is deleted
    assert rasa_model_file(second_stack) == trained_model.name
    assert DFF_ANSWER in plain(Client(second_stack.web).reply("was ist dff"))


def test_new_entry_is_published_and_answered(publications, stack):
    new_answer = NEW_ENTRY["answer"][:40]
    assert new_answer not in publications.answer_before
    publications.watcher.join(timeout=3600)
    watch = publications.accepting
    assert watch.publication["status"] == "active", watch.publication["message"]
    assert {"training", "evaluating"} <= set(watch.seen)
    if watch.during_activation:
        status, seconds = watch.during_activation
        print(f"a chat message sent while Rasa loaded the new model: HTTP {status} after {seconds:.1f} s")
        assert status == 200
    assert rasa_model_file(stack) == Path(watch.publication["model_file"]).name
    assert new_answer in plain(Client(stack.web).reply(NEW_QUESTION))


def _timed_reply(web: str, text: str) -> tuple:
    started = time.monotonic()
    return Client(web).say(text).status_code, time.monotonic() - started

"""Publishing example questions through the running stack: a damaged training set is refused, a new FAQ
entry is trained, checked and activated in the running Rasa server.

Each publication trains a real model with ``config.yml``
and evaluates it on the held-out set; the durations are printed (``pytest -s``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict, List

import pytest
import requests
import yaml

from tests.integration.stack import Client, plain

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


@pytest.fixture(scope="module")
def publish_env(stack, trained_model, tmp_path_factory) -> Dict[str, str]:
    """The web process's environment plus a models folder of its own and the model file the stack's Rasa
    was started with (it is not in that folder)."""
    folder = tmp_path_factory.mktemp("publish")
    return {**stack.env, "LOTSE_MODELS_DIR": str(folder / "models"),
            "LOTSE_RASA_MODEL": str(trained_model)}


def rasa_model_file(stack) -> str:
    """The model file the stack's Rasa reports in ``/status``."""
    response = requests.get(f"http://127.0.0.1:{stack.ports.rasa}/status", params={"token": "test-token"}, timeout=30)
    response.raise_for_status()
    return response.json()["model_file"]


def test_damaged_training_set_is_refused_and_the_old_model_stays(stack, publish_env, trained_model):
    original = django(publish_env, GET_EXAMPLES, DAMAGED_ENTRY)
    # pasted above the entry's own questions, in every language
    damaged = {code: "\n".join(training_examples(code, PASTED_INTENTS)) + "\n" + examples
               for code, examples in original.items() if (ROOT / "nlu" / code).is_dir()}
    examples_file = Path(publish_env["LOTSE_MODELS_DIR"]).parent / "examples.json"  # too long for argv
    examples_file.write_text(json.dumps(damaged), encoding="utf-8")
    django(publish_env, SET_EXAMPLES, DAMAGED_ENTRY, str(examples_file))
    try:
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "bot.cli", "content", "publish"], env=publish_env, cwd=ROOT,
                                capture_output=True, text=True, timeout=3600)
        print(f"\nrefused publication took {time.monotonic() - started:.0f} s")
    finally:
        examples_file.write_text(json.dumps(original), encoding="utf-8")
        django(publish_env, SET_EXAMPLES, DAMAGED_ENTRY, str(examples_file))
    publication = django(publish_env, LATEST_PUBLICATION)
    print(publication["message"])
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    assert publication["status"] == "refused"
    assert publication["message"].startswith("Nicht aktiviert")
    assert not Path(publication["model_file"]).exists()  # the refused model is deleted
    assert rasa_model_file(stack) == trained_model.name
    assert DFF_ANSWER in plain(Client(stack.web).reply("was ist dff"))


@pytest.fixture()
def restored(stack, publish_env, trained_model):
    """After the test: the new entry gone and the stack's model as it was."""
    yield
    django(publish_env, DELETE_ENTRY, NEW_ENTRY["key"])
    requests.put(f"http://127.0.0.1:{stack.ports.rasa}/model", params={"token": "test-token"},
                 json={"model_file": str(trained_model)}, timeout=600).raise_for_status()


def test_new_entry_is_published_and_answered(stack, publish_env, restored):
    new_answer = NEW_ENTRY["answer"][:40]
    assert new_answer not in plain(Client(stack.web).reply(NEW_QUESTION))
    django(publish_env, ADD_ENTRY, json.dumps(NEW_ENTRY))

    started = time.monotonic()
    pk = str(django(publish_env, START))
    seen, during_activation = [], []
    while True:
        publication = django(publish_env, GET_PUBLICATION, pk)
        if publication["status"] not in seen:
            seen.append(publication["status"])
            print(f"{time.monotonic() - started:5.0f} s {publication['status']}: {publication['message']}")
        if publication["status"] == "activating" and not during_activation:
            during_activation.append(threading.Thread(target=lambda: during_activation.append(
                _timed_reply(stack.web, "hallo"))))
            during_activation[0].start()
        if publication["status"] in ("active", "refused", "failed"):
            break
        assert time.monotonic() - started < 3600
        time.sleep(2)
    print(f"active publication took {time.monotonic() - started:.0f} s")
    if during_activation:
        during_activation[0].join()
        status, seconds = during_activation[1]
        print(f"a chat message sent while Rasa loaded the new model: HTTP {status} after {seconds:.1f} s")
        assert status == 200

    assert publication["status"] == "active", publication["message"]
    assert {"training", "evaluating"} <= set(seen)
    assert rasa_model_file(stack) == Path(publication["model_file"]).name
    assert new_answer in plain(Client(stack.web).reply(NEW_QUESTION))


def _timed_reply(web: str, text: str) -> tuple:
    started = time.monotonic()
    return Client(web).say(text).status_code, time.monotonic() - started

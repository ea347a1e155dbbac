"""The training data built from the project's files and the editors' example questions in the database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from bot.content import training_data

ROOT = Path(__file__).resolve().parents[2]


def faq_blocks(folder: Path, language: str) -> Dict[str, List[str]]:
    """The FAQ example questions of one language in a training-data folder, by key."""
    found: Dict[str, List[str]] = {}
    for path in sorted((folder / "nlu" / language).glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if block.get("intent", "").startswith("faq/"):
                assert block["metadata"]["language"] == language
                found[block["intent"][4:]] = training_data.example_lines(block["examples"])
    return found


def faq_responses(folder: Path) -> Dict[str, str]:
    """The domain's FAQ responses of a training-data folder, by key."""
    responses = yaml.safe_load((folder / "domain.yml").read_text(encoding="utf-8"))["responses"]
    return {name[len("utter_faq/"):]: value[0]["text"] for name, value in responses.items()
            if name.startswith("utter_faq/")}


def test_initial_content_builds_the_files_faq(db, tmp_path):  # noqa: F811
    built = training_data.build(tmp_path / "data")
    for language in ("de", "ar", "ti"):
        assert faq_blocks(built, language) == faq_blocks(ROOT, language)
    assert faq_responses(built) == faq_responses(ROOT)
    assert (built / "dialogue" / "rules.yml").read_bytes() == (ROOT / "dialogue" / "rules.yml").read_bytes()


def test_changed_example_and_new_entry_appear(db, entry, tmp_path):  # noqa: F811
    from bot.content.models import FaqText

    dff = FaqText.objects.get(entry__key="dff", language="ar")
    dff.examples = "ما هي دورة اللغة المجانية من الولاية\n- هل دورة دي إف إف مجانية\n"
    dff.save()
    FaqText.objects.filter(entry__key="wohngeld", language="tr").update(examples="")

    built = training_data.build(tmp_path / "data")

    arabic = faq_blocks(built, "ar")
    assert arabic["dff"] == ["ما هي دورة اللغة المجانية من الولاية", "هل دورة دي إف إف مجانية"]
    assert "wohngeld" not in faq_blocks(built, "tr") and "wohngeld" in faq_blocks(built, "de")
    assert faq_blocks(built, "de")["test_kurs"] == ["ist der kurs kostenlos", "was kostet der kurs"]
    assert "test_kurs" not in arabic  # no Arabic example questions: none trained
    assert faq_responses(built)["test_kurs"] == "Der Kurs ist kostenlos."


def test_fingerprint_follows_the_example_questions(db, tmp_path):  # noqa: F811
    from bot.content.models import FaqText

    first = training_data.fingerprint(training_data.build(tmp_path / "a"))
    assert training_data.fingerprint(training_data.build(tmp_path / "b")) == first
    text = FaqText.objects.get(entry__key="dff", language="de")
    text.examples += "\nwas ist der kurs deutsch für flüchtlinge"
    text.save()
    assert training_data.fingerprint(training_data.build(tmp_path / "c")) != first


@pytest.mark.slow
def test_rasa_validates_the_built_folder(db, entry, tmp_path):  # noqa: F811
    built = training_data.build(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "rasa", "data", "validate", "--data", str(built / "nlu"), str(built / "dialogue"),
         "--config", str(built / "config.yml"), "--domain", str(built / "domain.yml")],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_restart_finds_the_published_model_by_its_fingerprint(db, tmp_path, monkeypatch):  # noqa: F811
    from bot.content import publish
    from bot.runtime import model

    monkeypatch.setenv("LOTSE_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.delenv(publish.PUBLISH_CONFIG_VARIABLE, raising=False)
    published = model.model_path(training_data.build(tmp_path / "data", config=publish.publish_config()))
    published.parent.mkdir()
    published.write_bytes(b"a model published by the editors")
    monkeypatch.setattr(model, "train", lambda *args: pytest.fail("lotse run must not retrain"))
    assert model.ensure_model() == published

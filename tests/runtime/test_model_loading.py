"""Rasa's PUT /model loads published model files only (bot/runtime/model_loading.py)."""

from __future__ import annotations

import pytest

from bot.runtime import model_loading


@pytest.fixture()
def models(tmp_path):
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / "lotse-0123456789abcdef.tar.gz").write_bytes(b"model")
    (folder / "by-hand.tar.gz").write_bytes(b"model")
    (tmp_path / "lotse-fedcba9876543210.tar.gz").write_bytes(b"model")  # published elsewhere (shared storage)
    (tmp_path / "other.tar.gz").write_bytes(b"model")
    return folder


def test_published_model_files_may_be_loaded(models):
    for path in (models / "lotse-0123456789abcdef.tar.gz", models / "by-hand.tar.gz",
                 models.parent / "lotse-fedcba9876543210.tar.gz"):
        assert model_loading.refusal({"model_file": str(path)}, str(models)) == ""


@pytest.mark.parametrize("body", [
    {"model_server": {"url": "http://attacker.example/model.tar.gz"}},
    {"remote_storage": "aws", "model_file": "x.tar.gz"},
    {"model_file": 5}, [], None, "model.tar.gz",
])
def test_anything_but_a_model_file_is_refused(models, body):
    assert model_loading.refusal(body, str(models)) == "only model_file may be given"


def test_other_files_are_refused(models):
    assert model_loading.refusal({"model_file": str(models.parent / "other.tar.gz")}, str(models)) \
        == "not a published model"
    assert model_loading.refusal({"model_file": str(models / "../other.tar.gz")}, str(models)) \
        == "not a published model"
    assert model_loading.refusal({"model_file": str(models / "missing.tar.gz")}, str(models)) == "not a model file"
    assert model_loading.refusal({"model_file": "/etc/passwd"}, str(models)) == "not a model file"


def test_rasas_server_factory_adds_the_check(monkeypatch):
    import rasa.server

    monkeypatch.setattr(rasa.server, "create_app", rasa.server.create_app)
    model_loading.install()
    model_loading.install()  # idempotent
    app = rasa.server.create_app(agent=None, auth_token="t")
    assert any(getattr(m, "__name__", "") == "only_published_models" for m in app.request_middleware)

"""'Jetzt veröffentlichen' is disabled, with the reason, when the training data equals the active model's."""

from __future__ import annotations

import re

import pytest

from bot.content import changes
from bot.content.constants import PublicationStatus
from tests.content.conftest import make_user, staff_client, texts


@pytest.fixture()
def no_rasa(monkeypatch):  # type: ignore[no-untyped-def]
    """Rasa is not running (a port nobody listens on): only the publications tell which model is active."""
    from tests.integration.stack import free_port

    monkeypatch.setenv("LOTSE_RASA_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.delenv("LOTSE_RASA_URLS", raising=False)


def button(html: str) -> str:
    return re.search(r'<button type="submit" id="publish-button"[^>]*>', html).group(0)


def test_the_button_is_disabled_when_nothing_changed_since_the_active_model(db, no_rasa):  # noqa: ARG001
    from bot.content.models import Publication
    from bot.content.review import save_text

    editor = make_user("redaktion", ["editor"])
    client = staff_client(editor)
    assert changes.active_fingerprint() is None  # no publication, no Rasa: unknown, so publishing is allowed
    assert "disabled" not in button(client.get("/content/publish/").content.decode())

    current = changes.current_fingerprint()
    Publication.objects.create(status=PublicationStatus.ACTIVE, model_file=f"/srv/models/lotse-{current}.tar.gz")
    html = client.get("/content/publish/").content.decode()
    assert 'disabled aria-disabled="true" aria-describedby="publish-reasons"' in button(html)
    assert "Nichts zu veröffentlichen: Seit dem aktiven Modell hat sich an den Trainingsdaten nichts geändert" in html
    refused = client.post("/content/publish/start", follow=True).content.decode()
    assert "Nichts zu veröffentlichen" in refused and Publication.objects.count() == 1

    from bot.content.models import FaqEntry

    german = texts(FaqEntry.objects.get(key="dff"))["de"]
    save_text(german, answer=german.answer, examples=german.examples + "\nwo lerne ich deutsch umsonst", user=editor)
    assert changes.current_fingerprint() != current
    assert "disabled" not in button(client.get("/content/publish/").content.decode())


def test_only_training_data_changes_the_fingerprint(db):  # noqa: ARG001
    from bot.content.models import FaqEntry
    from bot.content.review import save_text

    before = changes.current_fingerprint()
    entry = FaqEntry.objects.get(key="dff")
    entry.title = "Deutschkurse"
    entry.save()
    arabic = texts(entry)["ar"]
    save_text(arabic, answer=arabic.answer + " ", examples=arabic.examples, more="تفاصيل")  # not training data
    assert changes.current_fingerprint() == before
    assert changes.fingerprint_of("lotse-0123456789abcdef.tar.gz") == "0123456789abcdef"

"""Publication rules that need no trained model: one at a time, stale runs, never left running.

Training, the guard and the activation in a running Rasa are tested in ``tests/integration/test_publish.py``.
"""

from __future__ import annotations

import argparse
import socket
from datetime import timedelta

import pytest

from bot.content import publish
from bot.content.constants import PublicationStatus


def closed_port_url() -> str:
    """A loopback URL where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture()
def no_process(monkeypatch):
    """start_publication's background process, recorded instead of started."""
    started = []

    class Process:
        def __init__(self, command, **kwargs):
            started.append(command)

        def wait(self):
            return 0

    monkeypatch.setattr(publish.subprocess, "Popen", Process)
    return started


def test_start_queues_and_starts_the_background_process(db, no_process, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("LOTSE_VAR_DIR", str(tmp_path))
    publication = publish.start_publication()
    assert publication.status == PublicationStatus.QUEUED
    assert no_process[0][-4:] == ["content", "publish", "--publication", str(publication.pk)]
    assert publish.latest_publication() == publication


def test_a_second_publication_is_refused_while_one_runs(db, no_process, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("LOTSE_VAR_DIR", str(tmp_path))
    first = publish.start_publication()
    with pytest.raises(publish.PublicationRunning) as refused:
        publish.start_publication()
    assert refused.value.publication == first
    assert len(no_process) == 1


def test_a_stale_publication_no_longer_blocks(db, no_process, tmp_path, monkeypatch):  # noqa: F811
    from bot.content.models import Publication

    monkeypatch.setenv("LOTSE_VAR_DIR", str(tmp_path))
    stale = Publication.objects.create(status=PublicationStatus.TRAINING)
    Publication.objects.filter(pk=stale.pk).update(created_at=stale.created_at - timedelta(hours=3))
    publish.start_publication()
    stale.refresh_from_db()
    assert stale.status == PublicationStatus.FAILED and stale.finished_at is not None


def test_unreachable_rasa_ends_failed_with_a_message(db, monkeypatch):  # noqa: F811
    monkeypatch.setenv("LOTSE_RASA_URL", closed_port_url())
    monkeypatch.delenv(publish.RASA_URLS_VARIABLE, raising=False)
    assert publish.run_publish(argparse.Namespace(publication=None)) == 1
    publication = publish.latest_publication()
    assert publication.status == PublicationStatus.FAILED
    assert "Rasa-Server ist nicht erreichbar" in publication.message
    assert publish.active_publication() is None


def test_an_unexpected_error_ends_failed_not_running(db, monkeypatch):  # noqa: F811
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(publish, "running_model", lambda servers: "lotse-0000.tar.gz")
    monkeypatch.setattr(publish.training_data, "build", broken)
    assert publish.run_publish(argparse.Namespace(publication=None)) == 1
    publication = publish.latest_publication()
    assert publication.status == PublicationStatus.FAILED and "RuntimeError" in publication.message


def test_only_a_queued_publication_is_carried_out(db):  # noqa: F811
    from bot.content.models import Publication

    done = Publication.objects.create(status=PublicationStatus.ACTIVE)
    assert publish.run_publish(argparse.Namespace(publication=done.pk)) == 2

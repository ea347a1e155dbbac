"""Whether there is anything to publish: the training data now against the data of the active model.

A model is named by the fingerprint of its training data (:func:`bot.runtime.model.fingerprint`,
``models/lotse-<fingerprint>.tar.gz``). The training data now is the project's files with the FAQ
from the database (:func:`bot.content.training_data.build`); the active model is the one of the
latest active publication, else the one Rasa reports running (``GET /status``). Building the training
data takes about two seconds, so its fingerprint is kept per process until an FAQ entry or text changes.
"""

from __future__ import annotations

import re
import tempfile
import threading
import urllib.error
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

from django.db.models import Count, Max

from bot.content import training_data
from bot.content.models import FaqEntry, FaqText
from bot.runtime import model

#: A model file named by its fingerprint, as ``lotse run`` and publishing name them.
MODEL_NAME = re.compile(r"^lotse-([0-9a-f]{16})\.tar\.gz$")

_lock = threading.Lock()
_cache: Dict[Tuple[Any, ...], str] = {}


def fingerprint_of(model_file: str) -> Optional[str]:
    """The fingerprint in a model file's name, or None for a model named otherwise.

    >>> fingerprint_of("/srv/models/lotse-421c5ec70bffa2f5.tar.gz"), fingerprint_of("test-model.tar.gz")
    ('421c5ec70bffa2f5', None)
    """
    found = MODEL_NAME.match(Path(model_file).name)
    return found.group(1) if found else None


def _database_state() -> Tuple[Any, ...]:
    """What the FAQ's training data depends on in the database, summed up (changes with every save)."""
    entries = FaqEntry.objects.aggregate(n=Count("id"), latest=Max("updated_at"))
    texts = FaqText.objects.aggregate(n=Count("id"), latest=Max("updated_at"), versions=Max("version"))
    return (entries["n"], entries["latest"], texts["n"], texts["latest"], texts["versions"])


def current_fingerprint() -> str:
    """The fingerprint of the training data as a publication would build it now."""
    state = _database_state()
    with _lock:
        if state in _cache:
            return _cache[state]
    with tempfile.TemporaryDirectory(prefix="lotse-changes-") as folder:
        value = model.fingerprint(training_data.build(Path(folder)))
    with _lock:
        _cache.clear()
        _cache[state] = value
    return value


def running_fingerprint() -> Optional[str]:
    """The fingerprint of the model Rasa runs (``GET /status``); None when Rasa cannot tell."""
    from bot.content import publish

    try:
        return fingerprint_of(publish.running_model(publish.rasa_servers()))
    except (publish.PublicationFailed, urllib.error.URLError, OSError, ValueError):
        return None


def active_fingerprint() -> Optional[str]:
    """The fingerprint of the active model: the latest active publication's, else Rasa's; None when unknown."""
    from bot.content import publish

    active = publish.active_publication()
    found = fingerprint_of(active.model_file) if active is not None and active.model_file else None
    return found or running_fingerprint()


@dataclass(frozen=True)
class PublishState:
    """Whether the training data differs from the active model's (``changed`` is True when unknown)."""

    current: str
    active: Optional[str]

    @property
    def known(self) -> bool:
        """Whether the active model's fingerprint is known."""
        return self.active is not None

    @property
    def changed(self) -> bool:
        """Whether publishing would train or activate another model."""
        return self.active != self.current


def publish_state() -> PublishState:
    """The training data now against the active model."""
    return PublishState(current_fingerprint(), active_fingerprint())

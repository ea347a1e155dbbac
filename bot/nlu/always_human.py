"""Routes messages to a person: always-human topics, and FAQ answers that always go to a person.

Runs last in the pipeline.

- An emergency stays an emergency, and an FAQ answer followed by an urgent ticket stays urgent.
- Otherwise, when the gazetteer finds a topic that editors marked "always to a person" (deportation,
  the asylum procedure), the message's intent becomes ``request_handover`` and the topic is added as
  the entity ``always_human_topic``, whatever the classifiers said; the bot hands over instead of
  answering.
- When the FAQ selector chose an entry whose answer is always followed by a person
  (``handover: ticket``, family reunification) or by an urgent ticket (``handover: urgent``, a
  letter with a deadline), the entity ``handover_topic`` or ``urgent_topic`` names the entry; the
  rules then answer and hand over. The setting comes from ``content/faq.yml``, or from the
  overlay the editor writes when an editor changes it, re-read without retraining.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import paths
from bot.gazetteer.matcher import ALWAYS_HUMAN_TOPIC, Gazetteer
from bot.nlu.gazetteer_extractor import project_gazetteer

HANDOVER_INTENT = "request_handover"
FAQ_INTENT = "faq"
EMERGENCY_INTENT = "emergency"
EXTRACTOR = "AlwaysHumanTopicRouter"
#: Entity naming an FAQ entry whose answer is always followed by a handover, or by an urgent ticket.
HANDOVER_TOPIC = "handover_topic"
URGENT_TOPIC = "urgent_topic"
#: The editor's copy of the FAQ entries' handover settings (in the gazetteer overlay folder).
FAQ_HANDOVER_OVERLAY = "faq_handover.yml"
#: Seconds between checks whether the settings changed.
RELOAD_INTERVAL = 5.0


class FaqHandover:
    """The FAQ entries' handover settings ({key: none|offer|ticket|urgent}), re-read when they change."""

    def __init__(self, shipped: Path, overlay: Path) -> None:
        self.shipped, self.overlay = shipped, overlay
        self._lock = threading.Lock()
        self._checked_at = 0.0
        self._signature: tuple = ()
        self._settings: Dict[str, str] = {}

    def __call__(self, key: str) -> Optional[str]:
        """The handover setting of FAQ entry ``key``."""
        if time.monotonic() - self._checked_at >= RELOAD_INTERVAL:
            self._reload()
        return self._settings.get(key)

    def _reload(self) -> None:
        with self._lock:
            self._checked_at = time.monotonic()
            source = self.overlay if self.overlay.exists() else self.shipped
            signature = (str(source), os.stat(source).st_mtime_ns) if source.exists() else ()
            if signature == self._signature:
                return
            data = yaml.safe_load(source.read_text(encoding="utf-8")) or {} if source.exists() else {}
            self._settings = {key: str((entry or {}).get("handover") or "")
                              for key, entry in (data.get("entries") or {}).items()}
            self._signature = signature


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AlwaysHumanTopicRouter(GraphComponent):
    """Sets ``request_handover`` for always-human topics and marks FAQ answers that go to a person."""

    def __init__(self, gazetteer: Gazetteer, handover: Optional[FaqHandover] = None) -> None:
        self._gazetteer = gazetteer
        self._handover = handover or FaqHandover(paths.faq_content_file(),
                                                 paths.gazetteer_overlay_dir() / FAQ_HANDOVER_OVERLAY)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "AlwaysHumanTopicRouter":
        """Create the router over the project's gazetteer and FAQ settings (read at run time)."""
        return cls(project_gazetteer())

    def process(self, messages: List[Message]) -> List[Message]:
        """Override the intent of messages that name an always-human topic; mark FAQ answers for a person."""
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if intent == EMERGENCY_INTENT:
                continue  # danger is answered first, whatever topic it names
            key = faq_answer_key(message) if intent == FAQ_INTENT else None
            setting = self._handover(key) if key else None
            if setting == "urgent":  # a deportation letter with a deadline stays urgent
                add_entity(message, URGENT_TOPIC, key or "")
                continue
            topics = self._gazetteer.find(message.get(TEXT) or "", [ALWAYS_HUMAN_TOPIC])
            if topics:
                route(message, topics[0].value, topics[0].start, topics[0].end)
            elif setting == "ticket":
                add_entity(message, HANDOVER_TOPIC, key or "")
        return messages


def faq_answer_key(message: Message) -> Optional[str]:
    """The FAQ entry the selector chose for the message ("family_reunification"), if any."""
    selector = (message.get("response_selector") or {}).get(FAQ_INTENT) or {}
    full = (selector.get("response") or {}).get("intent_response_key") or ""
    return full.split("/", 1)[1] if full.startswith(f"{FAQ_INTENT}/") else None


def add_entity(message: Message, name: str, value: str, start: int = 0, end: int = 0) -> None:
    """Add an entity the router found."""
    entity = {"entity": name, "value": value, "start": start, "end": end, "confidence_entity": 1.0,
              "extractor": EXTRACTOR}
    message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)


def route(message: Message, topic: str, start: int, end: int) -> None:
    """Make ``message`` a handover request about ``topic``."""
    intent = {INTENT_NAME_KEY: HANDOVER_INTENT, "confidence": 1.0}
    ranking = [intent] + [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != HANDOVER_INTENT]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    add_entity(message, ALWAYS_HUMAN_TOPIC, topic, start, end)

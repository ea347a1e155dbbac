"""Routes messages naming an always-human topic (deportation, the asylum procedure …) to a person.

Runs last in the pipeline: when the gazetteer finds a topic that editors marked "always to a
person", the message's intent becomes ``request_handover`` and the topic is added as the entity
``always_human_topic``, whatever the classifiers said; the bot then hands over instead of answering.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.gazetteer.matcher import ALWAYS_HUMAN_TOPIC, Gazetteer
from bot.nlu.gazetteer_extractor import project_gazetteer

HANDOVER_INTENT = "request_handover"
EXTRACTOR = "AlwaysHumanTopicRouter"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AlwaysHumanTopicRouter(GraphComponent):
    """Sets ``request_handover`` for messages that name an always-human topic."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "AlwaysHumanTopicRouter":
        """Create the router over the project's gazetteer (read at run time, editable without training)."""
        return cls(project_gazetteer())

    def process(self, messages: List[Message]) -> List[Message]:
        """Override the intent of messages that name an always-human topic."""
        for message in messages:
            topics = self._gazetteer.find(message.get(TEXT) or "", [ALWAYS_HUMAN_TOPIC])
            if topics:
                route(message, topics[0].value, topics[0].start, topics[0].end)
        return messages


def route(message: Message, topic: str, start: int, end: int) -> None:
    """Make ``message`` a handover request about ``topic``."""
    intent = {INTENT_NAME_KEY: HANDOVER_INTENT, "confidence": 1.0}
    ranking = [intent] + [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != HANDOVER_INTENT]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    entity = {"entity": ALWAYS_HUMAN_TOPIC, "value": topic, "start": start, "end": end, "confidence_entity": 1.0,
              "extractor": EXTRACTOR}
    message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)

"""Rasa component: entities from the gazetteer (municipality, service_type, course_level, language).

The data is read at run time from ``gazetteer/`` and ``locales/languages.yml``,
so adding a place or a spelling needs no retraining. The ``language`` entity is
only extracted for ``choose_language``: "German course" names no language choice.
"""

from __future__ import annotations

import functools
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import paths
from bot.gazetteer.matcher import COURSE_LEVEL, LANGUAGE, MUNICIPALITY, SERVICE_TYPE, Gazetteer, spacy_tokenize

#: The intent for which the ``language`` entity is extracted.
CHOOSE_LANGUAGE = "choose_language"


@functools.lru_cache(maxsize=1)
def project_gazetteer() -> Gazetteer:
    """The gazetteer over the project's data files (one per process)."""
    return Gazetteer(paths.gazetteer_dir(), paths.locales_dir() / "languages.yml", spacy_tokenize(),
                     overlay_dir=paths.gazetteer_overlay_dir())


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class GazetteerEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Finds gazetteer names and adds them as entities with normalized values."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "GazetteerEntityExtractor":
        """Create the extractor over the project's gazetteer."""
        return cls(project_gazetteer())

    def process(self, messages: List[Message]) -> List[Message]:
        """Add the gazetteer entities of each message."""
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            wanted = [MUNICIPALITY, SERVICE_TYPE, COURSE_LEVEL]
            if intent in (None, CHOOSE_LANGUAGE):
                wanted.append(LANGUAGE)
            entities = [
                {"entity": m.entity, "value": m.value, "start": m.start, "end": m.end,
                 "confidence_entity": 1.0}
                for m in self._gazetteer.find(message.get(TEXT) or "", wanted)
            ]
            message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(entities), add_to_output=True)
        return messages

"""Rasa component: identifies each message's language (see :mod:`bot.languages.identification`).

It trains an n-gram model on the NLU data (every intent block carries
``metadata: {language: <code>}``) and the sentences of each language's catalog, and writes the top-level parse keys
``language``, ``language_confidence`` and ``language_ambiguous``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.gazetteer.matcher import COURSE_LEVEL, MUNICIPALITY, SERVICE_TYPE
from bot.i18n import catalogs
from bot.languages import registry
from bot.languages.identification import Hints, LanguageIdentifier, NgramModel, training_pairs
from bot.linear_model import fast_coefficients
from bot.nlu.gazetteer_extractor import project_gazetteer
from bot.nlu.constants import (
    LANGUAGE,
    LANGUAGE_AMBIGUOUS,
    LANGUAGE_CONFIDENCE,
    METADATA_CONVERSATION_LANGUAGE,
    METADATA_LANGUAGE_HINT,
)

_MODEL_FILE = "language_ngrams.joblib"


def gazetteer_names(text: str) -> List[Tuple[int, int]]:
    """The spans of the towns, offices and levels the gazetteer finds in ``text``."""
    return [(m.start, m.end) for m in project_gazetteer().find(text, [MUNICIPALITY, SERVICE_TYPE, COURSE_LEVEL])]


def labelled_language(message: Message) -> Optional[str]:
    """The language an NLU training example is labelled with (intent-level metadata)."""
    metadata = message.get("metadata") or {}
    intent_metadata = metadata.get("intent") or {}
    return intent_metadata.get(LANGUAGE) if isinstance(intent_metadata, dict) else None


def message_hints(message: Message) -> Hints:
    """The language hints a channel put into the message metadata."""
    metadata = message.get("metadata") or {}
    if not isinstance(metadata, dict):
        return Hints()
    return Hints(conversation=metadata.get(METADATA_CONVERSATION_LANGUAGE), channel=metadata.get(METADATA_LANGUAGE_HINT))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class LanguageIdentifierComponent(GraphComponent):
    """Identifies the language of every message."""

    def __init__(self, model_storage: ModelStorage, resource: Resource, ngram_model: Optional[NgramModel] = None) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._identifier = LanguageIdentifier(registry(), ngram_model, names=gazetteer_names)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LanguageIdentifierComponent":
        """Create an untrained component."""
        return cls(model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LanguageIdentifierComponent":
        """Load the trained n-gram model."""
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / _MODEL_FILE)
        except (ValueError, FileNotFoundError):
            return cls(model_storage, resource)
        fast_coefficients(model.classifier)  # models trained before fit did it
        return cls(model_storage, resource, model)

    def train(self, training_data: TrainingData) -> Resource:
        """Train the n-gram model on the labelled NLU examples and the catalogs' sentences."""
        examples = [(m.get(TEXT), labelled_language(m)) for m in training_data.intent_examples]
        codes = {language for _, language in examples if language}
        examples += [(sentence, code) for code in sorted(codes) for sentence in catalogs.sentences(code)]
        texts, languages = training_pairs(examples)
        if len(set(languages)) >= 2:
            model = NgramModel().fit(texts, languages)
            with self._model_storage.write_to(self._resource) as directory:
                joblib.dump(model, directory / _MODEL_FILE)
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Label training examples with their language, so tokenization follows it."""
        for message in training_data.training_examples:
            language = labelled_language(message)
            if language:
                message.set(LANGUAGE, language)
            elif message.get(TEXT):
                self._identify(message)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """Identify the language of each message."""
        for message in messages:
            self._identify(message)
        return messages

    def _identify(self, message: Message) -> None:
        detection = self._identifier.identify(message.get(TEXT) or "", message_hints(message))
        message.set(LANGUAGE, detection.language, add_to_output=True)
        message.set(LANGUAGE_CONFIDENCE, detection.confidence, add_to_output=True)
        message.set(LANGUAGE_AMBIGUOUS, detection.ambiguous, add_to_output=True)

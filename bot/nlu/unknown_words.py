"""Rasa's FallbackClassifier, also falling back when the message has no word the training data has.

Character n-grams find something familiar in any text, so nonsense ("blub blub", "Zebra Pyramide
Ozean Gitarre") can reach an intent, even ``emergency``, above the confidence threshold. This
classifier learns the words of the training data; a message none of whose words it has seen
falls back unless the intent is clear anyway (``unknown_words_max_confidence``; misspelt but
recognisable messages stay answered).
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, FrozenSet, List, Optional, Text, Type

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import INTENT, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

_WORD = re.compile(r"[^\W\d_]{2,}")
_VOCABULARY_FILE = "vocabulary.json"


def words(text: str) -> List[str]:
    """The words of a text (letters only, at least two), case-folded.

    >>> words("Wo ist das Jobcenter in Ulm? 123 ok")
    ['wo', 'ist', 'das', 'jobcenter', 'in', 'ulm', 'ok']
    """
    return _WORD.findall((text or "").casefold())


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsFallbackClassifier(FallbackClassifier):
    """Fallback below the threshold, on ambiguity (as Rasa's), for messages of only unknown words, and for
    blank ones."""

    def __init__(self, config: Dict[Text, Any], model_storage: Optional[ModelStorage] = None,
                 resource: Optional[Resource] = None, vocabulary: FrozenSet[str] = frozenset()) -> None:
        super().__init__(config)
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary

    @classmethod
    def required_components(cls) -> List[Type]:
        """None for the graph check: as a trainable component Rasa would demand a classifier before its
        training, which no classifier provides. It runs after the intent classifiers (config.yml order)."""
        return []

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Rasa's defaults plus the confidence above which unknown words do not matter."""
        return {**FallbackClassifier.get_default_config(), "unknown_words_max_confidence": 0.6}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "UnknownWordsFallbackClassifier":
        """An untrained classifier (no vocabulary yet)."""
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "UnknownWordsFallbackClassifier":
        """The classifier with the training data's vocabulary."""
        try:
            with model_storage.read_from(resource) as directory:
                vocabulary = json.loads((directory / _VOCABULARY_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            vocabulary = []
        return cls(config, model_storage, resource, frozenset(vocabulary))

    def train(self, training_data: TrainingData) -> Resource:
        """Learn the words of the training examples."""
        vocabulary = sorted({w for m in training_data.training_examples for w in words(m.get(TEXT))})
        with self._model_storage.write_to(self._resource) as directory:
            (directory / _VOCABULARY_FILE).write_text(json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8")
        self.vocabulary = frozenset(vocabulary)
        return self._resource

    def _should_fallback(self, message: Message) -> bool:
        blank = not (message.get(TEXT) or "").strip()  # nothing to understand, whatever the classifier says
        return blank or super()._should_fallback(message) or self._only_unknown_words(message)

    def _only_unknown_words(self, message: Message) -> bool:
        found = words(message.get(TEXT))
        confidence = (message.get(INTENT) or {}).get(PREDICTED_CONFIDENCE_KEY) or 0.0
        return (bool(self.vocabulary) and bool(found) and not any(w in self.vocabulary for w in found)
                and confidence < self.component_config["unknown_words_max_confidence"])

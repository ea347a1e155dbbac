"""Rasa component: the multilingual sentence encoder's embedding as a dense sentence feature.

The intent classifier and the FAQ selector combine a model over the word and character n-gram counts
with a second one over this embedding (:mod:`bot.encoder`), so a message whose words the training
data never had is still understood by what it means. Every message is embedded when it arrives;
of the training data, the first ``max_per_label`` examples of each intent (or FAQ entry) in each
language: the embedding model needs far fewer examples than the n-gram model, and embedding costs
about 30 ms per text on one core. The encoder is loaded when the component is created: without it,
training and start-up stop.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Dict, List, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import paths
from bot.encoder import Encoder, embed_many, encoder
from bot.nlu.constants import LANGUAGE


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEncoderFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds the sentence encoder's embedding of the text as a dense sentence feature."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The featurizer's defaults: how many training examples per label and language to embed."""
        return {**DenseFeaturizer.get_default_config(), "max_per_label": 15}

    def __init__(self, config: Dict[Text, Any], name: Text, model: Encoder) -> None:
        super().__init__(name, config)
        self._encoder = model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SentenceEncoderFeaturizer":
        """Create the featurizer; loads the encoder, or raises ``EncoderUnavailable``."""
        return cls({**cls.get_default_config(), **config}, execution_context.node_name, encoder())

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        """``max_per_label`` must be positive."""
        if int(config.get("max_per_label", 15)) <= 0:
            raise ValueError("SentenceEncoderFeaturizer: max_per_label must be positive")

    def _add(self, messages: List[Message], vectors: np.ndarray) -> None:
        for message, vector in zip(messages, vectors):
            self.add_features_to_message(None, vector[np.newaxis, :].astype(np.float32), TEXT, message)

    def process(self, messages: List[Message]) -> List[Message]:
        """Add the embedding to each message."""
        wanted = [m for m in messages if m.get(TEXT)]
        if wanted:
            self._add(wanted, self._encoder.embed([m.get(TEXT) for m in wanted]))
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Add the embedding to the first ``max_per_label`` examples of each label and language."""
        chosen = training_sample(training_data.intent_examples, int(self._config["max_per_label"]))
        if chosen:
            self._add(chosen, embed_many([m.get(TEXT) for m in chosen], paths.encoder_cache()))
        return training_data


def training_sample(examples: List[Message], per_label: int) -> List[Message]:
    """The first ``per_label`` examples of each (intent or FAQ entry, language) that have a text."""
    counts: Counter = Counter()
    chosen = []
    for message in examples:
        label = (message.get(INTENT_RESPONSE_KEY) or message.get(INTENT), message.get(LANGUAGE))
        if message.get(TEXT) and label[0] and counts[label] < per_label:
            counts[label] += 1
            chosen.append(message)
    return chosen

"""Which FAQ entry answers a question: the intent classifier's two models (n-grams and meaning) over FAQ keys.

Rasa's ResponseSelector is a neural network: 3.5 of the 5.5 minutes of training, 730 MB of Rasa's
memory and most of the NLU's CPU per message; on the held-out set it chose the right FAQ entry for
97.6 % of the FAQ questions. The same logistic regression as the intent classifier, trained on the
``faq`` examples with their answer keys as labels, chooses it as well or better (``make eval``), trains
in half a minute and needs no TensorFlow at run time.

Its output is the ResponseSelector's, which Rasa's ``utter_faq`` action and Lotse's evaluation and
gap report read: ``response_selector.faq.response.intent_response_key`` ("faq/wohngeld"), with
``utter_action``, ``confidence`` and a ``ranking``. It runs only for messages where the intent
classifier gives the retrieval intent at least ``min_intent_confidence``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.nlu.training_data.util import intent_response_key_to_template_key

from bot.nlu.intent_classifier import TunedLogisticRegressionClassifier


def intent_confidence(message: Message, intent: str) -> float:
    """The confidence the intent classifier gave ``intent`` for the message (0 when not ranked)."""
    top = message.get(INTENT) or {}
    if top.get(INTENT_NAME_KEY) == intent:
        return float(top.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
    for ranked in message.get(INTENT_RANKING_KEY) or []:
        if ranked.get(INTENT_NAME_KEY) == intent:
            return float(ranked.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
    return 0.0


def selection(ranking: List[Tuple[str, float]]) -> Dict[str, Any]:
    """The ResponseSelector's output for answer keys ranked best first.

    >>> selection([("faq/dff", 0.9), ("faq/wohngeld", 0.1)])["response"]["utter_action"]
    'utter_faq/dff'
    """
    key, confidence = ranking[0]
    return {
        RESPONSE_SELECTOR_PREDICTION_KEY: {
            PREDICTED_CONFIDENCE_KEY: confidence,
            INTENT_RESPONSE_KEY: key,
            RESPONSE_SELECTOR_UTTER_ACTION_KEY: intent_response_key_to_template_key(key),
        },
        RESPONSE_SELECTOR_RANKING_KEY: [{PREDICTED_CONFIDENCE_KEY: c, INTENT_RESPONSE_KEY: k} for k, c in ranking],
    }


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class FaqSelector(TunedLogisticRegressionClassifier):
    """Chooses the FAQ entry for messages the retrieval intent could be meant for."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The classifier's defaults plus the retrieval intent and its confidence needed to run."""
        return {**TunedLogisticRegressionClassifier.get_default_config(),
                "retrieval_intent": "faq", "min_intent_confidence": 0.05}

    @property
    def retrieval_intent(self) -> str:
        """The intent whose answers this component chooses ("faq")."""
        return self.config["retrieval_intent"]

    def _labelled(self, training_data: TrainingData) -> Tuple[List[Message], List[str]]:
        """The retrieval intent's examples, labelled with their answer keys ("faq/dff")."""
        examples = [e for e in training_data.intent_examples
                    if e.get(INTENT) == self.retrieval_intent and e.get(TEXT) and e.get(INTENT_RESPONSE_KEY)]
        return examples, [e.get(INTENT_RESPONSE_KEY) for e in examples]

    def process(self, messages: List[Message]) -> List[Message]:
        """Add the chosen answer to each message where the retrieval intent is plausible."""
        if not hasattr(self.clf, "classes_"):
            return messages
        plausible = [m for m in messages
                     if intent_confidence(m, self.retrieval_intent) >= self.config["min_intent_confidence"]]
        if not plausible:
            return messages
        probabilities = self.probabilities(plausible)
        for message, row in zip(plausible, probabilities):
            ranking = sorted(zip(self.clf.classes_, row.tolist()), key=lambda pair: -pair[1])
            properties = message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}
            properties[RESPONSE_SELECTOR_RETRIEVAL_INTENTS] = [self.retrieval_intent]
            properties[self.retrieval_intent] = selection(ranking[: self.config["ranking_length"]])
            message.set(RESPONSE_SELECTOR_PROPERTY_NAME, properties, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Leave the training data as it is (no later component needs the chosen answers)."""
        return training_data

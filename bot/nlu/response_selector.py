"""Rasa's ResponseSelector, run only for messages where the retrieval intent is plausible.

Rasa runs the selector's neural network for every message, a third of the NLU's CPU, although its
answer (which FAQ entry) is used only when the intent is ``faq``. This selector skips messages whose
intent ranking gives the retrieval intent less than ``min_intent_confidence``; everything else is
Rasa's component unchanged (training, model files, output).
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY
from rasa.shared.nlu.training_data.message import Message


def intent_confidence(message: Message, intent: str) -> float:
    """The confidence the intent classifier gave ``intent`` for the message (0 when not ranked)."""
    top = message.get(INTENT) or {}
    if top.get(INTENT_NAME_KEY) == intent:
        return float(top.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
    for ranked in message.get(INTENT_RANKING_KEY) or []:
        if ranked.get(INTENT_NAME_KEY) == intent:
            return float(ranked.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
    return 0.0


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class PlausibleResponseSelector(ResponseSelector):
    """A ResponseSelector that answers only messages the retrieval intent could be meant for."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Rasa's defaults plus ``min_intent_confidence`` (the retrieval intent's confidence to run)."""
        return {**ResponseSelector.get_default_config(), "min_intent_confidence": 0.05}

    def process(self, messages: List[Message]) -> List[Message]:
        """Select the response for the messages where the retrieval intent is plausible."""
        plausible = [m for m in messages
                     if intent_confidence(m, self.retrieval_intent) >= self.component_config["min_intent_confidence"]]
        if plausible:
            super().process(plausible)
        return messages

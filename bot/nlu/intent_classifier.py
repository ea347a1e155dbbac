"""Rasa's logistic-regression intent classifier with its regularisation made configurable.

Rasa fixes ``C = 1`` and 100 iterations; with tens of thousands of sparse character n-gram
features that under-fits. ``C`` and ``max_iter`` come from ``config.yml``.

It also keeps the coefficients in the memory order scikit-learn's prediction reads them in
(:mod:`bot.linear_model`): 0.1 instead of 1.8 ms per message.
"""

from __future__ import annotations

from typing import Any, Dict, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

from bot.linear_model import fast_coefficients


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TunedLogisticRegressionClassifier(LogisticRegressionClassifier):
    """Logistic regression over the sparse features, with configurable ``C``."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Rasa's defaults plus ``C`` (inverse regularisation strength) and more iterations."""
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0, "max_iter": 1000}

    def __init__(self, config: Dict[Text, Any], name: Text, model_storage: ModelStorage,
                 resource: Resource) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.set_params(C=self.config["C"])

    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> "TunedLogisticRegressionClassifier":
        """Rasa's loading, with the coefficients put in the fast memory order once."""
        component = super().load(*args, **kwargs)
        fast_coefficients(component.clf)
        return component

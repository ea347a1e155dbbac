"""Rasa's logistic-regression intent classifier with its regularisation made configurable.

Rasa fixes ``C = 1`` and 100 iterations; with tens of thousands of sparse character n-gram
features that under-fits. ``C`` and ``max_iter`` come from ``config.yml``.

It also keeps the coefficients in the memory order scikit-learn's prediction reads them in
(:mod:`bot.linear_model`): 0.1 instead of 1.8 ms per message, and builds a message's feature row
from its sentence features alone (Rasa also combines the per-token features it then drops, with a
deep copy and two rounds of scipy's matrix stacking per message).
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix, vstack

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message

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

    def _create_X(self, messages: List[Message]) -> csr_matrix:
        """The messages' feature rows: what Rasa's ``_create_X`` builds, from the sentence features only."""
        return vstack([sentence_row(message) for message in messages], format="csr")


def sentence_row(message: Message) -> csr_matrix:
    """The message's sparse then dense sentence features of its text, side by side in one row.

    The same row as Rasa's ``_create_X`` (features in the message's order, all featurizers), put
    together from the index arrays instead of by scipy's general block stacking.
    """
    sentence = [f for f in message.features if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE]
    blocks = [f.features for f in sentence if f.is_sparse()] + [f.features for f in sentence if f.is_dense()]
    data, columns, width = [], [], 0
    for block in blocks:
        block = coo_matrix(block)
        data.append(block.data)
        columns.append(block.col + width)
        width += block.shape[1]
    data_row = np.concatenate(data) if data else np.zeros(0)
    column_row = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int32)
    return csr_matrix((data_row, column_row, [0, len(data_row)]), shape=(1, width))

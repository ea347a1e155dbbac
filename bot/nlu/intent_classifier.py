"""Rasa's logistic-regression intent classifier, with configurable ``C`` and a second model over meaning.

Rasa fixes ``C = 1`` and 100 iterations; with tens of thousands of sparse character n-gram
features that under-fits. ``C`` and ``max_iter`` come from ``config.yml``.

Two models decide together. One reads the message's sparse word and character n-gram counts (all
training examples); the other reads the sentence encoder's embedding (the examples the
:class:`~bot.nlu.sentence_encoder.SentenceEncoderFeaturizer` embedded). Their probabilities are
averaged with ``dense_weight`` (0.5; with ``dense_C`` = 100, chosen by a held-back fifth of the
training data: 86.6 % intent accuracy for the n-grams alone, 89.3 % together). Without dense
features the n-gram model decides alone.

The coefficients are kept in the memory order scikit-learn's prediction reads them in
(:mod:`bot.linear_model`), and a message's feature row is built from its sentence features alone
(Rasa also combines the per-token features it then drops).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

import numpy as np
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import coo_matrix, csr_matrix, vstack
from sklearn.linear_model import LogisticRegression

from bot.linear_model import fast_coefficients

#: The file of the model over meaning, beside Rasa's file of the n-gram model.
DENSE_SUFFIX = ".dense.skops"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TunedLogisticRegressionClassifier(LogisticRegressionClassifier):
    """Logistic regression over the sparse features (configurable ``C``), averaged with one over the embedding."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Rasa's defaults plus ``C``, more iterations, and the model over the embedding."""
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0, "max_iter": 1000,
                "dense_C": 100.0, "dense_weight": 0.5}

    def __init__(self, config: Dict[Text, Any], name: Text, model_storage: ModelStorage,
                 resource: Resource) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.set_params(C=self.config["C"])
        self.dense_clf: Optional[LogisticRegression] = None

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "TunedLogisticRegressionClassifier":
        """Rasa's loading, the model over the embedding beside it, coefficients in the fast memory order."""
        import skops.io as sio

        component = super().load(config, model_storage, resource, execution_context, **kwargs)
        fast_coefficients(component.clf)
        try:
            with model_storage.read_from(resource) as directory:
                path = directory / f"{resource.name}{DENSE_SUFFIX}"
                if path.exists():
                    component.dense_clf = sio.load(path, trusted=sio.get_untrusted_types(file=path))
        except ValueError:
            component.dense_clf = None
        return component

    def persist(self) -> None:
        """Rasa's file of the n-gram model, and the model over the embedding beside it."""
        import skops.io as sio

        super().persist()
        if self.dense_clf is not None:
            with self._model_storage.write_to(self._resource) as directory:
                sio.dump(self.dense_clf, directory / f"{self._resource.name}{DENSE_SUFFIX}")

    def _create_X(self, messages: List[Message]) -> csr_matrix:
        """The messages' sparse feature rows (their sentence features only)."""
        return vstack([sentence_row(message) for message in messages], format="csr")

    def _labelled(self, training_data: TrainingData) -> Tuple[List[Message], List[str]]:
        """The training examples and their labels (intents)."""
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        return examples, [e.get(INTENT) for e in examples]

    def train(self, training_data: TrainingData) -> Resource:
        """Train the n-gram model on every example, the model over meaning on the embedded ones."""
        examples, labels = self._labelled(training_data)
        if not examples:
            return self._resource
        self.clf.fit(self._create_X(examples), labels)
        embedded = [(dense, label) for e, label in zip(examples, labels)
                    for dense in [dense_row(e)] if dense is not None]
        if len({label for _, label in embedded}) >= 2:
            self.dense_clf = LogisticRegression(C=self.config["dense_C"], max_iter=self.config["max_iter"],
                                                class_weight="balanced", random_state=self.config["random_state"])
            self.dense_clf.fit(np.vstack([d for d, _ in embedded]), [label for _, label in embedded])
        self.persist()
        return self._resource

    def probabilities(self, messages: List[Message]) -> np.ndarray:
        """Each message's probability per class of the n-gram model (``clf.classes_``), combined with meaning."""
        width = self.clf.n_features_in_  # a blank text has no tokens, so no features: a row of zeros
        rows = [row if row.shape[1] else csr_matrix((1, width)) for row in map(sentence_row, messages)]
        probabilities = self.clf.predict_proba(vstack(rows, format="csr"))
        if self.dense_clf is None:
            return probabilities
        weight = self.config["dense_weight"]
        columns = [list(self.dense_clf.classes_).index(c) if c in self.dense_clf.classes_ else -1
                   for c in self.clf.classes_]
        for index, message in enumerate(messages):
            dense = dense_row(message)
            if dense is None:
                continue
            meaning = self.dense_clf.predict_proba(dense[np.newaxis, :])[0]
            aligned = np.array([meaning[c] if c >= 0 else 0.0 for c in columns])
            probabilities[index] = (1 - weight) * probabilities[index] + weight * aligned
        return probabilities

    def process(self, messages: List[Message]) -> List[Message]:
        """The most likely intent of each message and the ranking."""
        probabilities = self.probabilities(messages)
        for message, row in zip(messages, probabilities):
            ranking = sorted(({"name": k, "confidence": float(v)} for k, v in zip(self.clf.classes_, row)),
                             key=lambda e: -e["confidence"])
            message.set("intent", ranking[0], add_to_output=True)
            if self.config["ranking_length"] > 0:
                ranking = ranking[: self.config["ranking_length"]]
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages


def dense_row(message: Message) -> Optional[np.ndarray]:
    """The message's dense sentence features of its text (the embedding), or None without them."""
    dense = [f.features for f in message.features
             if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE and f.is_dense()]
    return np.asarray(dense[0]).reshape(-1) if dense else None


def sentence_row(message: Message) -> csr_matrix:
    """The message's sparse sentence features of its text, side by side in one row.

    The sparse part of Rasa's ``_create_X`` row (features in the message's order), put together
    from the index arrays instead of by scipy's general block stacking.
    """
    sentence = [f.features for f in message.features
                if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE and f.is_sparse()]
    data, columns, width = [], [], 0
    for block in sentence:
        block = coo_matrix(block)
        data.append(block.data)
        columns.append(block.col + width)
        width += block.shape[1]
    data_row = np.concatenate(data) if data else np.zeros(0)
    column_row = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int32)
    return csr_matrix((data_row, column_row, [0, len(data_row)]), shape=(1, width))

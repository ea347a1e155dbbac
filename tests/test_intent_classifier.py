"""The classifier's n-gram rows are Rasa's sparse rows; the embedding feeds a second model beside them."""

import numpy as np
import scipy.sparse as sp
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.intent_classifier import TunedLogisticRegressionClassifier, dense_row


def _message(seed, dense=False, tokens=3):
    rng = np.random.default_rng(seed)
    message = Message(data={TEXT: "wo ist der Kurs"})
    for origin, width in (("words", 40), ("chars", 90)):
        sentence = sp.coo_matrix(rng.integers(0, 3, (1, width)) * (rng.random((1, width)) < 0.2))
        message.add_features(Features(sentence, FEATURE_TYPE_SENTENCE, TEXT, origin))
        message.add_features(Features(sp.coo_matrix(rng.integers(0, 2, (tokens, width))), FEATURE_TYPE_SEQUENCE,
                                      TEXT, origin))
    message.add_features(Features(sp.coo_matrix(np.ones((1, 5))), FEATURE_TYPE_SENTENCE, INTENT, "other"))
    if dense:
        message.add_features(Features(rng.random((1, 7)), FEATURE_TYPE_SENTENCE, TEXT, "dense"))
    return message


def test_sparse_rows_are_rasas():
    for messages in ([_message(1)], [_message(seed, tokens=seed) for seed in range(3, 9)],
                     [Message(data={TEXT: "ohne Merkmale"})]):
        ours = TunedLogisticRegressionClassifier._create_X(None, messages)
        rasas = LogisticRegressionClassifier._create_X(None, messages)
        assert ours.shape == rasas.shape
        assert np.array_equal(ours.toarray(), rasas.toarray())


def test_the_embedding_is_kept_apart_from_the_sparse_row():
    with_embedding, without = _message(2, dense=True), _message(2)
    assert np.array_equal(TunedLogisticRegressionClassifier._create_X(None, [with_embedding]).toarray(),
                          TunedLogisticRegressionClassifier._create_X(None, [without]).toarray())
    assert dense_row(with_embedding).shape == (7,) and dense_row(without) is None


def test_a_message_without_features_gets_probabilities_not_an_error():
    from sklearn.linear_model import LogisticRegression

    messages = [_message(seed) for seed in range(6)]
    classifier = TunedLogisticRegressionClassifier.__new__(TunedLogisticRegressionClassifier)
    classifier.clf = LogisticRegression().fit(TunedLogisticRegressionClassifier._create_X(None, messages),
                                              ["greet", "thank"] * 3)
    classifier.dense_clf = None
    blank = Message(data={TEXT: "   "})  # no tokens, so no features
    rows = classifier.probabilities([blank, _message(7)])
    assert rows.shape == (2, 2) and np.allclose(rows.sum(axis=1), 1.0)

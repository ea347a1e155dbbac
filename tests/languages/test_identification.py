"""Language identification without a trained model: scripts, Tigrinya, ambiguity and hints."""

import numpy as np
import pytest

from bot.languages import registry
from bot.languages.identification import AMHARIC, Hints, LanguageIdentifier, NgramModel


@pytest.fixture(scope="module")
def identifier():
    return LanguageIdentifier(registry())


@pytest.mark.parametrize("text, language", [
    ("ሰላም ኣበይ ኣሎ እቲ ጆብሰንተር", "ti"),
    ("ምስ ኢንተግራሲዮን ማናጀር ክዛረብ ደልየ", "ti"),
    ("де знаходиться джобцентр у Фрайбурзі", "uk"),
    ("где находится джобцентр во Фрайбурге", "ru"),
    ("کجا میتونم کلاس زبان آلمانی پیدا کنم", "fa"),
    ("وين بلاقي دورة لغة ألمانية بشتوتغارت", "ar"),
    ("Ich suche einen Deutschkurs in Stuttgart", "de"),
    ("I am looking for a German course in Stuttgart", "en"),
])
def test_clear_messages_are_identified_without_hints(identifier, text, language):
    detection = identifier.identify(text)
    assert detection.language == language
    assert not detection.ambiguous


@pytest.mark.parametrize("text, language", [
    ("скасовую запис", "uk"),            # no letter only Ukrainian has: the dictionaries decide
    ("сильно болить серце", "uk"),
    ("увидимся завтра", "ru"),
    ("сильно болит сердце", "ru"),
    ("Ulm'da kurs var mi", "tr"),        # Turkish case ending after a German name
    ("Stuttgart'tan geldim", "tr"),
    ("wie geht's dir", "de"),            # an apostrophe alone is not Turkish
])
def test_short_messages_of_close_languages(identifier, text, language):
    assert identifier.identify(text).language == language


def test_amharic_is_recognised_and_not_mistaken_for_tigrinya(identifier):
    assert identifier.identify("ሰላም እንዴት ነህ የት ነው ያለው").language == AMHARIC


@pytest.mark.parametrize("text", ["ok", "👍", "سلام", "Esslingen", "Termin Jobcenter", "?"])
def test_short_ambiguous_messages_keep_the_conversation_language(identifier, text):
    detection = identifier.identify(text, Hints(conversation="ti"))
    assert detection.ambiguous
    assert detection.language == "ti"


def test_channel_hint_decides_a_message_without_letters(identifier):
    assert identifier.identify("👍👍", Hints(channel="uk")).language == "uk"


def test_a_clear_message_overrides_the_conversation_language(identifier):
    detection = identifier.identify("Можете, будь ласка, допомогти мені з курсом німецької мови?",
                                    Hints(conversation="de"))
    assert detection.language == "uk"
    assert not detection.ambiguous


@pytest.mark.parametrize("text", ["", "\x00\x01", "1234", "https://example.org", "a" * 10000])
def test_odd_input_never_fails(identifier, text):
    assert identifier.identify(text).language in registry()


@pytest.mark.parametrize("text", ["ich suche einen deutschkurs", "ok", "👍", "ሰላም", "مرحبا"])
def test_detection_is_plain_json(text):
    """The parse result travels to the action server as JSON: a numpy bool there silenced every reply."""
    import dataclasses
    import json

    model = NgramModel().fit(["ich suche einen kurs", "i need a course", "أبحث عن دورة", "ሓገዝ ደልየ"], ["de", "en", "ar", "ti"])
    detection = LanguageIdentifier(registry(), model).identify(text, Hints())
    assert json.loads(json.dumps(dataclasses.asdict(detection)))["language"] == detection.language


@pytest.mark.parametrize("text, language", [
    ("Jobcenter icin Termin lazim", "tr"),       # German office words, Turkish typed without ş/ı
    ("Integrationskurs ne zaman basliyor", "tr"),
    ("де мені взяти Termin", "uk"),
    ("где мне взять Termin", "ru"),
    ("wo ist das Jobcenter", "de"),
    ("where is the Jobcenter", "en"),
])
def test_short_messages_with_german_office_words_keep_their_language(trained_identifier, text, language):
    assert trained_identifier.identify(text, Hints()).language == language


@pytest.fixture(scope="module")
def trained_identifier():
    """The identifier as the NLU component builds it: its n-gram model trained on the project's data."""
    from rasa.shared.nlu.training_data.loading import load_data

    from bot import paths

    texts, languages = [], []
    for path in sorted((paths.PROJECT_ROOT / "nlu").glob("*/nlu.yml")):
        for message in load_data(str(path)).intent_examples:
            texts.append(message.get("text"))
            languages.append(path.parent.name)
    return LanguageIdentifier(registry(), NgramModel().fit(texts, languages))


@pytest.mark.parametrize("text", ["wo ist das Jobcenter", "Привіт, де курс?", "سلام عليكم", "ok", "👍", "",
                                  "b1 " * 300])
def test_direct_features_and_langid_scores_are_scikit_learns_and_py3langids(trained_identifier, text):
    """The per-message shortcuts (TF-IDF from counts, py3langid over present features) change no figure."""
    from bot.languages.identification import _langid, langid_probabilities

    model = trained_identifier.ngram_model
    assert np.allclose(model.features([text]).toarray(), model.vectorizer.transform([text]).toarray())
    expected_languages = model.classifier.predict_proba(model.vectorizer.transform([text]))[0]
    assert list(model.probabilities(text).values()) == pytest.approx(list(expected_languages), abs=1e-9)
    candidates = ["de", "en", "tr", "uk", "ru"]
    ranked = dict(_langid().rank(text))
    floored = {c: max(ranked.get(c, 0.0), 1e-9) for c in candidates}
    expected = {c: v / sum(floored.values()) for c, v in floored.items()}
    assert langid_probabilities(text, candidates) == pytest.approx(expected, abs=1e-6)

"""Responses are rendered in the conversation's language, right-to-left where needed."""

import pytest

from bot.i18n.bidi import FSI, PDI, RLM
from bot.languages import registry
from bot.nlg.renderer import UnknownResponse, render

GREETING_WORDS = {"de": "Hallo", "en": "Hello", "ar": "مرحب", "uk": "Вітаю", "ru": "Здравствуйте",
                  "ti": "ሰላም", "fa": "سلام", "tr": "Merhaba", "ps": "سلام", "ku": "Silav", "so": "Salaan",
                  "fr": "Bonjour"}


def tracker(language=None, events=None, **slots):
    return {"slots": {"language": language, **slots}, "latest_message": {}, "events": events or [{"event": "bot"}]}


@pytest.mark.parametrize("code", registry().required_codes)
def test_answers_in_the_slot_language(code):
    text = render("utter_greet", {}, tracker(code))["text"]
    assert GREETING_WORDS[code] in text


def test_falls_back_to_the_latest_message_language():
    assert "Merhaba" in render("utter_greet", {}, {"slots": {}, "latest_message": {"language": "tr"}})["text"]


def test_language_argument_overrides_the_slot():
    text = render("utter_language_changed", {"language": "uk"}, tracker("de"))["text"]
    assert "україн" in text.lower()


def test_rtl_text_starts_with_rlm_and_isolates_german_names():
    text = render("utter_municipality_noted", {}, tracker("ar", municipality="Esslingen am Neckar"))["text"]
    assert text.startswith(RLM)
    assert f"{FSI}Esslingen am Neckar{PDI}" in text


def test_language_buttons_show_each_language_in_its_own_name():
    buttons = render("utter_ask_language", {}, tracker("de"))["buttons"]
    assert {b["title"] for b in buttons} == {lang.endonym for lang in registry()}
    assert '/choose_language{"language": "ti"}' in {b["payload"] for b in buttons}


def test_first_contact_introduces_lotse_and_the_human_integration_manager():
    first = render("utter_greet", {}, {"slots": {"language": "de"}, "events": [{"event": "user"}]})["text"]
    later = render("utter_greet", {}, tracker("de"))["text"]
    assert "Lotse" in first and "Integrationsmanagement" in first
    assert "Lotse" not in later


def test_emergency_numbers_in_every_language():
    for code in registry().required_codes:
        text = render("utter_emergency", {}, tracker(code))["text"]
        for number in ("110", "112", "116 016", "0800 111 0 111"):
            assert number in text, (code, number)


def test_unknown_response_is_an_error():
    with pytest.raises(UnknownResponse):
        render("utter_does_not_exist", {}, tracker("de"))


@pytest.mark.parametrize("code", registry().required_codes)
def test_first_contact_carries_the_privacy_notice_with_the_retention_period(code, monkeypatch):
    monkeypatch.setenv("LOTSE_RETENTION_DAYS", "30")
    first = render("utter_greet", {}, {"slots": {"language": code}, "events": [{"event": "user"}]})["text"]
    later = render("utter_greet", {}, tracker(code))["text"]
    assert "30" in first and "30" not in later
    assert "90" not in first

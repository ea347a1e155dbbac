"""Commands typed in the web chat reach the assistant as on Telegram (``/human`` → request_handover)."""

import json

import pytest

from tests.channels.conftest import web_client


def say(browser, text):
    """Post ``text`` to the web chat API as the page does."""
    return browser.post("/chat/api/messages", json.dumps({"text": text}), content_type="application/json",
                        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value)


@pytest.mark.parametrize("typed, payload", [("/human", "/request_handover"), (" /HUMAN ", "/request_handover"),
                                            ("/delete", "/delete_my_data"), ("/language", "/choose_language")])
def test_a_typed_command_reaches_the_assistant_as_its_intent(db, fake_rasa, typed, payload):
    browser = web_client()
    browser.get("/")
    assert say(browser, typed).status_code == 200
    assert fake_rasa.messages()[-1]["message"] == payload


@pytest.mark.parametrize("text", ["human", "Ich brauche Hilfe / Unterstützung"])
def test_other_messages_pass_unchanged(db, fake_rasa, text):
    browser = web_client()
    browser.get("/")
    assert say(browser, text).status_code == 200
    assert fake_rasa.messages()[-1]["message"] == text


@pytest.mark.parametrize("typed, words", [
    ("/human please", "human please"),
    ('/emergency{"municipality": "Tübingen"}', 'emergency{"municipality": "Tübingen"}'),
    ('/choose_language{"language": "uk"}', 'choose_language{"language": "uk"}'),
    ("/my_appointments", "my_appointments"), ("//", "?"),
])
def test_a_typed_rasa_command_that_was_not_offered_reaches_the_nlu_as_words(db, fake_rasa, typed, words):
    browser = web_client()
    browser.get("/")
    assert say(browser, typed).status_code == 200
    assert fake_rasa.messages()[-1]["message"] == words


def test_a_button_just_offered_passes_unchanged_and_only_in_the_next_message(db, fake_rasa):
    payload = '/choose_language{"language": "uk"}'
    fake_rasa.answer = lambda sender, message: [{"text": "Welche Sprache?", "buttons": [
        {"title": "Українська", "payload": payload}]}]
    browser = web_client()
    browser.get("/")
    say(browser, "Sprache")
    assert say(browser, payload).status_code == 200
    assert fake_rasa.messages()[-1]["message"] == payload
    fake_rasa.answer = lambda sender, message: [{"text": "Добре."}]
    say(browser, "ok")
    say(browser, payload)  # offered two turns ago: no longer a button of the conversation
    assert fake_rasa.messages()[-1]["message"] == payload[1:]


def test_lone_surrogates_and_nul_never_reach_rasa(db, fake_rasa):
    from bot.channels.assistant import relay

    relay("web-surrogates", "Hallo\ud800 Welt\x00", None)
    assert fake_rasa.messages()[-1]["message"] == "Hallo Welt"

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


@pytest.mark.parametrize("text", ["/human please", "human", '/choose_language{"language": "uk"}'])
def test_other_messages_and_button_payloads_pass_unchanged(db, fake_rasa, text):
    browser = web_client()
    browser.get("/")
    assert say(browser, text).status_code == 200
    assert fake_rasa.messages()[-1]["message"] == text

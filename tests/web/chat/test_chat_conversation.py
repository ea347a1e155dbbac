"""The conversation behind the page: shown again after a reload, ended on a shared device, cleared after deletion."""

from __future__ import annotations

import json

from bot.conversations import ERASE_MARKER
from bot.web.views import chat
from tests.web.chat.conftest import open_page, say

LANGUAGE_BUTTONS = [{"title": "Deutsch", "payload": '/choose_language{"language": "de"}'},
                    {"title": "العربية", "payload": '/choose_language{"language": "ar"}'}]
DELETE_BUTTONS = [{"title": "Ja, alles löschen", "payload": '/inform{"delete_confirmed": "yes"}'},
                  {"title": "Nein, nichts löschen", "payload": '/inform{"delete_confirmed": "no"}'}]


def tracker(*events):  # type: ignore[no-untyped-def]
    """Rasa's tracker answer with these events."""
    return 200, {"sender_id": "x", "events": list(events), "paused": False, "slots": {}}


def user(text, at):  # type: ignore[no-untyped-def]
    return {"event": "user", "text": text, "timestamp": at, "metadata": {"model_id": "m"}}


def bot(text, at, buttons=(), **metadata):  # type: ignore[no-untyped-def]
    return {"event": "bot", "text": text, "timestamp": at, "metadata": metadata,
            "data": {"buttons": list(buttons), "custom": None}}


def test_without_a_conversation_the_history_is_empty_and_rasa_is_not_asked(browser, fake_rasa):
    assert browser.get("/chat/api/history").json() == {"messages": [], "latest": 0.0}
    assert fake_rasa.requests == []


def test_the_history_shows_both_sides_in_order_with_titles_for_payloads_and_the_last_buttons(browser, fake_rasa):
    say(browser, "Hallo")
    fake_rasa.fail_next("tracker", *tracker(
        {"event": "action", "name": "action_session_start"},
        user("/greet", 1.0),
        bot("Ich bin Lotse.\n\nWie kann ich helfen?", 2.0),
        user("Sprache ändern", 3.0),
        bot("In welcher Sprache?", 4.0, LANGUAGE_BUTTONS),
        user('/choose_language{"language": "ar"}', 5.0),
        bot("حسنًا.", 6.0),
        bot("", 6.5, custom={"x": 1}),
        bot("سأتصل بكم غدًا.", 7.0, from_manager=True, message_id="not-an-id"),
        bot("هل تريدون حذف بياناتكم؟", 8.0, DELETE_BUTTONS),
    ))
    shown = browser.get("/chat/api/history?lang=ar").json()
    assert [(m["from"], m["text"]) for m in shown["messages"]] == [
        ("bot", "Ich bin Lotse."), ("bot", "Wie kann ich helfen?"),
        ("client", "Sprache ändern"), ("bot", "In welcher Sprache?"),
        ("client", "العربية"),  # the pressed button's title, never its payload
        ("bot", "حسنًا."), ("bot", "سأتصل بكم غدًا."), ("bot", "هل تريدون حذف بياناتكم؟"),
    ]
    assert [len(m["buttons"]) for m in shown["messages"]] == [0, 0, 0, 0, 0, 0, 0, 2]
    labels = [m["label"] for m in shown["messages"]]
    assert labels[6] and set(labels[:6] + labels[7:]) == {""}
    assert shown["latest"] == 8.0


def test_polling_goes_on_after_the_history(browser, fake_rasa):
    say(browser, "Hallo")
    fake_rasa.fail_next("tracker", *tracker(user("Hallo", 1.0), bot("Antwort", 2.0),
                                            bot("Erinnerung", 3.0, utter_action="utter_appointment_reminder")))
    latest = browser.get("/chat/api/history").json()["latest"]
    fake_rasa.fail_next("tracker", *tracker(user("Hallo", 1.0), bot("Antwort", 2.0),
                                            bot("Erinnerung", 3.0, utter_action="utter_appointment_reminder")))
    assert browser.get("/chat/api/messages", {"after": latest}).json()["messages"] == []


def test_ending_forgets_the_conversation_and_the_next_message_starts_a_new_one(browser, fake_rasa):
    say(browser, "Hallo")
    first = fake_rasa.messages()[-1]["sender"]
    ended = browser.post("/chat/api/end?lang=uk", HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value)
    assert ended.status_code == 200 and ended.json()["ended"] is True
    assert ended.json()["message"] == chat.ui_texts("uk")["ended"]
    assert browser.get("/chat/api/history").json()["messages"] == []
    say(browser, "Hallo")
    assert fake_rasa.messages()[-1]["sender"] != first


def test_ending_needs_the_csrf_token(browser, fake_rasa):
    say(browser, "Hallo")
    refused = browser.post("/chat/api/end")
    assert refused.status_code == 403 and refused.json()["error"] == "invalid"
    assert browser.session["lotse_client"]  # nothing was forgotten


def test_after_confirmed_deletion_the_page_is_told_to_clear_and_gets_a_new_identity(browser, fake_rasa):
    fake_rasa.answer = lambda sender, message: [{"text": "Wirklich löschen?", "buttons": DELETE_BUTTONS}]
    say(browser, "Lösche meine Daten")
    first = fake_rasa.messages()[-1]["sender"]
    fake_rasa.answer = lambda sender, message: [{"text": "Ich habe alles gelöscht."}, {"custom": ERASE_MARKER}]
    answer = say(browser, "ja")
    assert answer.json() == {"messages": [{"text": "Ich habe alles gelöscht.", "buttons": []}], "erased": True}
    assert browser.get("/chat/api/history").json()["messages"] == []  # Rasa is not even asked
    say(browser, "Hallo")
    assert fake_rasa.messages()[-1]["sender"] != first


def test_a_no_to_the_deletion_keeps_the_conversation(browser, fake_rasa):
    fake_rasa.answer = lambda sender, message: [{"text": "Wirklich löschen?", "buttons": DELETE_BUTTONS}]
    say(browser, "Lösche meine Daten")
    first = fake_rasa.messages()[-1]["sender"]
    fake_rasa.answer = lambda sender, message: [{"text": "Ich lösche nichts."}]
    assert say(browser, "nein").json() == {"messages": [{"text": "Ich lösche nichts.", "buttons": []}]}
    say(browser, "Hallo")
    assert fake_rasa.messages()[-1]["sender"] == first


def test_answers_do_not_ask_the_tracker(browser, fake_rasa):
    say(browser, "Hallo")
    say(browser, "Noch etwas")
    assert fake_rasa.calls("tracker") == []


def test_a_paused_conversation_answers_nothing_and_sets_nothing(db, fake_rasa):
    browser = open_page()
    say(browser, "Hallo")
    fake_rasa.paused.add(fake_rasa.messages()[-1]["sender"])
    answer = say(browser, "Sind Sie da?")
    assert answer.status_code == 200 and json.loads(answer.content) == {"messages": []}

"""Courses, offices and appointments from the sample directory, through the web chat, in four languages.

The facts asserted (addresses, course dates) are those of the sample directory in
bot/directory/sample, which `make run` loads.
"""

from datetime import date

import pytest

from bot.directory import sample
from bot.i18n.formatting import format_value
from bot.nlg import labels
from tests import clock
from tests.integration.stack import Client, label_of, opening_of, plain, text_of

pytestmark = pytest.mark.slow

COURSE_REQUESTS = {
    "de": "Ich suche einen Deutschkurs in Tübingen",
    "ar": "أبحث عن دورة لغة ألمانية في توبنغن",
    "uk": "шукаю курс німецької мови в Тюбінгені",
    "ti": "ኣብ ቱቢንገን ናይ ጀርመንኛ ኮርስ ደልየ ኣለኹ",
}
OFFICE_REQUESTS = {
    "de": "Wo ist das Jobcenter in Esslingen?",
    "ar": "وين الجوب سنتر في إسلينغن",
    "uk": "де знаходиться джобцентр в Есслінгені",
    "ti": "ኣብ ኤስሊንገን ጆብሰንተር ኣበይ ኣሎ",
}
APPOINTMENT_REQUESTS = {
    "de": "Ich möchte einen Termin bei meiner Integrationsmanagerin",
    "ar": "بدي موعد مع مديرة الاندماج",
    "uk": "хочу записатися на зустріч з інтеграційним менеджером",
    "ti": "ምስ ኢንተግራሲዮን ማናጀር ቆጸራ ክሕዝ ደልየ",
}
#: The first course of the sample directory in Tübingen (VHS Tübingen, integration course A1); its start in the
#: package (2027-01-11) is moved to the week the stack loaded the sample.
TUEBINGEN_COURSE = {"address": "Musterstraße 18, 72072 Tübingen",
                    "start_date": sample.shifted(date(2027, 1, 11), clock.today()).isoformat()}
ESSLINGEN_JOBCENTER = "Erfundener Weg 14, 73728 Esslingen am Neckar"


def press_payload(client, fragment):
    """Press the button whose payload contains ``fragment`` (titles differ per language)."""
    button = next(b for b in client.buttons() if fragment in b["payload"])
    return client.reply(button["payload"])


@pytest.mark.parametrize("code", list(COURSE_REQUESTS))
def test_course_search_asks_only_what_is_missing_and_lists_courses(stack, code):
    client = Client(stack.web)
    asked = client.reply(COURSE_REQUESTS[code])
    assert opening_of(code, "utter_ask_course_level") in asked  # the place was in the message: not asked
    assert opening_of(code, "utter_ask_course_need") in press_payload(client, '"unknown"')
    answer = press_payload(client, '"none"')
    assert opening_of(code, "utter_courses_found") in answer
    assert TUEBINGEN_COURSE["address"] in answer
    assert plain(format_value(TUEBINGEN_COURSE["start_date"], code, "start_date")) in answer
    assert label_of(code, labels.COURSE_TYPES["integration_general"]) in answer


def test_course_search_remembers_the_place_and_offers_a_person_when_nothing_fits(stack):
    client = Client(stack.web)
    assert "Tübingen" in client.reply("Ich wohne in Tübingen")
    asked = client.reply("Ich suche einen Deutschkurs")
    assert opening_of("de", "utter_ask_course_level") in asked
    client.reply('/inform{"course_level": "C1"}')
    answer = press_payload(client, '"childcare"')
    assert opening_of("de", "utter_courses_none") in answer
    assert any("request_handover" in b["payload"] for b in client.buttons())


@pytest.mark.parametrize("code", list(OFFICE_REQUESTS))
def test_office_with_address_and_whether_it_is_open(stack, code):
    answer = Client(stack.web).reply(OFFICE_REQUESTS[code])
    assert ESSLINGEN_JOBCENTER in answer
    states = [labels.OPEN_NOW, labels.CLOSED_NOW, labels.CLOSED_HOLIDAY, labels.BY_APPOINTMENT]
    assert any(label_of(code, state) in answer for state in states)


def test_opening_hours_list_the_week_in_the_clients_language(stack):
    answer = Client(stack.web).reply("متى يفتح الجوب سنتر في إسلينغن")
    assert "الاثنين" in answer  # Monday, from Babel's Arabic day names
    assert ESSLINGEN_JOBCENTER not in answer


@pytest.mark.parametrize("code", list(APPOINTMENT_REQUESTS))
def test_book_list_and_cancel_an_appointment(stack, code):
    client = Client(stack.web)
    assert opening_of(code, "utter_ask_municipality") in client.reply(APPOINTMENT_REQUESTS[code])
    assert opening_of(code, "utter_ask_appointment_purpose") in client.reply("Tübingen")
    assert opening_of(code, "utter_ask_preferred_day") in press_payload(client, '"documents"')
    press_payload(client, '"any"')
    slots = [b for b in client.buttons() if "appointment_slot" in b["payload"]]
    assert len(slots) == 3
    booked = client.reply(slots[0]["payload"])
    assert opening_of(code, "utter_appointment_booked") in booked
    assert plain(slots[0]["title"]) in booked  # the confirmation repeats the chosen date and time

    listed = client.reply('/my_appointments')
    assert plain(slots[0]["title"]) in listed
    client.reply('/cancel_appointment')
    cancelled = press_payload(client, "appointment_id")
    assert opening_of(code, "utter_appointment_cancelled") in cancelled
    assert opening_of(code, "utter_no_appointments") in client.reply('/my_appointments')


def test_a_slot_taken_meanwhile_is_never_booked_twice(stack):
    first, second = Client(stack.web), Client(stack.web)
    for client in (first, second):
        client.reply("Ich brauche einen Termin in Tübingen")
        press_payload(client, '"work"')
        press_payload(client, '"any"')
    offered = next(b for b in second.buttons() if "appointment_slot" in b["payload"])
    assert offered["payload"] in [b["payload"] for b in first.buttons()]
    assert opening_of("de", "utter_appointment_booked") in first.reply(offered["payload"])
    answer = second.reply(offered["payload"])
    assert opening_of("de", "utter_slot_taken") in answer
    assert offered["payload"] not in [b["payload"] for b in second.buttons()]  # new offers, without it
    first.reply("/cancel_appointment")
    press_payload(first, "appointment_id")


def test_an_arabic_client_finds_a_course_by_pressing_buttons_in_a_real_browser(stack, artifacts_dir):
    from playwright.sync_api import sync_playwright

    from tests.conftest import chromium_path
    from tests.integration.test_conversation import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{stack.web}/?lang=ar")
        page.fill("#text", COURSE_REQUESTS["ar"])
        page.click("form button[type=submit]")
        page.get_by_role("button", name=plain(text_of("ar", "utter_ask_course_level|button6"))).click()
        page.get_by_role("button", name=plain(text_of("ar", "utter_ask_course_need|button2"))).click()
        course = page.locator(".msg.bot", has_text=TUEBINGEN_COURSE["address"]).first
        course.wait_for(timeout=60000)
        assert course.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert label_of("ar", labels.COURSE_TYPES["integration_general"]) in plain(course.inner_text())
        page.screenshot(path=str(artifacts_dir / "web-chat-ar-course-search.png"), full_page=True)
        browser.close()


def test_an_unreadable_database_gets_a_short_answer_and_the_bot_recovers(stack):
    """The data file vanishes (a disk or mount failure): a clear answer, then service as before."""
    from bot.web.ui_texts import ui_texts

    database = stack.logs / "lotse.sqlite3"
    moved = database.with_name("lotse.sqlite3.away")
    client = Client(stack.web)
    database.rename(moved)
    try:
        # the web process's sessions live in the same file: the web chat itself answers, in JSON
        response = client.say("Wo ist das Jobcenter in Esslingen?")
    finally:
        database.unlink(missing_ok=True)  # the empty file SQLite created meanwhile
        moved.rename(database)
    assert response.status_code == 503 and response.json()["message"] == ui_texts("de")["unavailable"]
    assert ESSLINGEN_JOBCENTER in client.reply("Wo ist das Jobcenter in Esslingen?")


def sender_of(client):
    """The pseudonymous sender id Rasa knows this browser session by (from its session in the database)."""
    import os
    import sqlite3
    from pathlib import Path

    from django.contrib.sessions.backends.db import SessionStore

    from bot.privacy import pseudonym

    key = client.session.cookies["sessionid"]
    with sqlite3.connect(Path(os.environ["LOTSE_VAR_DIR"]) / "lotse.sqlite3") as database:
        (data,) = database.execute("SELECT session_data FROM django_session WHERE session_key = ?", (key,)).fetchone()
    session = SessionStore().decode(data)
    return pseudonym("web", session["lotse_client"], os.environ["LOTSE_PSEUDONYM_KEY"])


def booked_and_asked_to_cancel(client):
    """Book an appointment in Tübingen and ask to cancel it; the offered slot and the appointment's id (the
    cancel question's buttons name it; the question is left open)."""
    import re

    client.reply("Ich brauche einen Termin in Tübingen")
    press_payload(client, '"family"')
    press_payload(client, '"any"')
    slot = next(b for b in client.buttons() if "appointment_slot" in b["payload"])
    client.reply(slot["payload"])
    client.reply("Ich möchte meinen Termin absagen")
    return slot, re.search(r'"appointment_id": "(\d+)"', client.buttons()[0]["payload"]).group(1)


def trigger_reminder(stack, client, appointment_id):
    """What Rasa's scheduler does when the reminder is due."""
    import requests

    triggered = requests.post(
        f"http://127.0.0.1:{stack.ports.rasa}/conversations/{sender_of(client)}/trigger_intent",
        params={"token": "test-token"}, timeout=60,
        json={"name": "EXTERNAL_appointment_reminder", "entities": {"appointment_id": appointment_id}})
    assert triggered.status_code == 200, triggered.text


def test_the_reminder_the_day_before_reaches_the_web_chat(stack):
    client = Client(stack.web)
    slot, appointment_id = booked_and_asked_to_cancel(client)
    assert opening_of("de", "utter_appointment_kept") in client.reply("Nein")  # the cancel question is closed
    trigger_reminder(stack, client, appointment_id)
    reminders = client.manager_replies()
    assert len(reminders) == 1 and opening_of("de", "utter_appointment_reminder") in reminders[0]
    assert plain(slot["title"]) in reminders[0]


def test_a_reminder_while_the_cancel_question_is_open_cancels_nothing(stack):
    client = Client(stack.web)
    slot, appointment_id = booked_and_asked_to_cancel(client)
    trigger_reminder(stack, client, appointment_id)
    reminders = client.manager_replies()
    assert len(reminders) == 1 and plain(slot["title"]) in reminders[0]

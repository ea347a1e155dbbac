"""delete_my_data through the web chat: confirmation, then the conversation, appointments and tickets are gone."""

import re

import pytest

from tests.integration.stack import Client, opening_of

pytestmark = pytest.mark.slow


def test_nothing_is_deleted_without_confirmation(stack):
    client = Client(stack.web)
    client.reply("Hallo")
    assert opening_of("de", "utter_ask_delete_confirmed") in client.reply("Bitte löschen Sie alle meine Daten")
    no = next(b for b in client.buttons() if '"no"' in b["payload"])
    assert opening_of("de", "utter_delete_cancelled") in client.reply(no["payload"])
    assert opening_of("de", "utter_intro") not in client.reply("Hallo")  # the conversation is still there


def test_confirmed_deletion_erases_conversation_appointments_and_tickets(stack):
    client = Client(stack.web)
    client.reply("Ich brauche einen Termin in Tübingen")
    client.reply('/inform{"appointment_purpose": "work"}')
    client.reply('/inform{"preferred_day": "any"}')
    slot = next(b for b in client.buttons() if "appointment_slot" in b["payload"])
    assert opening_of("de", "utter_appointment_booked") in client.reply(slot["payload"])
    client.reply("Ich möchte mit einem Menschen sprechen")
    ticket = client.reply('/inform{"handover_consent": "yes"}')
    assert re.search(r"T-[0-9A-Z]{4}", ticket)

    client.reply("/delete_my_data")
    yes = next(b for b in client.buttons() if '"yes"' in b["payload"])
    deleted = client.reply(yes["payload"])
    assert opening_of("de", "utter_data_deleted") in deleted
    assert "(1)" in deleted  # one appointment, one ticket

    fresh = client.reply("Hallo")
    assert opening_of("de", "utter_intro") in fresh  # nothing remembered: the first contact again
    assert opening_of("de", "utter_no_appointments") in client.reply("/my_appointments")

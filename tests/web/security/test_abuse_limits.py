"""Abuse limits of the actions: one open ticket per client and topic, at most three coming appointments."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import appointments, handover
from bot.directory import queries
from bot.handover.models import Ticket, TicketNote
from tests import clock

CONVERSATION = [
    {"event": "user", "text": "Ich brauche Hilfe mit meinem Aufenthalt", "timestamp": 1.0,
     "parse_data": {"intent": {"name": "residence_permit"}}},
    {"event": "user", "text": "Ich will mit einem Menschen sprechen", "timestamp": 2.0,
     "parse_data": {"intent": {"name": "request_handover"}}},
]


@pytest.fixture()
def clean(committed_db):
    """Committed data (the actions reach the database from their event loop); the test's rows removed after."""
    from bot.directory.models import Appointment

    yield
    Ticket.objects.filter(client_ref__startswith="web-repeat-").delete()
    Appointment.objects.filter(client_ref__startswith="web-limit-").delete()


def tracker(sender: str, slots=None) -> Tracker:
    return Tracker(sender, {"language": "de", "municipality": "Tübingen", **(slots or {})},
                   {"text": "x", "intent": {"name": "request_handover"}, "metadata": {}}, CONVERSATION, False, None,
                   {}, "action_listen")


def test_a_second_request_on_the_same_topic_adds_to_the_open_ticket(clean):
    sender = "web-repeat-0123456789abcdef01234567"
    first = asyncio.run(handover.open_ticket(tracker(sender), "normal", with_transcript=False))
    again = asyncio.run(handover.open_ticket(tracker(sender), "urgent", with_transcript=False))
    assert again.reference == first.reference
    assert Ticket.objects.filter(client_ref=sender).count() == 1
    ticket = Ticket.objects.get(client_ref=sender)
    assert ticket.urgency == "urgent" and TicketNote.objects.filter(ticket=ticket).count() == 1
    Ticket.objects.filter(pk=ticket.pk).update(status="resolved")
    third = asyncio.run(handover.open_ticket(tracker(sender), "normal", with_transcript=False))
    assert third.reference != first.reference  # once resolved, a new request is a new ticket


def test_a_fourth_coming_appointment_is_refused_with_a_clear_answer(clean):
    sender = "web-limit-0123456789abcdef012345678"
    manager = queries.managers_for("Tübingen")[0]
    slots = queries.free_slots(manager.id, clock.now() + timedelta(days=1), count=4)
    for start in slots[:appointments.MAX_BOOKED]:
        queries.book(manager.id, sender, start, "Wohnung", "de")
    dispatcher = CollectingDispatcher()
    chosen = appointments.slot_value(manager.id, slots[3])
    events = asyncio.run(appointments.ActionBookAppointment().run(
        dispatcher, tracker(sender, {"appointment_slot": chosen, "appointment_purpose": "housing"}), {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_appointment_limit"]
    assert dispatcher.messages[0]["count"] == appointments.MAX_BOOKED
    assert len(queries.appointments_of(sender, clock.now())) == appointments.MAX_BOOKED
    assert all(event["value"] is None for event in events)

"""Appointments with the client's integration manager: book, list, cancel, remind."""

from __future__ import annotations

import datetime as dt
from typing import Any, List, Optional, Text

from rasa_sdk.events import EventType, ReminderCancelled, ReminderScheduled, SlotSet

from actions import data_access
from actions.constants import (
    ANY_DAY, ENTITY_APPOINTMENT_ID, INTENT_APPOINTMENT_REMINDER, SLOT_APPOINTMENT_ID, SLOT_APPOINTMENT_PURPOSE,
    SLOT_APPOINTMENT_SLOT, SLOT_PENDING_TASK, SLOT_PREFERRED_DAY,
)
from actions.tasks import Ask, Done, Task, Turn
from bot.i18n.formatting import format_value
from bot.nlg import labels
from bot.nlg.renderer import render

REMINDER = "utter_appointment_reminder"
#: What the integration manager reads as the purpose (German; the client chose a button).
PURPOSES = {"language_course": "Sprachkurs", "work": "Arbeit und Ausbildung", "housing": "Wohnung",
            "documents": "Ämter und Dokumente", "family": "Familie, Kita und Schule", "other": "Sonstiges"}
#: How many free slots to offer at once.
OFFERED_SLOTS = 3
#: The reminder comes this long before the appointment.
REMIND_BEFORE = dt.timedelta(days=1)


def reminder_name(appointment_id: int) -> str:
    """The name of the reminder of one appointment (to cancel it again)."""
    return f"appointment-{appointment_id}"


def slot_payload(manager_id: int, start: dt.datetime) -> str:
    """The button payload that picks one free slot."""
    return f'/inform{{"appointment_slot": "{manager_id}@{start.isoformat()}"}}'


def parse_slot(value: str) -> Optional[tuple]:
    """``(manager_id, start)`` from a slot payload value, or None when it is malformed."""
    try:
        manager, start = value.split("@", 1)
        return int(manager), dt.datetime.fromisoformat(start)
    except (ValueError, AttributeError):
        return None


def when(start: dt.datetime, language: str) -> str:
    """A button title for a free slot."""
    return format_value(data_access.local_iso(start), language, "when_datetime")


class ActionBookAppointment(Task):
    """Purpose, preferred day, then the free slots as buttons; books the one the client picks."""

    task = "book_appointment"

    def name(self) -> Text:
        """The action's name."""
        return "action_book_appointment"

    async def respond(self, turn: Turn) -> List[EventType]:
        """Ask what is missing, offer free slots, or book the chosen one."""
        place = await turn.municipality()
        if not turn.slot(SLOT_APPOINTMENT_PURPOSE):
            raise Ask("utter_ask_appointment_purpose")
        day = turn.slot(SLOT_PREFERRED_DAY)
        if not day:
            raise Ask("utter_ask_preferred_day")
        chosen = parse_slot(turn.slot(SLOT_APPOINTMENT_SLOT) or "")
        managers = await data_access.ask("managers_for", place.name, turn.language)
        if not managers:
            raise Done("utter_no_manager", municipality=place.name)
        if chosen:
            manager = next((m for m in managers if m.id == chosen[0]), None)
            if manager is not None:
                return await self.book(turn, manager, chosen[1])
        await self.offer_slots(turn, managers[0], day)
        raise Ask()

    async def offer_slots(self, turn: Turn, manager: Any, day: str) -> None:
        """Offer the next free slots of ``manager`` on the preferred weekday."""
        weekdays = None if day == ANY_DAY else {int(day)}
        slots = await data_access.ask("free_slots", manager.id, data_access.now(), weekdays=weekdays,
                                           count=OFFERED_SLOTS)
        if not slots:
            raise Ask("utter_no_free_slots")
        turn.say("utter_offer_slots", manager=manager.name,
                 buttons=[{"title": when(start, turn.language), "payload": slot_payload(manager.id, start)}
                          for start in slots])

    async def book(self, turn: Turn, manager: Any, start: dt.datetime) -> List[EventType]:
        """Book the slot; when someone was faster, offer the next free ones."""
        purpose = PURPOSES.get(turn.slot(SLOT_APPOINTMENT_PURPOSE), PURPOSES["other"])
        try:
            booked = await data_access.ask("book", manager.id, turn.client_ref, start, purpose, turn.language)
        except Exception as error:  # noqa: BLE001 - SlotTaken lives with the ORM, imported lazily
            if type(error).__name__ != "SlotTaken":
                raise
            turn.say("utter_slot_taken")
            await self.offer_slots(turn, manager, turn.slot(SLOT_PREFERRED_DAY) or ANY_DAY)
            return [SlotSet(SLOT_APPOINTMENT_SLOT, None), SlotSet(SLOT_PENDING_TASK, self.task)]
        turn.say("utter_appointment_booked", when_datetime=data_access.local_iso(booked.start),
                 manager=booked.manager_name, where=booked.where)
        events: List[EventType] = [SlotSet(SLOT_APPOINTMENT_SLOT, None), SlotSet(SLOT_APPOINTMENT_PURPOSE, None),
                                   SlotSet(SLOT_PREFERRED_DAY, None)]
        remind_at = booked.start - REMIND_BEFORE
        if remind_at > data_access.now():
            events.append(ReminderScheduled(
                INTENT_APPOINTMENT_REMINDER, trigger_date_time=remind_at, name=reminder_name(booked.id),
                entities=[{"entity": ENTITY_APPOINTMENT_ID, "value": str(booked.id)}], kill_on_user_message=False))
        return events


class ActionMyAppointments(Task):
    """The client's coming appointments."""

    task = "my_appointments"

    def name(self) -> Text:
        """The action's name."""
        return "action_my_appointments"

    async def respond(self, turn: Turn) -> List[EventType]:
        """List them, or offer to book one."""
        appointments = await data_access.ask("appointments_of", turn.client_ref, data_access.now())
        if not appointments:
            raise Done("utter_no_appointments")
        lines = [appointment_line(a, turn.language) for a in appointments]
        turn.say("utter_my_appointments", appointments="\n".join(lines))
        return []


def appointment_line(appointment: Any, language: str) -> str:
    """One appointment as a line of text in ``language``."""
    return labels.localized(labels.APPOINTMENT, language, when_datetime=data_access.local_iso(appointment.start),
                            manager=appointment.manager_name, where=appointment.where)


class ActionCancelAppointment(Task):
    """Cancel one of the client's appointments (asks which one when there are several)."""

    task = "cancel_appointment"

    def name(self) -> Text:
        """The action's name."""
        return "action_cancel_appointment"

    async def respond(self, turn: Turn) -> List[EventType]:
        """Cancel the chosen appointment and its reminder."""
        appointments = await data_access.ask("appointments_of", turn.client_ref, data_access.now())
        if not appointments:
            raise Done("utter_no_appointments")
        chosen = turn.slot(SLOT_APPOINTMENT_ID)
        if not chosen:  # a button per appointment, also for one: it confirms
            turn.say("utter_ask_which_appointment", buttons=[
                {"title": appointment_line(a, turn.language), "payload": f'/inform{{"appointment_id": "{a.id}"}}'}
                for a in appointments])
            raise Ask()
        appointment = next((a for a in appointments if str(a.id) == str(chosen)), None)
        if appointment is None or not await data_access.ask("cancel", appointment.id, turn.client_ref):
            raise Done("utter_appointment_not_found")
        turn.say("utter_appointment_cancelled", when_datetime=data_access.local_iso(appointment.start))
        return [SlotSet(SLOT_APPOINTMENT_ID, None), ReminderCancelled(name=reminder_name(appointment.id))]


class ActionAppointmentReminder(Task):
    """The day before: remind the client, unless the appointment was cancelled meanwhile.

    Rasa runs reminders without a channel to answer on, so the reminder is stored in the
    conversation (the web chat's polling shows it) and pushed to Telegram or WhatsApp clients.
    """

    task = "appointment_reminder"

    def name(self) -> Text:
        """The action's name."""
        return "action_appointment_reminder"

    async def respond(self, turn: Turn) -> List[EventType]:
        """Utter and push the reminder for the appointment named in the reminder's entities."""
        wanted = next(iter(turn.tracker.get_latest_entity_values(ENTITY_APPOINTMENT_ID)), None)
        appointments = await data_access.ask("appointments_of", turn.client_ref, data_access.now())
        for appointment in appointments:
            if str(appointment.id) == str(wanted):
                arguments = {"when_datetime": data_access.local_iso(appointment.start),
                             "manager": appointment.manager_name, "where": appointment.where}
                turn.say(REMINDER, **arguments)
                if not turn.client_ref.startswith("web-"):
                    text = render(REMINDER, arguments, turn.tracker.current_state())["text"]
                    await data_access.call("bot.channels.outbound", "push", turn.client_ref, text,
                                                turn.language)
        return []

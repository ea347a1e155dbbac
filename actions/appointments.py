"""Appointments with the client's integration manager: book, list, cancel, remind.

Booking is the appointment form: town, purpose, preferred day, then the manager's next free times
on that day as options; :class:`ActionBookAppointment` books the one chosen. Cancelling is the cancel
form: the client's appointments as options; :class:`ActionCancelAppointment` cancels the one chosen.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, ReminderCancelled, ReminderScheduled, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from actions import data_access
from actions.constants import (
    ANY_DAY,
    ENTITY_APPOINTMENT_ID,
    INTENT_APPOINTMENT_REMINDER,
    SLOT_APPOINTMENT_ID,
    SLOT_APPOINTMENT_MANAGER,
    SLOT_APPOINTMENT_PURPOSE,
    SLOT_APPOINTMENT_SLOT,
    SLOT_MUNICIPALITY,
    SLOT_OFFERED_APPOINTMENTS,
    SLOT_OFFERED_SLOTS,
    SLOT_PREFERRED_DAY,
    SLOT_TASK_OUTCOME,
    STOPPED,
    UTTER_DIRECTORY_UNAVAILABLE,
)
from actions.forms import ENDED, Message, TaskForm
from bot.channels import outbound
from bot.dialogue import answers, questions
from bot.dialogue.answers import Option
from bot.directory import queries
from bot.directory.errors import DirectoryUnavailable
from bot.i18n.formatting import format_value
from bot.nlg import labels
from bot.nlg.renderer import render

REMINDER = "utter_appointment_reminder"
#: What the integration manager reads as the purpose (German; the client chose an option).
PURPOSES = {"language_course": "Sprachkurs", "work": "Arbeit und Ausbildung", "housing": "Wohnung",
            "documents": "Ämter und Dokumente", "family": "Familie, Kita und Schule", "other": "Sonstiges"}
#: How many free slots to offer at once.
OFFERED_SLOTS = 3
#: The reminder comes this long before the appointment.
REMIND_BEFORE = dt.timedelta(days=1)
#: Working days a preferred day may name (0 = Monday … 4 = Friday).
WEEKDAYS = ("0", "1", "2", "3", "4")


def reminder_name(appointment_id: int) -> str:
    """The name of the reminder of one appointment (to cancel it again)."""
    return f"appointment-{appointment_id}"


def slot_value(manager_id: int, start: dt.datetime) -> str:
    """The ``appointment_slot`` value of one free slot (also the entity in its button's payload).

    >>> slot_value(3, dt.datetime(2030, 1, 8, 9, 0, tzinfo=data_access.BERLIN))
    '3@2030-01-08T09:00:00+01:00'
    """
    return f"{manager_id}@{start.isoformat()}"


def parse_slot(value: str) -> Optional[tuple]:
    """``(manager_id, start)`` from a slot value, or None when it is malformed.

    >>> parse_slot("3@2030-01-08T09:00:00+01:00")[0], parse_slot("morgen")
    (3, None)
    """
    try:
        manager, start = value.split("@", 1)
        return int(manager), dt.datetime.fromisoformat(start)
    except (ValueError, AttributeError):
        return None


def when(start: dt.datetime, language: str) -> str:
    """A free slot or an appointment's time, as the client reads it."""
    return format_value(data_access.local_iso(start), language, "when_datetime")


async def offer(manager: Any, day: str) -> List[str]:
    """The manager's next free slots on the preferred weekday (any day for ``any``), as slot values."""
    weekdays = None if day == ANY_DAY else {int(day)}
    starts = await data_access.run(queries.free_slots, manager.id, data_access.now(), weekdays=weekdays,
                                   count=OFFERED_SLOTS)
    return [slot_value(manager.id, start) for start in starts]


class ValidateAppointmentForm(TaskForm):
    """Reads the answers of the appointment booking: town, purpose, day, one of the offered times."""

    own_intents = ("book_appointment",)
    task_slots = (SLOT_APPOINTMENT_PURPOSE, SLOT_PREFERRED_DAY, SLOT_APPOINTMENT_SLOT, SLOT_OFFERED_SLOTS,
                  SLOT_APPOINTMENT_MANAGER)

    def name(self) -> Text:
        """The validator's name."""
        return "validate_appointment_form"

    def other_slots(self, domain: DomainDict, requested: str) -> List[str]:
        """Also new offers (the client named another day while the times were asked) are no unclear answer."""
        return [*super().other_slots(domain, requested), SLOT_OFFERED_SLOTS]

    async def validate_municipality(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> Dict[Text, Any]:
        """A town of the directory whose integration managers book appointments in the chat."""
        found = await self.municipality_answer(value, dispatcher, tracker)
        place = found.get(SLOT_MUNICIPALITY)
        if place and not await data_access.run(queries.managers_for, place):
            dispatcher.utter_message(response="utter_no_manager", municipality=place)
            return {**found, SLOT_TASK_OUTCOME: ENDED, REQUESTED_SLOT: None}
        return found

    def validate_appointment_purpose(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> Dict[Text, Any]:
        """What the appointment is about ("I don't know" is "something else")."""
        message = Message.of(tracker)
        text = str(value or "")
        if text in PURPOSES:
            return {SLOT_APPOINTMENT_PURPOSE: text}
        if answers.dont_know(text, message.language):
            return {SLOT_APPOINTMENT_PURPOSE: "other"}
        return {SLOT_APPOINTMENT_PURPOSE: answers.choose(
            text, questions.options(SLOT_APPOINTMENT_PURPOSE, message.language), message.language,
            SLOT_APPOINTMENT_PURPOSE, similar=data_access.similar)}

    async def validate_preferred_day(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> Dict[Text, Any]:
        """A working day, "tomorrow" or any day; the manager's free times on it become the offers."""
        message = Message.of(tracker)
        day = preferred_day(str(value or ""), message)
        if day is None:
            if answers.weekday(str(value or ""), data_access.now().date(), message.language) in (5, 6):
                dispatcher.utter_message(response="utter_no_free_slots")  # no appointments at weekends
            return {SLOT_PREFERRED_DAY: None}
        return await self.offers_for(day, dispatcher, tracker)

    async def offers_for(self, day: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        """The offers of the client's manager on ``day``, or "none free" and the day asked again."""
        message = Message.of(tracker)
        managers = await data_access.run(queries.managers_for, tracker.get_slot(SLOT_MUNICIPALITY), message.language)
        if not managers:
            dispatcher.utter_message(response="utter_no_manager", municipality=tracker.get_slot(SLOT_MUNICIPALITY))
            return {SLOT_PREFERRED_DAY: None, SLOT_TASK_OUTCOME: ENDED, REQUESTED_SLOT: None}
        for manager in managers:  # the best-suited manager first; another one of the place when they are busy
            offers = await offer(manager, day)
            if offers:
                return {SLOT_PREFERRED_DAY: day, SLOT_OFFERED_SLOTS: offers, SLOT_APPOINTMENT_MANAGER: manager.name}
        dispatcher.utter_message(response="utter_no_free_slots")
        return {SLOT_PREFERRED_DAY: None}

    async def validate_appointment_slot(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                        domain: DomainDict) -> Dict[Text, Any]:
        """One of the offered times: its button, its number, its time or weekday; another day offers anew."""
        message = Message.of(tracker)
        text = str(value or "")
        offered = list(tracker.get_slot(SLOT_OFFERED_SLOTS) or [])
        if text in offered or (parse_slot(text) and message.is_payload):
            return {SLOT_APPOINTMENT_SLOT: text}
        chosen = offered_slot(text, offered, message)
        if chosen:
            return {SLOT_APPOINTMENT_SLOT: chosen}
        day = preferred_day(text, message)
        if day is not None:
            found = await self.offers_for(day, dispatcher, tracker)
            if found.get(SLOT_OFFERED_SLOTS):
                return {SLOT_APPOINTMENT_SLOT: None, **found}
            return {SLOT_APPOINTMENT_SLOT: None, SLOT_OFFERED_SLOTS: offered}
        return {SLOT_APPOINTMENT_SLOT: None}


def preferred_day(text: str, message: Message) -> Optional[str]:
    """A working day ("0" … "4") or ``any`` from a button or a typed answer, else None."""
    if text in WEEKDAYS or text == ANY_DAY:
        return text
    if answers.any_day(text, message.language) or answers.dont_know(text, message.language):
        return ANY_DAY
    day = answers.weekday(text, data_access.now().date(), message.language)
    return str(day) if day is not None and day < 5 else None


def offered_slot(text: str, offered: List[str], message: Message) -> Optional[str]:
    """The offered slot a typed answer picks: by number or label, by its time, by its weekday, or any."""
    starts = {value: parse_slot(value)[1].astimezone(data_access.BERLIN) for value in offered if parse_slot(value)}
    options = [Option(value, (when(start, message.language),)) for value, start in starts.items()]
    chosen = answers.choose(text, options, message.language)
    if chosen:
        return chosen
    at = answers.clock_time(text, message.language)
    day = answers.weekday(text, data_access.now().date(), message.language)
    fitting = [value for value, start in starts.items()
               if (at is None or start.time() == at) and (day is None or start.weekday() == day)]
    if (at is not None or day is not None) and fitting:
        return fitting[0]
    if answers.any_day(text, message.language) and offered:
        return offered[0]
    return None


#: The most coming appointments one client may have booked (a typed or scripted client cannot fill a calendar).
MAX_BOOKED = 3


class ActionBookAppointment(Action):
    """When the appointment form is done: book the chosen time, or offer the next ones if it was taken;
    a client with :data:`MAX_BOOKED` coming appointments is told to cancel one first."""

    def name(self) -> Text:
        """The action's name."""
        return "action_book_appointment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Book the appointment and schedule its reminder."""
        if tracker.get_slot(SLOT_TASK_OUTCOME):
            return [SlotSet(SLOT_TASK_OUTCOME, None)]
        message = Message.of(tracker)
        chosen = parse_slot(tracker.get_slot(SLOT_APPOINTMENT_SLOT) or "")
        purpose = PURPOSES.get(tracker.get_slot(SLOT_APPOINTMENT_PURPOSE) or "", PURPOSES["other"])
        try:
            coming = await data_access.run(queries.appointments_of, tracker.sender_id, data_access.now())
            if len(coming) >= MAX_BOOKED:
                dispatcher.utter_message(response="utter_appointment_limit", count=len(coming))
                return [SlotSet(slot, None) for slot in ValidateAppointmentForm.task_slots]
            booked = await data_access.run(queries.book, chosen[0], tracker.sender_id, chosen[1], purpose,
                                           message.language)
        except queries.SlotTaken:
            dispatcher.utter_message(response="utter_slot_taken")
            return [SlotSet(SLOT_APPOINTMENT_SLOT, None), SlotSet(SLOT_OFFERED_SLOTS, None),
                    FollowupAction("appointment_form")]
        except DirectoryUnavailable:
            dispatcher.utter_message(response=UTTER_DIRECTORY_UNAVAILABLE)
            return []
        dispatcher.utter_message(response="utter_appointment_booked",
                                 when_datetime=data_access.local_iso(booked.start), manager=booked.manager_name,
                                 where=booked.where)
        events: List[EventType] = [SlotSet(slot, None) for slot in ValidateAppointmentForm.task_slots]
        remind_at = booked.start - REMIND_BEFORE
        if remind_at > data_access.now():
            events.append(ReminderScheduled(
                INTENT_APPOINTMENT_REMINDER, trigger_date_time=remind_at, name=reminder_name(booked.id),
                entities=[{"entity": ENTITY_APPOINTMENT_ID, "value": str(booked.id)}], kill_on_user_message=False))
        return events


class ActionMyAppointments(Action):
    """The client's coming appointments."""

    def name(self) -> Text:
        """The action's name."""
        return "action_my_appointments"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """List them, or offer to book one."""
        language = Message.of(tracker).language
        try:
            appointments = await data_access.run(queries.appointments_of, tracker.sender_id, data_access.now())
        except DirectoryUnavailable:
            dispatcher.utter_message(response=UTTER_DIRECTORY_UNAVAILABLE)
            return []
        if not appointments:
            dispatcher.utter_message(response="utter_no_appointments")
        else:
            dispatcher.utter_message(response="utter_my_appointments",
                                     appointments="\n".join(appointment_line(a, language) for a in appointments))
        return []


def appointment_line(appointment: Any, language: str) -> str:
    """One appointment as a line of text in ``language``."""
    return labels.localized(labels.APPOINTMENT, language, when_datetime=data_access.local_iso(appointment.start),
                            manager=appointment.manager_name, where=appointment.where)


class ActionAskAppointmentId(Action):
    """The cancel form's question: the client's appointments as options (or that there are none)."""

    def name(self) -> Text:
        """The action's name."""
        return "action_ask_appointment_id"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Offer the appointments as buttons, also a single one (the button confirms)."""
        language = Message.of(tracker).language
        try:
            appointments = await data_access.run(queries.appointments_of, tracker.sender_id, data_access.now())
        except DirectoryUnavailable:
            dispatcher.utter_message(response=UTTER_DIRECTORY_UNAVAILABLE)
            return [SlotSet(SLOT_TASK_OUTCOME, ENDED), SlotSet(REQUESTED_SLOT, None)]
        if not appointments:
            dispatcher.utter_message(response="utter_no_appointments")
            return [SlotSet(SLOT_TASK_OUTCOME, ENDED), SlotSet(REQUESTED_SLOT, None)]
        offered = [{"id": str(a.id), "label": appointment_line(a, language), "start": a.start.isoformat()}
                   for a in appointments]
        dispatcher.utter_message(response="utter_ask_which_appointment", buttons=[
            {"title": o["label"], "payload": f'/inform{{"appointment_id": "{o["id"]}"}}'} for o in offered])
        return [SlotSet(SLOT_OFFERED_APPOINTMENTS, offered)]


class ValidateCancelForm(TaskForm):
    """Reads which appointment to cancel."""

    own_intents = ("cancel_appointment",)
    task_slots = (SLOT_APPOINTMENT_ID, SLOT_OFFERED_APPOINTMENTS)

    def name(self) -> Text:
        """The validator's name."""
        return "validate_cancel_form"

    def validate_appointment_id(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> Dict[Text, Any]:
        """One of the offered appointments: button, number, label, time or weekday; "yes" for the only one."""
        message = Message.of(tracker)
        text = str(value or "")
        offered = list(tracker.get_slot(SLOT_OFFERED_APPOINTMENTS) or [])
        ids = [o["id"] for o in offered]
        if text in ids:
            return {SLOT_APPOINTMENT_ID: text}
        if not message.is_payload:
            said = answers.yes_or_no(text, message.language)
            if said is True and len(ids) == 1:
                return {SLOT_APPOINTMENT_ID: ids[0]}
            if said is False:
                dispatcher.utter_message(response="utter_appointment_kept")
                return {SLOT_APPOINTMENT_ID: None, SLOT_OFFERED_APPOINTMENTS: None, SLOT_TASK_OUTCOME: STOPPED,
                        REQUESTED_SLOT: None}
        chosen = answers.choose(text, [Option(o["id"], (o["label"],)) for o in offered], message.language)
        if chosen:
            return {SLOT_APPOINTMENT_ID: chosen}
        starts = {o["id"]: dt.datetime.fromisoformat(o["start"]).astimezone(data_access.BERLIN) for o in offered}
        at = answers.clock_time(text, message.language)
        day = answers.weekday(text, data_access.now().date(), message.language)
        fitting = [i for i, start in starts.items()
                   if (at is None or start.time() == at) and (day is None or start.weekday() == day)]
        return {SLOT_APPOINTMENT_ID: fitting[0] if (at or day is not None) and len(fitting) == 1 else None}


class ActionCancelAppointment(Action):
    """When the cancel form is done: cancel the chosen appointment and its reminder."""

    def name(self) -> Text:
        """The action's name."""
        return "action_cancel_appointment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Cancel it, or say it was not found."""
        done = [SlotSet(SLOT_APPOINTMENT_ID, None), SlotSet(SLOT_OFFERED_APPOINTMENTS, None)]
        if tracker.get_slot(SLOT_TASK_OUTCOME):
            return [*done, SlotSet(SLOT_TASK_OUTCOME, None)]
        chosen = str(tracker.get_slot(SLOT_APPOINTMENT_ID) or "")
        try:
            appointments = await data_access.run(queries.appointments_of, tracker.sender_id, data_access.now())
            appointment = next((a for a in appointments if str(a.id) == chosen), None)
            cancelled = appointment is not None and await data_access.run(queries.cancel, appointment.id,
                                                                          tracker.sender_id)
        except DirectoryUnavailable:
            dispatcher.utter_message(response=UTTER_DIRECTORY_UNAVAILABLE)
            return done
        if not cancelled:
            dispatcher.utter_message(response="utter_appointment_not_found")
            return done
        dispatcher.utter_message(response="utter_appointment_cancelled",
                                 when_datetime=data_access.local_iso(appointment.start))
        return [*done, ReminderCancelled(name=reminder_name(appointment.id))]


class ActionAppointmentReminder(Action):
    """The day before: remind the client, unless the appointment was cancelled meanwhile.

    Rasa runs reminders without a channel to answer on, so the reminder is stored in the
    conversation (the web chat's polling shows it) and pushed to Telegram or WhatsApp clients.
    """

    def name(self) -> Text:
        """The action's name."""
        return "action_appointment_reminder"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Utter and push the reminder for the appointment named in the reminder's entities."""
        wanted = next(iter(tracker.get_latest_entity_values(ENTITY_APPOINTMENT_ID)), None)
        language = Message.of(tracker).language
        appointments = await data_access.run(queries.appointments_of, tracker.sender_id, data_access.now())
        for appointment in appointments:
            if str(appointment.id) == str(wanted):
                arguments = {"when_datetime": data_access.local_iso(appointment.start),
                             "manager": appointment.manager_name, "where": appointment.where}
                dispatcher.utter_message(response=REMINDER, **arguments)
                if not tracker.sender_id.startswith("web-"):
                    text = render(REMINDER, arguments, tracker.current_state())["text"]
                    await data_access.run(outbound.push, tracker.sender_id, text, language)
        return []


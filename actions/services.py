"""find_service and ask_opening_hours: the right office for the client's place, open now or when.

The service form asks which office and the town (the town only once per conversation);
:class:`ActionFindService` then names the office with its address and contact, or its opening hours
when the client asked when it is open (``office_question``).
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import data_access
from actions.constants import (
    SLOT_LAST_SEARCH,
    SLOT_MUNICIPALITY,
    SLOT_OFFICE_QUESTION,
    SLOT_SERVICE_TYPE,
    SLOT_TASK_OUTCOME,
    UTTER_DIRECTORY_UNAVAILABLE,
)
from actions.forms import Message, TaskForm
from bot.dialogue import answers, questions
from bot.directory import queries
from bot.directory.errors import DirectoryUnavailable
from bot.gazetteer.matcher import SERVICE_TYPE
from bot.nlg import labels

UTTER_OFFICE = "utter_office"
UTTER_HOURS = "utter_office_hours"
UTTER_NONE = "utter_office_none"
#: At most this many offices per answer.
MAX_OFFICES = 2
#: ``office_question`` when the client asked for the opening hours.
HOURS = "hours"
#: ``last_search`` value of an office search.
TASK = "services"


class ValidateServiceForm(TaskForm):
    """Reads the answers to the office search's questions."""

    own_intents = ("find_service", "ask_opening_hours")
    task_slots = (SLOT_SERVICE_TYPE,)

    def name(self) -> Text:
        """The validator's name."""
        return "validate_service_form"

    def validate_service_type(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> Dict[Text, Any]:
        """One of the offices the directory knows (gazetteer names, the buttons' labels, words for them)."""
        message = Message.of(tracker)
        text = str(value or "")
        known = data_access.gazetteer().values(SERVICE_TYPE)
        if text in known:
            return {SLOT_SERVICE_TYPE: text}
        found = {m.value for m in data_access.gazetteer().find(text, [SERVICE_TYPE])}
        if len(found) == 1:
            return {SLOT_SERVICE_TYPE: found.pop()}
        return {SLOT_SERVICE_TYPE: answers.choose(text, questions.options(SLOT_SERVICE_TYPE, message.language),
                                                  message.language, SLOT_SERVICE_TYPE, similar=data_access.similar)}

    async def validate_municipality(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> Dict[Text, Any]:
        """A town of the directory."""
        return await self.municipality_answer(value, dispatcher, tracker)


class ActionFindService(Action):
    """When the service form is done: the office(s), address, contact and whether they are open."""

    def name(self) -> Text:
        """The action's name."""
        return "action_find_service"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Answer the office search and remember it for follow-ups."""
        if tracker.get_slot(SLOT_TASK_OUTCOME):
            return [SlotSet(SLOT_TASK_OUTCOME, None)]
        search = {SLOT_MUNICIPALITY: tracker.get_slot(SLOT_MUNICIPALITY),
                  SLOT_SERVICE_TYPE: tracker.get_slot(SLOT_SERVICE_TYPE),
                  SLOT_OFFICE_QUESTION: tracker.get_slot(SLOT_OFFICE_QUESTION)}
        events = await answer_offices(dispatcher, Message.of(tracker).language, search)
        return [SlotSet(SLOT_SERVICE_TYPE, None), *events]


async def answer_offices(dispatcher: CollectingDispatcher, language: str, search: Dict[str, Any]) -> List[EventType]:
    """Utter the offices of one search (with their hours when asked); remembered as ``last_search``."""
    place = search[SLOT_MUNICIPALITY]
    try:
        offices = await data_access.run(queries.find_services, place, search[SLOT_SERVICE_TYPE])
        if not offices:
            dispatcher.utter_message(response=UTTER_NONE, municipality=place)
        for office in offices[:MAX_OFFICES]:
            state = await data_access.run(queries.opening_state, office.service_id, data_access.now())
            opening = opening_text(state, language)
            if search.get(SLOT_OFFICE_QUESTION) == HOURS:
                hours = await data_access.run(queries.weekly_hours, office.service_id)
                sample = f"\n{labels.localized(labels.SAMPLE, language)}" if office.sample else ""
                dispatcher.utter_message(response=UTTER_HOURS, office=office.name,
                                         hours=labels.weekly_hours(hours, language), opening=opening + sample)
            else:
                dispatcher.utter_message(response=UTTER_OFFICE, office=office.name, address=office.address,
                                         contact=contact_text(office, language), opening=opening)
    except DirectoryUnavailable:
        dispatcher.utter_message(response=UTTER_DIRECTORY_UNAVAILABLE)
        return []
    return [SlotSet(SLOT_LAST_SEARCH, {"task": TASK, **search})]


def opening_text(state: Any, language: str) -> str:
    """"Open now until …", "closed, opens …" or "by appointment only", in ``language``."""
    if state.by_appointment_only:
        return labels.localized(labels.BY_APPOINTMENT, language)
    if state.open_now and state.closes_at:
        return labels.localized(labels.OPEN_NOW, language,
                                closes_time=state.closes_at.astimezone(data_access.BERLIN).time().isoformat("minutes"))
    if state.next_opening:
        label = labels.CLOSED_HOLIDAY if state.closed_today_reason == "holiday" else labels.CLOSED_NOW
        return labels.localized(label, language, next_datetime=data_access.local_iso(state.next_opening))
    return labels.localized(labels.NO_HOURS, language)


def contact_text(office: Any, language: str) -> str:
    """Phone, e-mail and website lines of an office, those it has."""
    lines = []
    if office.phone:
        lines.append(labels.localized(labels.PHONE, language, phone=office.phone))
    if office.email:
        lines.append(labels.localized(labels.EMAIL, language, email=office.email))
    if office.url:
        lines.append(labels.localized(labels.WEBSITE, language, url=office.url))
    if office.sample:
        lines.append(labels.localized(labels.SAMPLE, language))
    return "\n".join(lines)

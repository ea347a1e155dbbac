"""find_service and ask_opening_hours: the right office for the client's place, open now or when."""

from __future__ import annotations

from typing import Any, List, Text

from rasa_sdk.events import EventType

from actions import data_access
from actions.constants import INTENT_ASK_OPENING_HOURS, SLOT_SERVICE_TYPE
from actions.tasks import Ask, Done, Task, Turn
from bot.nlg import labels

UTTER_ASK_TYPE = "utter_ask_service_type"
UTTER_OFFICE = "utter_office"
UTTER_HOURS = "utter_office_hours"
UTTER_NONE = "utter_office_none"
#: At most this many offices per answer.
MAX_OFFICES = 2
OPENING_HOURS = "opening_hours"


class ActionFindService(Task):
    """The office for a service type in the client's municipality, with its opening state."""

    task = "services"
    aliases = (OPENING_HOURS,)

    def name(self) -> Text:
        """The action's name."""
        return "action_find_service"

    def pending_value(self, tracker: Any) -> str:
        """Remember whether the client asked for the opening hours."""
        return OPENING_HOURS if self._wants_hours(tracker) else self.task

    @staticmethod
    def _wants_hours(tracker: Any) -> bool:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        return intent == INTENT_ASK_OPENING_HOURS or tracker.get_slot("pending_task") == OPENING_HOURS

    async def respond(self, turn: Turn) -> List[EventType]:
        """Name the office(s), address, contact and whether they are open."""
        service_type = turn.slot(SLOT_SERVICE_TYPE)
        if not service_type:
            raise Ask(UTTER_ASK_TYPE)
        place = await turn.municipality()
        offices = await data_access.ask("find_services", place.name, service_type)
        if not offices:
            raise Done(UTTER_NONE, municipality=place.name)
        wants_hours = self._wants_hours(turn.tracker)
        for office in offices[:MAX_OFFICES]:
            state = await data_access.ask("opening_state", office.service_id, data_access.now())
            opening = opening_text(state, turn.language)
            if wants_hours:
                hours = await data_access.ask("weekly_hours", office.service_id)
                turn.say(UTTER_HOURS, office=office.name, hours=labels.weekly_hours(hours, turn.language),
                         opening=opening)
            else:
                turn.say(UTTER_OFFICE, office=office.name, address=office.address,
                         contact=contact_text(office, turn.language), opening=opening)
        return []


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
    return "\n".join(lines)

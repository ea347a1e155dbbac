"""An ``inform`` message outside a task: a follow-up to the last result, or a place to remember.

Right after a course or office result, "und in Esslingen?", "und B1?" or "und das Sozialamt?"
repeats that search with the changed value. Otherwise a named town is noted for later and the
client is asked what they need.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import data_access
from actions.constants import (
    ENTITY_MUNICIPALITY,
    SLOT_COURSE_LEVEL,
    SLOT_LAST_SEARCH,
    SLOT_MUNICIPALITY,
    SLOT_SERVICE_TYPE,
    UTTER_INFORM_UNCLEAR,
    UTTER_MUNICIPALITY_NOTED,
)
from actions.courses import TASK as COURSES
from actions.courses import answer_courses, course_level
from actions.forms import Message
from actions.services import TASK as SERVICES
from actions.services import answer_offices
from bot.directory import queries
from bot.gazetteer.matcher import SERVICE_TYPE

#: Responses after which an ``inform`` may change the search just answered.
RESULTS = {COURSES: ("utter_courses_found", "utter_courses_nearby", "utter_courses_none", "utter_course"),
           SERVICES: ("utter_office", "utter_office_hours", "utter_office_none")}


def last_bot_response(tracker: Tracker) -> Optional[str]:
    """The response the bot uttered last, before the client's latest message."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif event.get("event") == "bot" and seen_user:
            return (event.get("metadata") or {}).get("utter_action")
    return None


class ActionFollowUp(Action):
    """Repeat the last search with what the client changed, or note the place."""

    def name(self) -> Text:
        """The action's name."""
        return "action_follow_up"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Answer the changed search, or acknowledge the message."""
        search = tracker.get_slot(SLOT_LAST_SEARCH) or {}
        task = search.get("task")
        if task in RESULTS and last_bot_response(tracker) in RESULTS[task]:
            changed = await self.changes(tracker, task)
            if changed:
                answered = {**search, **changed}
                answered.pop("task")
                if task == COURSES:
                    return await answer_courses(dispatcher, Message.of(tracker).language, answered)
                return await answer_offices(dispatcher, Message.of(tracker).language, answered)
        if next(iter(tracker.get_latest_entity_values(ENTITY_MUNICIPALITY)), None):
            dispatcher.utter_message(response=UTTER_MUNICIPALITY_NOTED)
        else:
            dispatcher.utter_message(response=UTTER_INFORM_UNCLEAR)
        return []

    async def changes(self, tracker: Tracker, task: str) -> Dict[str, Any]:
        """What the message changes in the last search: the town, the level or the office."""
        message = Message.of(tracker)
        changed: Dict[str, Any] = {}
        place = message.entities.get(ENTITY_MUNICIPALITY)
        if place:
            found = await data_access.run(queries.municipality_named, place)
            if found is not None:
                changed[SLOT_MUNICIPALITY] = found.name
        if task == COURSES:
            level = course_level(message.entities.get(SLOT_COURSE_LEVEL) or "", message)
            if level:
                changed[SLOT_COURSE_LEVEL] = level
        elif message.entities.get(SERVICE_TYPE):
            changed[SLOT_SERVICE_TYPE] = message.entities[SERVICE_TYPE]
        return changed


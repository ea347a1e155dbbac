"""find_language_course: German courses near the client, ranked by start date."""

from __future__ import annotations

from typing import Any, List, Text

from rasa_sdk.events import EventType

from actions import data_access
from actions.constants import SLOT_COURSE_LEVEL, SLOT_COURSE_NEED, UNKNOWN_LEVEL
from actions.tasks import Ask, Done, Task, Turn
from bot.nlg import labels

UTTER_ASK_LEVEL = "utter_ask_course_level"
UTTER_ASK_NEED = "utter_ask_course_need"
UTTER_FOUND = "utter_courses_found"
UTTER_NEARBY = "utter_courses_nearby"
UTTER_NONE = "utter_courses_none"
UTTER_COURSE = "utter_course"


class ActionFindLanguageCourse(Task):
    """Ask for the place, the level and special needs (only what is missing), then list courses."""

    task = "courses"

    def name(self) -> Text:
        """The action's name."""
        return "action_find_language_course"

    async def respond(self, turn: Turn) -> List[EventType]:
        """List the best few courses, or say honestly that none fits."""
        place = await turn.municipality()
        level = turn.slot(SLOT_COURSE_LEVEL)
        if not level:
            raise Ask(UTTER_ASK_LEVEL)
        need = turn.slot(SLOT_COURSE_NEED)
        if not need:
            raise Ask(UTTER_ASK_NEED)
        search = await data_access.ask(
            "find_courses", place.name, level=None if level == UNKNOWN_LEVEL else level,
            childcare=need == "childcare", women_only=need == "women_only",
            today=data_access.now().date())
        if not search.matches:
            raise Done(UTTER_NONE)
        turn.say(UTTER_NEARBY if search.nearby else UTTER_FOUND, municipality=place.name)
        for course in search.matches:
            turn.say(UTTER_COURSE, **course_arguments(course, turn.language))
        return []


def course_arguments(course: Any, language: str) -> dict:
    """The placeholders of ``utter_course`` for one course, in ``language``."""
    name = labels.localized(labels.COURSE_TYPES.get(course.course_type, labels.COURSE), language)
    level = (labels.localized(labels.LEVEL_ALPHA, language) if course.level == "alpha"
             else labels.localized(labels.LEVEL, language, level=course.level))
    details = []
    if course.childcare:
        details.append(labels.localized(labels.WITH_CHILDCARE, language))
    if course.women_only:
        details.append(labels.localized(labels.WOMEN_ONLY, language))
    details.append(labels.localized(labels.FREE_SEATS, language, free_seats=course.free_seats)
                   if course.free_seats else labels.localized(labels.FULL, language))
    return {
        "course_name": name,
        "level": level,
        "start_date": course.start_date.isoformat(),
        "end_date": course.end_date.isoformat() if course.end_date else "",
        "schedule": labels.weekly_hours(course.weekly, language, "; ") if course.weekly else course.schedule_text_de,
        "address": ", ".join(part for part in (course.provider, course.address) if part),
        "registration": course.registration,
        "details": " · ".join(details),
    }

"""find_language_course: German courses near the client, ranked by start date.

The course form asks for the town, the German level and whether childcare or a women's course is
needed; :class:`ActionFindLanguageCourse` then lists the courses. A new search asks for level and
needs again; "und in Esslingen?" or "und B1?" right after a result repeats it with that change
(:mod:`actions.follow_up`).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import data_access
from actions.constants import (
    NO_NEED,
    SLOT_COURSE_LEVEL,
    SLOT_COURSE_NEED,
    SLOT_LAST_SEARCH,
    SLOT_MUNICIPALITY,
    SLOT_TASK_OUTCOME,
    UNKNOWN_LEVEL,
    UTTER_DIRECTORY_UNAVAILABLE,
)
from actions.forms import Message, TaskForm
from bot.dialogue import answers, questions
from bot.directory import queries
from bot.directory.errors import DirectoryUnavailable
from bot.gazetteer.matcher import COURSE_LEVEL
from bot.nlg import labels

UTTER_FOUND = "utter_courses_found"
UTTER_NEARBY = "utter_courses_nearby"
UTTER_NONE = "utter_courses_none"
UTTER_COURSE = "utter_course"
#: The course levels a search can ask for.
LEVELS = ("alpha", "A1", "A2", "B1", "B2", "C1")
NEEDS = ("childcare", "women_only", NO_NEED)
#: ``last_search`` value of a course search.
TASK = "courses"


class ValidateCourseForm(TaskForm):
    """Reads the answers to the course search's questions."""

    own_intents = ("find_language_course",)
    task_slots = (SLOT_COURSE_LEVEL, SLOT_COURSE_NEED)

    def name(self) -> Text:
        """The validator's name."""
        return "validate_course_form"

    async def validate_municipality(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> Dict[Text, Any]:
        """A town of the directory."""
        return await self.municipality_answer(value, dispatcher, tracker)

    def validate_course_level(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> Dict[Text, Any]:
        """A1 … C1, learning to read and write, or "I don't know"."""
        return {SLOT_COURSE_LEVEL: course_level(str(value or ""), Message.of(tracker))}

    def validate_course_need(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> Dict[Text, Any]:
        """Childcare, a women's course, or neither ("no" and "I don't know" mean neither)."""
        message = Message.of(tracker)
        text = str(value or "")
        if text in NEEDS:
            return {SLOT_COURSE_NEED: text}
        if answers.dont_know(text, message.language):
            return {SLOT_COURSE_NEED: NO_NEED}
        return {SLOT_COURSE_NEED: answers.choose(text, questions.options(SLOT_COURSE_NEED, message.language),
                                                 message.language, SLOT_COURSE_NEED, no_value=NO_NEED,
                                                 similar=data_access.similar)}


def course_level(text: str, message: Message) -> Optional[str]:
    """The level a typed answer (or a button) names, ``unknown`` for "I don't know", else None.

    Levels written in Cyrillic letters ("А2") are found by the gazetteer.
    """
    if text in LEVELS or text == UNKNOWN_LEVEL:
        return text
    options = questions.options(SLOT_COURSE_LEVEL, message.language)
    levels = [option for option in options if option.value != UNKNOWN_LEVEL]
    chosen = answers.choose(text, levels, message.language, SLOT_COURSE_LEVEL)
    if chosen:  # before "I don't know": "je ne sais pas lire" names the literacy course
        return chosen
    if answers.dont_know(text, message.language):
        return UNKNOWN_LEVEL
    found = {m.value for m in data_access.gazetteer().find(text, [COURSE_LEVEL])}
    if len(found) == 1:
        return found.pop()
    return answers.choose(text, options, message.language, SLOT_COURSE_LEVEL, similar=data_access.similar)


class ActionFindLanguageCourse(Action):
    """When the course form is done: the best few courses, or honestly none."""

    def name(self) -> Text:
        """The action's name."""
        return "action_find_language_course"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """List the courses for the form's answers and remember the search for follow-ups."""
        if tracker.get_slot(SLOT_TASK_OUTCOME):  # the form was ended early; the validator said why
            return [SlotSet(SLOT_TASK_OUTCOME, None)]
        search = {SLOT_MUNICIPALITY: tracker.get_slot(SLOT_MUNICIPALITY),
                  SLOT_COURSE_LEVEL: tracker.get_slot(SLOT_COURSE_LEVEL),
                  SLOT_COURSE_NEED: tracker.get_slot(SLOT_COURSE_NEED)}
        events: List[EventType] = [SlotSet(SLOT_COURSE_LEVEL, None), SlotSet(SLOT_COURSE_NEED, None)]
        return [*events, *await answer_courses(dispatcher, Message.of(tracker).language, search)]


async def answer_courses(dispatcher: CollectingDispatcher, language: str, search: Dict[str, Any]) -> List[EventType]:
    """Utter the courses of one search; the search is remembered as ``last_search``."""
    level = search.get(SLOT_COURSE_LEVEL)
    need = search.get(SLOT_COURSE_NEED)
    try:
        found = await data_access.run(
            queries.find_courses, search[SLOT_MUNICIPALITY], level=None if level in (None, UNKNOWN_LEVEL) else level,
            childcare=need == "childcare", women_only=need == "women_only", today=data_access.now().date())
    except DirectoryUnavailable:
        dispatcher.utter_message(response=UTTER_DIRECTORY_UNAVAILABLE)
        return []
    if not found.matches:
        dispatcher.utter_message(response=UTTER_NONE)
    else:
        dispatcher.utter_message(response=UTTER_NEARBY if found.nearby else UTTER_FOUND,
                                 municipality=search[SLOT_MUNICIPALITY])
        for course in found.matches:
            dispatcher.utter_message(response=UTTER_COURSE, **course_arguments(course, language))
    return [SlotSet(SLOT_LAST_SEARCH, {"task": TASK, **search})]


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
    if course.sample:
        details.append(labels.localized(labels.SAMPLE, language))
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

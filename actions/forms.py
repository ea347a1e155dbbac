"""What every task's form shares: reading the client's message as the answer to the open question, or not.

Rasa's forms ask the questions (``utter_ask_<slot>``) and put the client's typed text into the asked
slot (the ``from_text`` mapping; a button or an entity the NLU found comes first). The form's
validator, a :class:`TaskForm`, reads it in ``validate_<slot>`` with :mod:`bot.dialogue.answers`.
When the message is no answer to the open question, the validator decides what it is:

- a wish to stop ("stopp", "vergiss es", the ``stop`` intent, a goodbye): the task ends politely;
- a question or small talk in between (an FAQ question, "is it open now?", thanks) or a new task: the
  form steps aside (``ActionExecutionRejected``) and the rules answer. After a question the form asks
  its question again, which the renderer introduces with "Zurück zu …"; a new task's form replaces it;
- anything else: "not understood" and the question again. From the second unusable answer in a row
  the renderer lists the options numbered and offers a person (``unclear_answers``).

A message that gives another of the form's slots (a town while the level is asked) is no unusable
answer: the form simply asks its question again, unless the message is a question or a new task of its
own ("where is the Jobcenter in Esslingen?" while the level is asked).
"""

from __future__ import annotations

import abc
import enum
import logging
from dataclasses import dataclass, field
from typing import Any, Dict, List, Sequence, Text

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction
from rasa_sdk.types import DomainDict

from actions import data_access
from actions.constants import (
    INTENT_INFORM,
    INTENTS_NEW_TASK,
    INTENTS_QUESTION,
    INTENTS_STOP,
    SLOT_LAST_SEARCH,
    SLOT_MUNICIPALITY,
    SLOT_PLACE_UNKNOWN,
    SLOT_TASK_OUTCOME,
    SLOT_UNCLEAR_ANSWERS,
    STOPPED,
    UTTER_ANSWER_UNCLEAR,
    UTTER_DIRECTORY_UNAVAILABLE,
    UTTER_NOT_IN_DIRECTORY,
    UTTER_TASK_STOPPED,
)
from bot.dialogue import answers
from bot.directory import queries
from bot.directory.errors import DirectoryUnavailable
from bot.gazetteer.matcher import MUNICIPALITY
from bot.nlg.renderer import conversation_language

logger = logging.getLogger(__name__)

#: An intent takes a message away from the open question only with at least this confidence.
DIGRESSION_CONFIDENCE = 0.5
#: What the form's task ended with when its validator ended it early (``task_outcome``).
ENDED = "ended"


class Kind(enum.Enum):
    """What a message that is no answer to the open question is."""

    STOP = "stop"
    QUESTION = "question"
    NEW_TASK = "new_task"
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class Message:
    """The client's latest message as the validators read it."""

    text: str
    intent: str
    confidence: float
    language: str
    entities: Dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, tracker: Tracker) -> "Message":
        """The latest message of ``tracker``."""
        latest = tracker.latest_message or {}
        intent = latest.get("intent") or {}
        entities = {e.get("entity"): str(e.get("value")) for e in latest.get("entities") or [] if e.get("entity")}
        return cls(text=str(latest.get("text") or ""), intent=str(intent.get("name") or ""),
                   confidence=float(intent.get("confidence") or 0.0),
                   language=conversation_language(tracker.current_state(), {}), entities=entities)

    @property
    def is_payload(self) -> bool:
        """Whether the message is a button's payload ("/inform{…}") rather than typed text."""
        return self.text.startswith("/")

    def kind(self, own_intents: Sequence[str]) -> Kind:
        """What this message is when it does not answer the open question."""
        if not self.is_payload and answers.wants_to_stop(self.text, self.language):
            return Kind.STOP
        confident = self.is_payload or self.confidence >= DIGRESSION_CONFIDENCE
        if not confident or self.intent == INTENT_INFORM or self.intent in own_intents:
            return Kind.UNCLEAR
        if self.intent in INTENTS_STOP:
            return Kind.STOP
        if self.intent in INTENTS_NEW_TASK:
            return Kind.NEW_TASK
        if self.intent in INTENTS_QUESTION:
            return Kind.QUESTION
        return Kind.UNCLEAR


class TaskForm(FormValidationAction):
    """The validator of one task's form: ``validate_<slot>`` per slot, and what to do with non-answers."""

    #: The intents that start this task (the same request again is no new task).
    own_intents: Sequence[str] = ()
    #: The task's own slots, forgotten when the task ends or another replaces it.
    task_slots: Sequence[str] = ()
    #: What the client hears when they stop the task.
    stopped_response = UTTER_TASK_STOPPED

    @abc.abstractmethod
    def name(self) -> Text:
        """The validator's name: ``validate_<form>``."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Validate the slots; for a message that answers nothing, stop, step aside or say so."""
        requested = tracker.get_slot(REQUESTED_SLOT)
        fresh = bool(tracker.slots_to_validate())  # none when the form asks again after a question in between
        said_before = len(dispatcher.messages)
        try:
            events = await super().run(dispatcher, tracker, domain)
        except DirectoryUnavailable as error:
            logger.error("directory unavailable in %s: %s", self.name(), type(error.__cause__).__name__)
            dispatcher.utter_message(response=UTTER_DIRECTORY_UNAVAILABLE)
            return self.ended(tracker, ENDED)
        if requested is None or not fresh or any(e.get("name") == REQUESTED_SLOT and e.get("value") is None
                                                 for e in events):
            return events
        if _filled(events, requested):
            return [*events, *_forget_unclear(tracker)]
        if len(dispatcher.messages) > said_before:  # the validator said why it cannot take the answer
            return events
        message = Message.of(tracker)
        kind = message.kind(self.own_intents)
        if kind not in (Kind.QUESTION, Kind.NEW_TASK) and _filled(events, *self.other_slots(domain, requested)):
            return [*events, *_forget_unclear(tracker)]
        if kind is Kind.STOP:
            dispatcher.utter_message(response=self.stopped_response)
            return self.ended(tracker, STOPPED)
        if kind in (Kind.QUESTION, Kind.NEW_TASK):
            forgotten = self.on_new_task(dispatcher, tracker) if kind is Kind.NEW_TASK else []
            return [*events, *forgotten, SlotSet(requested, None), ActionExecutionRejected(self.form_name())]
        unclear = int(tracker.get_slot(SLOT_UNCLEAR_ANSWERS) or 0) + 1
        dispatcher.utter_message(response=UTTER_ANSWER_UNCLEAR)
        return [*events, SlotSet(requested, None), SlotSet(SLOT_UNCLEAR_ANSWERS, float(unclear))]

    def other_slots(self, domain: DomainDict, requested: str) -> List[str]:
        """The form's slots other than the one asked for."""
        return [s for s in self.domain_slots(domain) if s != requested]

    def on_new_task(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        """Another task replaces this one: forget this task's answers."""
        return [SlotSet(slot, None) for slot in self.task_slots] + _forget_unclear(tracker)

    def ended(self, tracker: Tracker, outcome: str) -> List[EventType]:
        """End the form now (its done-rule runs the task's action, which sees ``task_outcome``)."""
        return [*(SlotSet(slot, None) for slot in self.task_slots), *_forget_unclear(tracker),
                SlotSet(SLOT_TASK_OUTCOME, outcome), SlotSet(REQUESTED_SLOT, None)]

    async def municipality_answer(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  in_directory: bool = True) -> Dict[Text, Any]:
        """The client's town by its official name.

        With ``in_directory`` (course, office and appointment search) a town whose district the
        directory does not cover yet ends the task with the districts it does cover; without (a
        handover) any town will do, and "I don't know" sends the request to the statewide team.
        """
        message = Message.of(tracker)
        candidates = [str(value)] if value else []
        if not message.is_payload:
            candidates += [m.value for m in data_access.gazetteer().find(message.text, [MUNICIPALITY])]
            candidates += data_access.gazetteer().closest(message.text, MUNICIPALITY)
        place = None
        for candidate in candidates:
            place = await data_access.run(queries.municipality_named, candidate)
            if place is not None:
                break
        if place is None:
            if not in_directory and answers.dont_know(message.text, message.language):
                return {SLOT_MUNICIPALITY: None, SLOT_PLACE_UNKNOWN: True}
            return {SLOT_MUNICIPALITY: None}
        if not in_directory:
            return {SLOT_MUNICIPALITY: place.name}
        districts = await data_access.run(queries.districts_served)
        if place.district in districts:
            return {SLOT_MUNICIPALITY: place.name}
        dispatcher.utter_message(response=UTTER_NOT_IN_DIRECTORY, municipality=place.name,
                                 districts=", ".join(districts))
        return {SLOT_MUNICIPALITY: None, SLOT_TASK_OUTCOME: ENDED, REQUESTED_SLOT: None}


def _filled(events: List[EventType], *slots: str) -> bool:
    """Whether ``events`` give one of ``slots`` a value."""
    return any(e.get("event") == "slot" and e.get("name") in slots and e.get("value") is not None for e in events)


def _forget_unclear(tracker: Tracker) -> List[EventType]:
    return [SlotSet(SLOT_UNCLEAR_ANSWERS, None)] if tracker.get_slot(SLOT_UNCLEAR_ANSWERS) else []


def forget_search(tracker: Tracker) -> List[EventType]:
    """Forget the last search (a new task started, "und in Esslingen?" no longer refers to it)."""
    return [SlotSet(SLOT_LAST_SEARCH, None)] if tracker.get_slot(SLOT_LAST_SEARCH) else []

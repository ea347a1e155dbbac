"""What every directory action shares: asking for what is missing, failing cleanly, resuming.

A task (courses, services, appointments) answers when it has what it needs, or asks one
question and remembers itself in the ``pending_task`` slot; the client's answer (an
``inform`` message or a button) resumes it through :class:`ActionContinue`.
"""

from __future__ import annotations

import abc
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import data_access
from actions.constants import (
    ENTITY_MUNICIPALITY, SLOT_MUNICIPALITY, SLOT_PENDING_TASK, UTTER_ASK_MUNICIPALITY,
    UTTER_DIRECTORY_UNAVAILABLE, UTTER_INFORM_UNCLEAR, UTTER_MUNICIPALITY_NOTED, UTTER_NOT_IN_DIRECTORY,
)
from bot.nlg.renderer import conversation_language

logger = logging.getLogger(__name__)


class Ask(Exception):
    """Stop the task and ask the client ``response`` (the task stays pending).

    Without a response the question has already been uttered (for example with buttons).
    """

    def __init__(self, response: Optional[str] = None, **arguments: Any) -> None:
        super().__init__(response)
        self.response = response
        self.arguments = arguments


class Turn:
    """One run of a task: the tracker, the dispatcher and the conversation's language."""

    def __init__(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        self.dispatcher = dispatcher
        self.tracker = tracker
        self.language = conversation_language(tracker.current_state(), {})
        self.client_ref = tracker.sender_id

    def slot(self, name: str) -> Optional[Any]:
        """A slot's value, with this message's entity of the same name taking precedence."""
        latest = next(iter(self.tracker.get_latest_entity_values(name)), None)
        return latest if latest is not None else self.tracker.get_slot(name)

    def say(self, response: str, buttons: Optional[List[Dict[str, str]]] = None, **arguments: Any) -> None:
        """Utter ``response``, rendered by the NLG endpoint in the client's language."""
        self.dispatcher.utter_message(response=response, buttons=buttons or [], **arguments)

    async def municipality(self) -> Any:
        """The client's municipality in the directory; asks for it when missing or unknown."""
        name = self.slot(SLOT_MUNICIPALITY)
        if not name:
            raise Ask(UTTER_ASK_MUNICIPALITY)
        found = await data_access.ask("municipality_named", name)
        if found is None:
            raise Done(UTTER_NOT_IN_DIRECTORY, municipality=name)
        return found


class Done(Ask):
    """Stop the task with a final answer (the task is no longer pending)."""


class Task(Action, abc.ABC):
    """A directory action that asks for what is missing and fails cleanly."""

    #: The ``pending_task`` value of this task.
    task = ""
    #: Further ``pending_task`` values this task resumes.
    aliases: tuple = ()
    #: What the client hears when the data layer fails.
    unavailable_response = UTTER_DIRECTORY_UNAVAILABLE

    @abc.abstractmethod
    async def respond(self, turn: Turn) -> List[EventType]:
        """Answer the client (raise :class:`Ask` or :class:`Done` to stop early)."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Run the task; on a missing piece ask for it, on a directory failure say so."""
        turn = Turn(dispatcher, tracker)
        try:
            events = await self.respond(turn)
            return [*events, SlotSet(SLOT_PENDING_TASK, None)]
        except Done as done:
            turn.say(done.response, **done.arguments)
            return [SlotSet(SLOT_PENDING_TASK, None)]
        except Ask as ask:
            if ask.response:
                turn.say(ask.response, **ask.arguments)
            return [SlotSet(SLOT_PENDING_TASK, self.pending_value(tracker))]
        except Exception as error:  # noqa: BLE001 - the client must always get an answer
            if data_access.is_unavailable(error):
                logger.error("directory unavailable in %s: %s", self.name(), type(error.__cause__).__name__)
            else:
                logger.exception("%s failed", self.name())
            turn.say(self.unavailable_response)
            return [SlotSet(SLOT_PENDING_TASK, None)]

    def pending_value(self, tracker: Tracker) -> str:
        """What to remember in ``pending_task`` while waiting for the client's answer."""
        return self.task


def resumable_tasks() -> List[Task]:
    """One instance of every concrete task (the action server imports them all)."""
    found, stack = [], list(Task.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if not getattr(cls, "__abstractmethods__", None):
            found.append(cls())
    return found


class ActionContinue(Action):
    """An ``inform`` message: resume the pending task, or note the place the client named."""

    def name(self) -> Text:
        """The action's name."""
        return "action_continue"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Hand the message to the pending task, if there is one."""
        pending = tracker.get_slot(SLOT_PENDING_TASK)
        for task in resumable_tasks():
            if pending and pending in (task.task, *task.aliases):
                return await task.run(dispatcher, tracker, domain)
        if next(iter(tracker.get_latest_entity_values(ENTITY_MUNICIPALITY)), None):
            dispatcher.utter_message(response=UTTER_MUNICIPALITY_NOTED)
        else:
            dispatcher.utter_message(response=UTTER_INFORM_UNCLEAR)
        return []

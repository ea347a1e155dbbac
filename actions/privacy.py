"""delete_my_data: after confirmation, erase what Lotse keeps about the client and say what it was."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import data_access
from actions.constants import SLOT_DELETE_CONFIRMED, SLOT_TASK_OUTCOME, YES
from actions.forms import Message, TaskForm
from actions.handover import yes_or_no_answer
from bot.conversations import ERASE_MARKER
from bot.directory import queries
from bot.directory.errors import DirectoryUnavailable
from bot.handover import tickets
from bot.handover.errors import HandoverUnavailable


class ValidateDeleteForm(TaskForm):
    """Reads the confirmation: yes or no, typed or pressed; anything unclear is asked again."""

    own_intents = ("delete_my_data",)
    task_slots = (SLOT_DELETE_CONFIRMED,)

    def name(self) -> Text:
        """The validator's name."""
        return "validate_delete_form"

    def validate_delete_confirmed(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> Dict[Text, Any]:
        """Yes (delete everything) or no (delete nothing)."""
        return {SLOT_DELETE_CONFIRMED: yes_or_no_answer(str(value or ""), Message.of(tracker), SLOT_DELETE_CONFIRMED)}


class ActionDeleteMyData(Action):
    """When the delete form is done: delete appointments, tickets and the conversation, or nothing."""

    def name(self) -> Text:
        """The action's name."""
        return "action_delete_my_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Delete everything of this client (appointments, tickets with transcripts, the conversation)."""
        done = [SlotSet(SLOT_DELETE_CONFIRMED, None)]
        if tracker.get_slot(SLOT_TASK_OUTCOME):
            return [*done, SlotSet(SLOT_TASK_OUTCOME, None)]
        if tracker.get_slot(SLOT_DELETE_CONFIRMED) != YES:
            dispatcher.utter_message(response="utter_delete_cancelled")
            return done
        try:
            appointments = await data_access.run(queries.delete_client_data, tracker.sender_id)
            deleted_tickets = await data_access.run(tickets.delete_client_data, tracker.sender_id)
        except (DirectoryUnavailable, HandoverUnavailable):
            dispatcher.utter_message(response="utter_delete_failed")
            return done
        dispatcher.utter_message(response="utter_data_deleted", appointments_count=appointments,
                                 tickets_count=deleted_tickets)
        dispatcher.utter_message(json_message=ERASE_MARKER)
        return done

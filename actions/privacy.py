"""delete_my_data: after confirmation, erase what Lotse keeps about the client and say what it was."""

from __future__ import annotations

from typing import List, Text

from rasa_sdk.events import EventType

from actions import data_access
from actions.tasks import Ask, Done, Task, Turn
from bot.conversations import ERASE_MARKER

SLOT_CONFIRMED = "delete_confirmed"
YES = "yes"


class ActionDeleteMyData(Task):
    """Ask for confirmation, delete appointments and tickets, then have the conversation erased."""

    task = "delete_my_data"
    unavailable_response = "utter_delete_failed"

    def name(self) -> Text:
        """The action's name."""
        return "action_delete_my_data"

    async def respond(self, turn: Turn) -> List[EventType]:
        """Delete everything of this client (appointments, tickets with transcripts, the conversation)."""
        confirmed = turn.slot(SLOT_CONFIRMED)
        if not confirmed:
            raise Ask("utter_ask_delete_confirmation")
        if confirmed != YES:
            raise Done("utter_delete_cancelled")
        appointments = await data_access.ask("delete_client_data", turn.client_ref)
        tickets = await data_access.ask_tickets("delete_client_data", turn.client_ref)
        turn.say("utter_data_deleted", appointments_count=appointments, tickets_count=tickets)
        turn.dispatcher.utter_message(json_message=ERASE_MARKER)
        return []

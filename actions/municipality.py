"""Actions about where the client lives."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.constants import ENTITY_MUNICIPALITY, SLOT_MUNICIPALITY, UTTER_INFORM_UNCLEAR, UTTER_MUNICIPALITY_NOTED


class ActionAcknowledgeInform(Action):
    """Acknowledge information the client gave; a named place is remembered for the conversation."""

    def name(self) -> Text:
        """The action's name."""
        return "action_acknowledge_inform"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Confirm the remembered place, or ask what the client needs."""
        if next(tracker.get_latest_entity_values(ENTITY_MUNICIPALITY), None) and tracker.get_slot(SLOT_MUNICIPALITY):
            dispatcher.utter_message(response=UTTER_MUNICIPALITY_NOTED)
        else:
            dispatcher.utter_message(response=UTTER_INFORM_UNCLEAR)
        return []

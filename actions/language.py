"""Actions that keep the conversation in the client's language."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.constants import ENTITY_LANGUAGE, SLOT_LANGUAGE, UTTER_ASK_LANGUAGE
from bot.languages import registry


def requested_language(tracker: Tracker) -> Optional[str]:
    """The supported language the client asked for in the latest message, if any."""
    for value in tracker.get_latest_entity_values(ENTITY_LANGUAGE):
        if value in registry():
            return value
    return None


class ActionChangeLanguage(Action):
    """Switch the conversation to the language the client named (the rule then confirms in it)."""

    def name(self) -> Text:
        """The action's name."""
        return "action_change_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Set the ``language`` slot; offer the languages when the named one is not served."""
        language = requested_language(tracker)
        if language is None:
            dispatcher.utter_message(response=UTTER_ASK_LANGUAGE)
            return []
        return [SlotSet(SLOT_LANGUAGE, language)]

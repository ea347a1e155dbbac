"""The conversation's ``language`` slot, set inside Rasa from each message's detected language.

With ``action_validate_slot_mappings`` in the domain, Rasa calls the action server after every
client message: one HTTP round trip carrying the whole conversation and the domain, only to copy
the detected language into the slot. In `make bench` that call was 6 % of Rasa's CPU per message,
and as much again in the action server. :func:`install` sets the slot in Rasa's own slot-filling
step (``action_extract_slots``) instead, with the same rule
(:func:`bot.languages.conversation.next_conversation_language`).
"""

from __future__ import annotations

from typing import Any, List

from rasa.shared.core.events import Event, SlotSet

from bot.languages import registry
from bot.languages.conversation import next_conversation_language
from bot.nlu.constants import LANGUAGE, LANGUAGE_AMBIGUOUS

#: The slot holding the conversation's language.
SLOT = "language"


def language_events(tracker: Any) -> List[Event]:
    """A ``SlotSet`` when the latest message changes the conversation's language, else nothing."""
    parse_data = tracker.latest_message.parse_data if tracker.latest_message else {}
    current = tracker.get_slot(SLOT)
    language = next_conversation_language(
        current, parse_data.get(LANGUAGE), bool(parse_data.get(LANGUAGE_AMBIGUOUS)), registry()
    )
    return [SlotSet(SLOT, language)] if language != current else []


def install() -> None:
    """Make Rasa's ``action_extract_slots`` also set the language slot (Rasa 3.6's validation step)."""
    from rasa.core.actions.action import ActionExtractSlots

    validate = ActionExtractSlots._execute_validation_action
    if getattr(validate, "sets_language", False):
        return

    async def validate_and_set_language(self: ActionExtractSlots, extraction_events: List[Event],
                                        output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
        events = await validate(self, extraction_events, output_channel, nlg, tracker, domain)
        return events + language_events(tracker)

    validate_and_set_language.sets_language = True  # type: ignore[attr-defined]
    ActionExtractSlots._execute_validation_action = validate_and_set_language  # type: ignore[assignment]

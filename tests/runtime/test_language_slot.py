"""The conversation's language slot is set by Rasa's own slot filling, without the action server."""

import asyncio
from pathlib import Path

import pytest
from rasa.core.actions.action import ActionExtractSlots
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.runtime import language_slot

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))


@pytest.fixture()
def extract_slots(monkeypatch):
    """Rasa's ``action_extract_slots`` with the language slot installed (undone after the test)."""
    monkeypatch.setattr(ActionExtractSlots, "_execute_validation_action",
                        ActionExtractSlots._execute_validation_action)
    language_slot.install()
    language_slot.install()  # a second install changes nothing

    def run(tracker):
        action = ActionExtractSlots(action_endpoint=None)  # no action server at all
        return asyncio.run(action.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}),
                                      tracker, DOMAIN))
    return run


def conversation(current, text, detected, ambiguous):
    events = [SlotSet("language", current)] if current else []
    events.append(UserUttered(text, {"name": "affirm", "confidence": 0.9},
                              parse_data={"language": detected, "language_ambiguous": ambiguous}))
    return DialogueStateTracker.from_events("client", events, slots=DOMAIN.slots)


def test_a_clear_message_sets_the_language(extract_slots):
    assert SlotSet("language", "uk") in extract_slots(conversation("de", "так, дякую", "uk", False))


def test_an_ambiguous_message_keeps_the_language(extract_slots):
    events = extract_slots(conversation("ti", "ok", "en", True))
    assert not [e for e in events if isinstance(e, SlotSet) and e.key == "language"]


def test_the_first_message_decides_even_when_short(extract_slots):
    assert SlotSet("language", "ar") in extract_slots(conversation(None, "مرحبا", "ar", True))


def test_a_language_we_do_not_serve_keeps_the_language(extract_slots):
    events = extract_slots(conversation("ti", "ሰላም እንዴት ነህ", "am", False))
    assert not [e for e in events if isinstance(e, SlotSet) and e.key == "language"]

"""The lean NLG request carries everything the renderer reads."""

from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlg.renderer import conversation_language, is_first_contact, render
from bot.runtime.nlg_client import renderer_state

SLOTS = [TextSlot("language", mappings=[{"type": "custom"}]), TextSlot("municipality", mappings=[{"type": "custom"}])]


def tracker(*events):
    return DialogueStateTracker.from_events("client", list(events), slots=SLOTS)


def test_first_contact_and_language_survive_the_lean_state():
    first = renderer_state(tracker(UserUttered("привіт", parse_data={"language": "uk"})))
    assert is_first_contact(first)
    assert conversation_language(first, {}) == "uk"
    later = renderer_state(tracker(SlotSet("language", "ti"), UserUttered("ሰላም", parse_data={"language": "ti"}),
                                   BotUttered("ሰላም"), UserUttered("ok", parse_data={"language": "en"})))
    assert not is_first_contact(later)
    assert conversation_language(later, {}) == "ti"


def test_the_lean_state_renders_like_the_full_one():
    full = tracker(SlotSet("language", "ar"), SlotSet("municipality", "Freiburg im Breisgau"),
                   UserUttered("وين الجوب سنتر", parse_data={"language": "ar"}), BotUttered("..."))
    assert render("utter_greet", {}, renderer_state(full)) == render("utter_greet", {}, full.current_state())

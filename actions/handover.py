"""Handing the client over to their own integration manager: a ticket they can act on in German."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import data_access, gaps
from actions.constants import SLOT_MUNICIPALITY, UTTER_ASK_MUNICIPALITY
from actions.tasks import Ask, Task, Turn

SLOT_CONSENT = "handover_consent"
#: The entity bot/nlu/always_human.py sets for topics that always go to a person.
ALWAYS_HUMAN_TOPIC = "always_human_topic"
YES = "yes"
#: How much of the conversation a transcript carries at most.
TRANSCRIPT_EVENTS = 40
URGENT = "urgent"
NORMAL = "normal"


def conversation_facts(tracker: Tracker) -> Dict[str, List[str]]:
    """What the client asked (intents) and what the bot answered (response names), in order."""
    asked, answered = [], []
    for event in tracker.events:
        if event.get("event") == "user":
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if intent and not intent.startswith("EXTERNAL_"):
                asked.append(intent)
        elif event.get("event") == "bot":
            response = (event.get("metadata") or {}).get("utter_action")
            if response:
                answered.append(response)
    return {"asked": asked, "answered": answered}


def transcript(tracker: Tracker) -> List[Dict[str, Any]]:
    """The conversation's messages in their original language (only sent with the client's consent)."""
    lines = []
    for event in tracker.events[-TRANSCRIPT_EVENTS * 3:]:
        kind = event.get("event")
        if kind in ("user", "bot") and event.get("text") and not str(event["text"]).startswith("/"):
            lines.append({"sender": "client" if kind == "user" else "bot", "text": event["text"],
                          "time": event.get("timestamp")})
    return lines[-TRANSCRIPT_EVENTS:]


def always_human_topics(tracker: Tracker) -> List[str]:
    """The always-human topics the client named in this conversation (see bot/nlu/always_human.py)."""
    return [entity["value"] for event in tracker.events if event.get("event") == "user"
            for entity in (event.get("parse_data") or {}).get("entities") or []
            if entity.get("entity") == ALWAYS_HUMAN_TOPIC]


def topic_label(key: str) -> str:
    """The German label of an always-human topic, as editors wrote it."""
    from bot import paths
    from bot.gazetteer.matcher import always_human_topics as topics

    return (topics(paths.gazetteer_dir(), paths.gazetteer_overlay_dir()).get(key) or {}).get("label", key)


def topic(tracker: Tracker) -> Dict[str, Any]:
    """The topic of the handover: the last substantive intent and the entities known so far."""
    facts = conversation_facts(tracker)
    substantive = [i for i in facts["asked"] if i not in HANDOVER_INTENTS + SMALL_TALK]
    entities = {name: tracker.get_slot(name) for name in ("municipality", "course_level", "service_type")
                if tracker.get_slot(name)}
    named = always_human_topics(tracker)
    if named:
        entities[ALWAYS_HUMAN_TOPIC] = topic_label(named[-1])
    return {"intent": substantive[-1] if substantive else "request_handover", "entities": entities, **facts}


HANDOVER_INTENTS = ["request_handover", "emergency", "inform", "affirm", "deny", "nlu_fallback"]
SMALL_TALK = ["greet", "goodbye", "thank", "bot_challenge", "choose_language"]


async def open_ticket(turn: Turn, urgency: str, with_transcript: bool) -> Any:
    """Write the ticket (durably, before the client is told) and return what the client needs to know."""
    about = topic(turn.tracker)
    return await data_access.ask_tickets(
        "open_ticket", turn.client_ref, channel_of(turn.tracker), turn.language, turn.slot(SLOT_MUNICIPALITY),
        about["intent"], about["entities"], urgency, about["asked"], about["answered"],
        transcript(turn.tracker) if with_transcript else None)


def channel_of(tracker: Tracker) -> str:
    """The client's channel, from the pseudonymous sender id ("web-…", "telegram-…")."""
    return tracker.sender_id.split("-", 1)[0] if "-" in tracker.sender_id else "web"


def tell_client(turn: Turn, ticket: Any) -> None:
    """Who has the request and when to expect an answer."""
    reply_by = data_access.local_iso(ticket.expected_reply_by) if ticket.expected_reply_by else ""
    if ticket.manager_name:
        turn.say("utter_handover_to_manager", manager=ticket.manager_name, reference=ticket.reference,
                 reply_datetime=reply_by)
    else:
        turn.say("utter_handover_to_team", team=ticket.district or "Baden-Württemberg", reference=ticket.reference,
                 reply_datetime=reply_by)


class ActionHandover(Task):
    """The client asked for a person: place (once), consent to pass on the conversation, then a ticket."""

    task = "handover"
    unavailable_response = "utter_handover_failed"

    def name(self) -> Text:
        """The action's name."""
        return "action_handover"

    async def respond(self, turn: Turn) -> List[EventType]:
        """Ask for the place and the consent when missing, then open the ticket and say what happens next."""
        if next(iter(turn.tracker.get_latest_entity_values(ALWAYS_HUMAN_TOPIC)), None):
            turn.say("utter_always_human_topic")  # why the bot does not answer this itself
        if not turn.slot(SLOT_MUNICIPALITY):
            raise Ask(UTTER_ASK_MUNICIPALITY)
        consent = turn.slot(SLOT_CONSENT)
        if not consent:
            raise Ask("utter_ask_handover_consent")
        ticket = await open_ticket(turn, NORMAL, with_transcript=consent == YES)
        tell_client(turn, ticket)
        return [SlotSet(SLOT_CONSENT, None)]


class ActionUrgentHandover(Task):
    """After the emergency numbers: an urgent ticket at once, without questions and without transcript."""

    task = "urgent_handover"
    unavailable_response = "utter_handover_failed"

    def name(self) -> Text:
        """The action's name."""
        return "action_urgent_handover"

    async def respond(self, turn: Turn) -> List[EventType]:
        """Open the urgent ticket and tell the client."""
        tell_client(turn, await open_ticket(turn, URGENT, with_transcript=False))
        return []


class ActionFallback(Action):
    """Not understood: ask to rephrase; the second time in a row, offer a person."""

    def name(self) -> Text:
        """The action's name."""
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Utter the right fallback answer and note the message as a content gap."""
        dispatcher.utter_message(response="utter_default_offer_handover" if fallbacks_in_a_row(tracker) >= 2
                                 else "utter_default")
        await gaps.record_fallback(tracker)
        return []


#: Bot answers after which a "no" means "that did not help".
ANSWERS = ("utter_faq", "utter_course", "utter_office")


def last_answer_was_substantive(tracker: Tracker) -> bool:
    """Whether the bot's last message before the client's latest one answered a question."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return False
            seen_user = True
        elif event.get("event") == "bot" and seen_user:
            response = (event.get("metadata") or {}).get("utter_action") or ""
            return response.startswith(ANSWERS)
    return False


class ActionDeny(Action):
    """A "no": after an answer it means the answer did not help, so a person is offered."""

    def name(self) -> Text:
        """The action's name."""
        return "action_deny"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Offer a person after an answer (noting the question as a content gap), else accept the "no"."""
        if not last_answer_was_substantive(tracker):
            dispatcher.utter_message(response="utter_deny")
            return []
        dispatcher.utter_message(response="utter_offer_handover_unhelpful")
        await gaps.record_unhelpful(tracker)
        return []


def fallbacks_in_a_row(tracker: Tracker) -> int:
    """How many of the latest user messages in a row were not understood."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent != "nlu_fallback":
            break
        count += 1
    return count

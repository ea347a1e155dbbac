"""Handing the client over to their own integration manager: a ticket they can act on in German."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from actions import data_access, gaps
from actions.constants import (
    NO,
    SLOT_HANDOVER_CONSENT,
    SLOT_MUNICIPALITY,
    SLOT_PLACE_UNKNOWN,
    SLOT_TASK_OUTCOME,
    SLOT_UNCLEAR_ANSWERS,
    YES,
)
from actions.forms import Message, TaskForm
from bot import paths
from bot.dialogue import answers, questions
from bot.gazetteer.matcher import always_human_topics as editors_topics
from bot.handover import constants as c
from bot.handover import repeats, tickets
from bot.handover.errors import HandoverUnavailable

#: The entity bot/nlu/always_human.py sets for topics that always go to a person.
ALWAYS_HUMAN_TOPIC = "always_human_topic"
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
    return (editors_topics(paths.gazetteer_dir(), paths.gazetteer_overlay_dir()).get(key) or {}).get("label", key)


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


async def open_ticket(tracker: Tracker, urgency: str, with_transcript: bool) -> Any:
    """Write the ticket (durably, before the client is told) and return what the client needs to know;
    while the client has an open ticket on the same topic, the request is added to that one instead."""
    about = topic(tracker)
    existing = await data_access.run(repeats.add_to_open_ticket, tracker.sender_id, about["intent"], urgency)
    if existing is not None:
        return existing
    return await data_access.run(
        tickets.open_ticket, tracker.sender_id, channel_of(tracker), Message.of(tracker).language,
        tracker.get_slot(SLOT_MUNICIPALITY), about["intent"], about["entities"], urgency, about["asked"],
        about["answered"], transcript(tracker) if with_transcript else None)


def channel_of(tracker: Tracker) -> str:
    """The client's channel, from the pseudonymous sender id ("web-…", "telegram-…"); any other id came
    through Rasa's REST channel, the web chat's way in."""
    prefix = tracker.sender_id.split("-", 1)[0]
    return prefix if prefix in c.CHANNELS else c.WEB


def tell_client(dispatcher: CollectingDispatcher, ticket: Any) -> None:
    """Who has the request and when to expect an answer."""
    reply_by = data_access.local_iso(ticket.expected_reply_by) if ticket.expected_reply_by else ""
    if ticket.manager_name:
        dispatcher.utter_message(response="utter_handover_to_manager", manager=ticket.manager_name,
                                 reference=ticket.reference, reply_datetime=reply_by)
    else:
        dispatcher.utter_message(response="utter_handover_to_team", team=ticket.district or "Baden-Württemberg",
                                 reference=ticket.reference, reply_datetime=reply_by)


class ValidateHandoverForm(TaskForm):
    """Reads the client's town (optional: "I don't know" sends the request to the statewide team) and consent."""

    own_intents = ("request_handover",)
    task_slots = (SLOT_HANDOVER_CONSENT, SLOT_PLACE_UNKNOWN)
    stopped_response = "utter_handover_stopped"

    def name(self) -> Text:
        """The validator's name."""
        return "validate_handover_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> List[Text]:
        """Without a known town only the consent is asked."""
        if tracker.get_slot(SLOT_PLACE_UNKNOWN):
            return [s for s in domain_slots if s != SLOT_MUNICIPALITY]
        return domain_slots

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """As every form; when the form starts, first say why a person answers an always-human topic."""
        if tracker.get_slot(REQUESTED_SLOT) is None and next(
                iter(tracker.get_latest_entity_values(ALWAYS_HUMAN_TOPIC)), None):
            dispatcher.utter_message(response="utter_always_human_topic")
        return await super().run(dispatcher, tracker, domain)

    def on_new_task(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        """The client turned to another task: the request is not lost silently, they are told how to send it."""
        dispatcher.utter_message(response="utter_handover_not_sent")
        return super().on_new_task(dispatcher, tracker)

    async def validate_municipality(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> Dict[Text, Any]:
        """Any town (the ticket goes to its district, or to the statewide team)."""
        return await self.municipality_answer(value, dispatcher, tracker, in_directory=False)

    def validate_handover_consent(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> Dict[Text, Any]:
        """Yes or no; an unclear answer is asked again (a typed "yes" counts exactly like the button)."""
        return {SLOT_HANDOVER_CONSENT: yes_or_no_answer(str(value or ""), Message.of(tracker), SLOT_HANDOVER_CONSENT)}


def yes_or_no_answer(text: str, message: Message, slot: str) -> Optional[str]:
    """``yes`` or ``no`` from a button, a typed yes/no or a typed button label; None when unclear.

    A yes here sends the conversation or deletes everything, so closeness in meaning alone may say no,
    never yes: a "yes" must be said in words.
    """
    if text in (YES, NO):
        return text
    if answers.dont_know(text, message.language):
        return None
    options = questions.options(slot, message.language)
    chosen = answers.choose(text, options, message.language, slot)
    if chosen:
        return chosen
    said = answers.yes_or_no(text, message.language)
    if said is not None:
        return YES if said else NO
    by_meaning = answers.choose(text, options, message.language, slot, similar=data_access.similar)
    return NO if by_meaning == NO else None


class ActionHandover(Action):
    """When the handover form is done: open the ticket (with the transcript only with consent) and say what happens."""

    def name(self) -> Text:
        """The action's name."""
        return "action_handover"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Open the ticket, or say it failed (the client can try again; nothing half-written remains)."""
        done = [SlotSet(SLOT_HANDOVER_CONSENT, None), SlotSet(SLOT_PLACE_UNKNOWN, None)]
        if tracker.get_slot(SLOT_TASK_OUTCOME):
            return [*done, SlotSet(SLOT_TASK_OUTCOME, None)]
        try:
            ticket = await open_ticket(tracker, NORMAL, with_transcript=tracker.get_slot(SLOT_HANDOVER_CONSENT) == YES)
        except HandoverUnavailable:
            dispatcher.utter_message(response="utter_handover_failed")
            return done
        tell_client(dispatcher, ticket)
        return done


class ActionUrgentHandover(Action):
    """After the emergency numbers: an urgent ticket at once, without questions and without transcript.

    An emergency ends whatever task was open.
    """

    def name(self) -> Text:
        """The action's name."""
        return "action_urgent_handover"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Open the urgent ticket and tell the client."""
        events: List[EventType] = []
        if tracker.active_loop.get("name"):
            events = [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None), SlotSet(SLOT_UNCLEAR_ANSWERS, None)]
        try:
            tell_client(dispatcher, await open_ticket(tracker, URGENT, with_transcript=False))
        except HandoverUnavailable:
            dispatcher.utter_message(response="utter_handover_failed")
        return events


class ActionDomainQuestion(Action):
    """A question in Lotse's domain that no FAQ entry answers: honestly no answer, a person offered, a content gap."""

    def name(self) -> Text:
        """The action's name."""
        return "action_domain_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        """Offer the integration manager and note the question for the editors."""
        dispatcher.utter_message(response="utter_domain_question")
        await gaps.record_unanswered(tracker)
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

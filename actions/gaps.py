"""Content gaps from the conversation: what the bot did not understand, and answers that did not help.

The fallback and the "no" after an answer (``actions/handover.py``) call :func:`record_fallback`
and :func:`record_unhelpful`. What is stored is redacted by ``bot.content.gaps`` and carries no
client identifier; a failure to store it never reaches the client.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

from rasa_sdk import Tracker

from actions import data_access
from bot.content.constants import FAQ_RESPONSE_PREFIX, GapReason
from bot.nlg.renderer import conversation_language

#: The intent the FallbackClassifier puts first when it is unsure.
FALLBACK_INTENT = "nlu_fallback"
#: The intent of questions in Lotse's domain that no FAQ entry answers.
DOMAIN_QUESTION = "domain_question"
#: Prefix of every response name.
UTTER_PREFIX = "utter_"


def is_payload(text: Optional[str]) -> bool:
    """Whether a user message is a button payload ("/inform{…}") rather than words.

    >>> is_payload('/inform{"course_level": "B1"}'), is_payload("wo ist der kurs"), is_payload(None)
    (True, False, True)
    """
    return not text or text.startswith("/")


def retrieval_key(parse_data: Dict[str, Any], intent: str) -> Optional[str]:
    """The response selector's answer key for a retrieval intent ("faq" → "faq/work_permit")."""
    selector = (parse_data.get("response_selector") or {}).get(intent) or {}
    key = (selector.get("response") or {}).get("intent_response_key")
    return key if isinstance(key, str) and key.startswith(f"{intent}/") else None


def best_guess(parse_data: Dict[str, Any]) -> str:
    """The intent the NLU found most likely apart from the fallback, or the FAQ answer it would pick.

    >>> best_guess({"intent_ranking": [{"name": "nlu_fallback"}, {"name": "faq"}],
    ...             "response_selector": {"faq": {"response": {"intent_response_key": "faq/dff"}}}})
    'faq/dff'
    >>> best_guess({"intent_ranking": [{"name": "nlu_fallback"}]})
    ''
    """
    for ranked in parse_data.get("intent_ranking") or []:
        name = ranked.get("name")
        if name and name != FALLBACK_INTENT:
            return retrieval_key(parse_data, name) or name
    return ""


def answer_topic(response: str) -> str:
    """The topic of a bot answer: the FAQ key of "utter_faq/<key>", else the response name.

    >>> answer_topic("utter_faq/work_permit"), answer_topic("utter_courses_found")
    ('faq/work_permit', 'utter_courses_found')
    """
    return response[len(UTTER_PREFIX):] if response.startswith(FAQ_RESPONSE_PREFIX) else response


def unhelpful_answer(tracker: Tracker) -> Optional[Tuple[str, str]]:
    """The answer the client's latest message says did not help, as (topic, the client's question).

    The topic is the FAQ key of the answer, or else the intent of the question it answered; the
    question is the client's last message in words (not a button) before that answer.
    """
    events = list(reversed(tracker.events))
    latest = next((index for index, event in enumerate(events) if event.get("event") == "user"), None)
    if latest is None:
        return None
    at = next((index for index in range(latest + 1, len(events)) if events[index].get("event") == "bot"), None)
    response = ((events[at].get("metadata") or {}).get("utter_action") or "") if at is not None else ""
    earlier = [event for event in events[(at or 0) + 1:]
               if event.get("event") == "user" and not is_payload(event.get("text"))]
    if not response or not earlier:
        return None
    intent = ((earlier[0].get("parse_data") or {}).get("intent") or {}).get("name") or ""
    topic = answer_topic(response) if response.startswith(FAQ_RESPONSE_PREFIX) else intent or response
    return topic, earlier[0]["text"]


async def record_fallback(tracker: Tracker) -> None:
    """Note the latest message as not understood, with the NLU's best guess as its topic."""
    message = tracker.latest_message or {}
    if is_payload(message.get("text")):
        return
    await data_access.note_gap(language_of(tracker), GapReason.FALLBACK.value, best_guess(message),
                               message["text"])


async def record_unanswered(tracker: Tracker) -> None:
    """Note the latest message as a question in Lotse's domain that no FAQ entry answers."""
    message = tracker.latest_message or {}
    if is_payload(message.get("text")):
        return
    await data_access.note_gap(language_of(tracker), GapReason.UNANSWERED.value, DOMAIN_QUESTION, message["text"])


async def record_unhelpful(tracker: Tracker) -> None:
    """Note the question whose answer the client said did not help."""
    found = unhelpful_answer(tracker)
    if found:
        topic, text = found
        await data_access.note_gap(language_of(tracker), GapReason.UNHELPFUL.value, topic, text)


def language_of(tracker: Tracker) -> str:
    """The conversation's language, as the NLG renders it."""
    return conversation_language(tracker.current_state(), {})

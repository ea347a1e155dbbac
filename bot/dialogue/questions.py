"""The options of the bot's questions: their values and labels, in the client's language and in German.

A question is a response whose ``metadata.question`` names the slot it asks for (domain.yml).
Its buttons are its options: the value is the entity in the button's payload
(``/inform{"course_level": "A1"}`` → ``A1``), the labels are the button's title in the client's
language, in German and in English, so a client may type any of them.
"""

from __future__ import annotations

import json
from typing import Dict, List, Optional

from bot.dialogue.answers import Option
from bot.i18n.extract import button_context, variation_context
from bot.languages import registry
from bot.nlg.renderer import source_responses, translated


def payload_value(payload: str, slot: str) -> Optional[str]:
    """The value a button's payload sets for ``slot``.

    >>> payload_value('/inform{"course_level": "A1"}', "course_level")
    'A1'
    >>> payload_value("/request_handover", "course_level") is None
    True
    """
    start = payload.find("{")
    if start < 0:
        return None
    try:
        entities = json.loads(payload[start:])
    except ValueError:
        return None
    value = entities.get(slot) if isinstance(entities, dict) else None
    return None if value is None else str(value)


def question_slot(response: str) -> Optional[str]:
    """The slot a question asks for (``metadata.question``), or None for other responses."""
    variations = source_responses().get(response) or [{}]
    return (variations[0].get("metadata") or {}).get("question")


def question_for(slot: str) -> Optional[str]:
    """The response that asks for ``slot``.

    >>> question_for("course_level")
    'utter_ask_course_level'
    """
    for name, variations in source_responses().items():
        if (variations[0].get("metadata") or {}).get("question") == slot:
            return name
    return None


def options(slot: str, language: str) -> List[Option]:
    """The options of the question for ``slot``, labelled in ``language``, German and English."""
    response = question_for(slot)
    if response is None:
        return []
    context = variation_context(response, 0)
    found: Dict[str, Option] = {}
    for index, button in enumerate(source_responses()[response][0].get("buttons") or []):
        value = payload_value(button["payload"], slot)
        if value is None:
            continue
        labels = [button["title"]]
        for code in dict.fromkeys((language, registry().fallback)):
            labels.append(translated(code, button_context(context, index), button["title"]))
        found[value] = Option(value, tuple(dict.fromkeys(labels)))
    return list(found.values())

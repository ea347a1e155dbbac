"""Render a Rasa response in the conversation's language from the gettext catalogs.

Rasa posts ``{"response", "arguments", "tracker", "channel"}`` to the NLG
endpoint; :func:`render` answers ``{"text", "buttons"}``. The language is the
``language`` argument (an action switching language), else the ``language``
slot, else the latest message's detected language, else the registry default.
A text missing in that language falls back to English, then to the German source.

FAQ answers (``utter_faq/<key>``) come from the editors' content in the database, read on
every call so a change shows in the next answer (:mod:`bot.content.answers`); only these
responses touch the database. An FAQ entry that is not in the database, or a database that
cannot be read, falls back to the catalogs.
"""

from __future__ import annotations

import functools
import logging
import string
from typing import Any, Dict, List, Mapping, Optional

from django.db import DatabaseError

from bot import paths
from bot.content.constants import faq_key
from bot.i18n import catalogs
from bot.i18n.bidi import isolate, rtl_text
from bot.i18n.extract import button_context, domain_responses, variation_context
from bot.i18n.formatting import format_value
from bot.i18n.markers import N_
from bot.languages import registry
from bot.retention import retention_days

logger = logging.getLogger(__name__)

#: What Lotse says before its first answer in a conversation (catalog context, German source): what it does
#: and that a person can be reached, with the privacy notice at most about 40 words.
INTRO = N_("utter_intro", "Ich bin Lotse, ein Chatbot: Ich helfe bei Sprachkursen, Ämtern und Terminen. Einen Menschen "
                          "aus Ihrem Integrationsmanagement erreichen Sie, wenn Sie „Mensch“ schreiben.")
#: The short privacy notice that follows the introduction; "Datenschutz" gives the whole notice (an FAQ answer).
PRIVACY_NOTICE = N_("utter_privacy_notice",
                    "Ich lösche unser Gespräch nach {retention_days} Tagen. „Lösche meine Daten“ löscht sofort, "
                    "„Datenschutz“ erklärt mehr.")
#: The longer text of the FAQ answer before it (a "more" button or "tell me more").
MORE_RESPONSE = "utter_faq_more"
#: Answers that come before the introduction at first contact (in danger, the numbers first).
FIRST_BEFORE_INTRO = ("utter_emergency",)
#: ``metadata.buttons`` value of responses that offer the languages as buttons.
LANGUAGE_BUTTONS = "languages"
#: ``metadata.buttons`` value of the question offering free appointment times (from that slot).
OFFERED_SLOTS = "offered_slots"
#: What introduces a form's question asked again after a question in between, per form.
RESUME = {
    "course_form": N_("resume|course_form", "Zurück zu Ihrer Kurssuche:"),
    "service_form": N_("resume|service_form", "Zurück zu Ihrer Frage nach dem Amt:"),
    "appointment_form": N_("resume|appointment_form", "Zurück zu Ihrem Termin:"),
    "cancel_form": N_("resume|cancel_form", "Zurück zur Terminabsage:"),
    "handover_form": N_("resume|handover_form", "Zurück zu Ihrer Anfrage an das Integrationsmanagement:"),
    "delete_form": N_("resume|delete_form", "Zurück zum Löschen Ihrer Daten:"),
}
#: Responses of a form itself: they do not count as a question in between.
FORM_RESPONSES = ("utter_answer_unclear", "utter_no_free_slots")
#: After this many unusable answers in a row, a question lists its options numbered and offers a person.
NUMBERED_AFTER = 2
NUMBERED = N_("options|numbered", "Sie können auch einfach die Nummer schreiben:")
HUMAN_BUTTON = N_("options|human", "Mit einem Menschen sprechen")
HUMAN_PAYLOAD = "/request_handover"
#: Intent of the language buttons' payload.
CHOOSE_LANGUAGE_INTENT = "choose_language"


class UnknownResponse(KeyError):
    """Rasa asked for a response the domain does not define."""


@functools.lru_cache(maxsize=1)
def source_responses() -> Dict[str, List[Dict[str, Any]]]:
    """The domain's responses (German source texts), read once per process."""
    return domain_responses(paths.domain_file())


def conversation_language(tracker: Mapping[str, Any], arguments: Mapping[str, Any]) -> str:
    """The language to answer in (see module docstring)."""
    slots = tracker.get("slots") or {}
    latest = tracker.get("latest_message") or {}
    return registry().resolve(arguments.get("language"), slots.get("language"), latest.get("language"),
                              registry().default)


def translated(language: str, context: str, source: str) -> str:
    """The catalog text for ``context``; English, then German source, when missing."""
    for code in (language, registry().fallback):
        text = catalogs.translate(code, context, source)
        if text:
            if code != language:
                logger.warning("missing translation: %s in %s", context, language)
            return text
    return source


class _Values(string.Formatter):
    """Fills ``{slot}`` placeholders; unknown ones stay visible as an empty string."""

    def get_value(self, key, args, kwargs):  # type: ignore[no-untyped-def]
        return kwargs.get(key, "")


def fill(text: str, values: Mapping[str, Any], language: str) -> str:
    """Insert slot and argument values, formatted for the language and isolated in RTL text.

    >>> fill("Ort: {municipality}", {"municipality": "Ulm"}, "de")
    'Ort: Ulm'
    """
    rtl = registry()[language].is_rtl

    def prepared(name: str, value: Any) -> str:
        formatted = format_value(value, language, name)
        return isolate(formatted) if rtl and formatted else formatted

    return _Values().format(text, **{k: prepared(k, v) for k, v in values.items()})


def language_buttons() -> List[Dict[str, str]]:
    """One button per supported language, titled in its own name."""
    return [
        {"title": lang.endonym, "payload": f'/{CHOOSE_LANGUAGE_INTENT}{{"language": "{lang.code}"}}'}
        for lang in registry()
    ]


def is_first_contact(tracker: Mapping[str, Any]) -> bool:
    """Whether the bot has not said anything yet in this conversation."""
    events = tracker.get("events")
    return events is not None and not any(e.get("event") == "bot" for e in events)


def chat_text(text: str, language: str) -> str:
    """``text`` ready for the chat: right-to-left paragraphs marked and Latin runs isolated in RTL languages.

    >>> chat_text("Hallo", "de")
    'Hallo'
    """
    return rtl_text(text) if registry()[language].is_rtl else text


def faq_reply(response: str, language: str) -> Optional[Any]:
    """The editors' answer for an FAQ response (text and buttons), complete for the chat; None to use the catalogs."""
    key = faq_key(response)
    if key is None:
        return None
    from bot.content.answers import faq_reply as from_database  # the renderer is loaded before Django's apps

    try:
        return from_database(key, language)
    except DatabaseError as error:
        logger.error("FAQ content unreadable, answering %s from the catalogs: %s", response, type(error).__name__)
        return None


def faq_more(tracker: Mapping[str, Any], language: str) -> Optional[str]:
    """The longer text of the FAQ answer the bot gave just before the client asked for more."""
    key = faq_key(tracker.get("previous_response") or "")
    if key is None:
        return None
    from bot.content.answers import faq_more as from_database  # the renderer is loaded before Django's apps

    try:
        return from_database(key, language)
    except DatabaseError as error:
        logger.error("FAQ content unreadable for the longer text: %s", type(error).__name__)
        return None


def slot_buttons(values: List[str], language: str) -> List[Dict[str, str]]:
    """One button per offered appointment time ("<manager id>@<ISO start>"), titled in the language."""
    buttons = []
    for value in values or []:
        start = value.split("@", 1)[-1]
        when = start[:16] if len(start) >= 16 else start
        buttons.append({"title": format_value(when, language, "when_datetime"),
                        "payload": f'/inform{{"appointment_slot": "{value}"}}'})
    return buttons


def resumes(response: str, tracker: Mapping[str, Any]) -> bool:
    """Whether a form asks its question again after answering a question in between.

    >>> resumes("utter_ask_course_level", {"active_loop": "course_form", "turn_responses": ["utter_faq/dff"],
    ...                                    "previous_response": "utter_ask_course_level"})
    True
    >>> resumes("utter_ask_course_level", {"active_loop": "course_form", "turn_responses": ["utter_answer_unclear"],
    ...                                    "previous_response": "utter_ask_course_level"})
    False
    """
    said = [r for r in tracker.get("turn_responses") or [] if r and r not in FORM_RESPONSES]
    return bool(tracker.get("active_loop") in RESUME and said and tracker.get("previous_response") == response)


def numbered(buttons: List[Dict[str, str]], language: str) -> str:
    r"""The options as a numbered list, for a client who could not answer with the buttons.

    >>> numbered([{"title": "A2", "payload": "/x"}, {"title": "B1", "payload": "/y"}], "de")
    'Sie können auch einfach die Nummer schreiben:\n1. A2\n2. B1'
    """
    lines = [translated(language, *NUMBERED)]
    lines += [f"{index}. {button['title']}" for index, button in enumerate(buttons, start=1)]
    return "\n".join(lines)


def render(response: str, arguments: Optional[Mapping[str, Any]] = None,
           tracker: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """Render one response for Rasa's NLG endpoint."""
    arguments = arguments or {}
    tracker = tracker or {}
    language = conversation_language(tracker, arguments)
    reply = faq_reply(response, language)  # an FAQ entry editors added is not in domain.yml
    text = reply.text if reply is not None else (faq_more(tracker, language) if response == MORE_RESPONSE else None)
    variations = source_responses().get(response)
    if not variations and text is None:
        raise UnknownResponse(response)
    variation = variations[0] if variations else {}
    metadata = variation.get("metadata") or {}
    context = variation_context(response, 0)
    slots = tracker.get("slots") or {}
    values = {**slots, **arguments}
    if text is None:
        text = fill(translated(language, context, variation.get("text", "")), values, language)
        if metadata.get("question") and resumes(response, tracker):
            text = f"{translated(language, *RESUME[tracker['active_loop']])} {text}"
        text = chat_text(text, language)
    buttons = [
        {"title": translated(language, button_context(context, i), b["title"]), "payload": b["payload"]}
        for i, b in enumerate(variation.get("buttons") or [])
    ]
    if reply is not None:
        buttons = reply.buttons
    if metadata.get("buttons") == LANGUAGE_BUTTONS:
        buttons += language_buttons()
    if metadata.get("buttons") == OFFERED_SLOTS:
        buttons += slot_buttons(slots.get(OFFERED_SLOTS) or [], language)
    if metadata.get("question") and buttons and (slots.get("unclear_answers") or 0) >= NUMBERED_AFTER:
        text = f"{text}\n\n{chat_text(numbered(buttons, language), language)}"
        if metadata.get("question") != "handover_consent":
            buttons.append({"title": translated(language, *HUMAN_BUTTON), "payload": HUMAN_PAYLOAD})
    if is_first_contact(tracker):
        notice = fill(translated(language, *PRIVACY_NOTICE), {"retention_days": int(retention_days())}, language)
        intro = f"{chat_text(translated(language, *INTRO), language)} {chat_text(notice, language)}"
        text = f"{text}\n\n{intro}" if response in FIRST_BEFORE_INTRO else f"{intro}\n\n{text}"
    return {"text": text, "buttons": buttons}

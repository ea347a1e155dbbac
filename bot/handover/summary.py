"""The German summary of a ticket, built from intents, entities, responses and the directory.

No machine translation: every part is a German label for a name the bot already knows (intent,
entity value, response), so the integration manager reads German whatever language the client wrote.

>>> s = build_summary("find_language_course", {"course_level": "A1", "municipality": "Tübingen"}, "ar",
...                   ["find_language_course"], ["utter_courses_found", "utter_course", "utter_course", "utter_course"],
...                   place=("Tübingen", "Landkreis Tübingen"))
>>> render(s)
'Thema: Sprachkurs (find_language_course) · Sprache: Arabisch · Ort: Tübingen (Landkreis Tübingen) · Niveau: A1 · Der Bot hat geantwortet: Kursliste (3 Kurse)'
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from babel import Locale

from bot.directory.constants import SERVICE_TYPES

#: German labels of the intents a client can have.
INTENT_LABELS: Dict[str, str] = {
    "find_language_course": "Sprachkurs",
    "find_service": "Zuständiges Amt / Beratungsstelle",
    "ask_opening_hours": "Öffnungszeiten",
    "book_appointment": "Termin vereinbaren",
    "my_appointments": "Eigene Termine",
    "cancel_appointment": "Termin absagen",
    "request_handover": "Wunsch nach persönlicher Beratung",
    "emergency": "Notfall",
    "delete_my_data": "Daten löschen",
    "out_of_scope": "Frage außerhalb des Bot-Angebots",
    "faq": "Allgemeine Frage",
    "nlu_fallback": "Nicht verstandene Nachricht",
    "bot_challenge": "Frage, ob ein Mensch antwortet",
    "domain_question": "Frage ohne Antwort im FAQ",
}
#: Intents that say nothing about the client's concern.
SMALL_TALK = frozenset({"greet", "goodbye", "thank", "affirm", "deny", "choose_language", "inform", "stop",
                        "EXTERNAL_appointment_reminder"})

#: German labels of the bot's responses ("what the bot already answered").
RESPONSE_LABELS: Dict[str, str] = {
    "utter_courses_found": "Kursliste",
    "utter_courses_nearby": "Kursliste aus dem Kreis (keine im Ort)",
    "utter_courses_none": "Keine passenden Kurse gefunden",
    "utter_course": "Kurs",
    "utter_office": "Zuständige Stelle mit Adresse",
    "utter_office_hours": "Öffnungszeiten",
    "utter_office_none": "Keine zuständige Stelle gefunden",
    "utter_ask_appointment_slot": "Terminvorschläge",
    "utter_domain_question": "Keine Antwort vorhanden, Weitergabe angeboten",
    "utter_no_manager": "Kein Integrationsmanagement für den Ort gefunden",
    "utter_no_free_slots": "Keine freien Termine",
    "utter_slot_taken": "Gewählter Termin war schon vergeben",
    "utter_appointment_booked": "Termin gebucht",
    "utter_my_appointments": "Terminliste",
    "utter_no_appointments": "Keine Termine vorhanden",
    "utter_appointment_cancelled": "Termin abgesagt",
    "utter_appointment_not_found": "Termin nicht gefunden",
    "utter_directory_unavailable": "Verzeichnis war nicht erreichbar",
    "utter_municipality_not_in_directory": "Ort nicht im Verzeichnis",
    "utter_emergency": "Notrufnummern",
    "utter_out_of_scope": "Kann der Bot nicht beantworten",
    "utter_default": "Nicht verstanden, Rückfrage",
    "utter_bot_challenge": "Hinweis: Lotse ist ein Chatbot",
    "utter_ask_municipality": "Rückfrage: Wohnort",
    "utter_ask_course_level": "Rückfrage: Deutschniveau",
    "utter_ask_course_need": "Rückfrage: Kinderbetreuung / Frauenkurs",
    "utter_ask_service_type": "Rückfrage: welches Amt",
    "utter_ask_appointment_purpose": "Rückfrage: Anlass des Termins",
    "utter_ask_preferred_day": "Rückfrage: Wunschtag",
    "utter_ask_which_appointment": "Rückfrage: welcher Termin",
}
#: Topics of the FAQ answers (``utter_faq/<topic>``).
FAQ_LABELS: Dict[str, str] = {
    "integration_manager": "Integrationsmanagement", "eligibility": "Anspruch auf Integrationskurs",
    "integration_course": "Integrationskurs", "dff": "Deutschkurse des Landes (VwV Deutsch)", "bezahlkarte": "Bezahlkarte",
    "wohngeld": "Wohngeld", "health_insurance": "Krankenversicherung", "work_permit": "Arbeitserlaubnis",
    "recognition": "Anerkennung von Abschlüssen", "school_kita": "Schule und Kita",
    "ombudsstelle": "Ombudsstelle", "privacy": "Datenschutz",
}
#: Responses sent once per listed item: (singular, plural).
ITEMS: Dict[str, Tuple[str, str]] = {"utter_course": ("Kurs", "Kurse"), "utter_office": ("Stelle", "Stellen")}
#: List headings and the item response that follows them once per item.
LIST_ITEMS: Dict[str, str] = {"utter_courses_found": "utter_course", "utter_courses_nearby": "utter_course"}
#: Responses that say nothing about the concern (greetings, the introduction, confirmations).
SKIPPED_RESPONSES = frozenset({"utter_greet", "utter_goodbye", "utter_thank", "utter_affirm", "utter_deny",
                               "utter_intro", "utter_ask_language", "utter_language_changed",
                               "utter_municipality_noted", "utter_inform_unclear", "utter_handover_interim",
                               "utter_delete_interim", "utter_appointment_reminder", "utter_answer_unclear",
                               "utter_task_stopped", "utter_handover_not_sent"})

#: German labels of entities and their known values, in the order they are shown.
ENTITY_LABELS: Dict[str, str] = {
    "always_human_topic": "Immer persönlich", "service_type": "Amt", "course_level": "Niveau", "course_need": "Bedarf", "appointment_purpose": "Anlass",
    "preferred_day": "Wunschtag", "appointment_slot": "Gewählter Termin",
}
VALUE_LABELS: Dict[str, Dict[str, str]] = {
    "service_type": dict(SERVICE_TYPES),
    "course_level": {"alpha": "Alphabetisierung"},
    "course_need": {"childcare": "Kinderbetreuung", "women_only": "Kurs nur für Frauen",
                    "none": "keine besonderen Wünsche"},
    "appointment_purpose": {"language_course": "Sprachkurs", "work": "Arbeit und Ausbildung",
                            "housing": "Wohnung", "documents": "Ämter und Dokumente",
                            "family": "Familie, Kita und Schule"},
}
SEPARATOR = " · "


def language_label(code: str) -> str:
    """The German name of a language.

    >>> language_label("ti"), language_label("fa"), language_label("xx")
    ('Tigrinya', 'Persisch', 'xx')
    """
    return Locale("de").languages.get(code, code)


def intent_label(intent: str) -> str:
    """The German label of an intent, else the intent's name.

    >>> intent_label("book_appointment"), intent_label("something_new")
    ('Termin vereinbaren', 'something_new')
    """
    return INTENT_LABELS.get(intent, intent)


def response_label(response: str) -> str:
    """The German label of a response, else its name.

    >>> response_label("utter_faq/wohngeld"), response_label("utter_office_hours")
    ('Info: Wohngeld', 'Öffnungszeiten')
    """
    if response.startswith("utter_faq/"):
        topic = response.split("/", 1)[1]
        return f"Info: {FAQ_LABELS.get(topic, topic)}"
    return RESPONSE_LABELS.get(response, response)


def value_label(entity: str, value: Any) -> str:
    """The German label of an entity value (lists joined), else the value as text.

    >>> value_label("course_need", "childcare"), value_label("course_level", "B1")
    ('Kinderbetreuung', 'B1')
    """
    if isinstance(value, (list, tuple)):
        return ", ".join(value_label(entity, item) for item in value)
    return VALUE_LABELS.get(entity, {}).get(str(value), str(value))


def _unique(items: Iterable[str]) -> List[str]:
    seen: List[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def answered_items(answered: Iterable[str]) -> List[Dict[str, Any]]:
    """What the bot answered, repeats counted: [{"response", "label", "count", "items"}].

    Items following their list heading (``utter_course`` after ``utter_courses_found``) count into it.

    >>> [a["label"] for a in answered_items(["utter_greet", "utter_default", "utter_default"])]
    ['Nicht verstanden, Rückfrage']
    >>> [_answer_text(a) for a in answered_items(["utter_office", "utter_office", "utter_courses_none"])]
    ['Zuständige Stelle mit Adresse (2 Stellen)', 'Keine passenden Kurse gefunden']
    """
    result: List[Dict[str, Any]] = []
    for response in answered:
        if response in SKIPPED_RESPONSES:
            continue
        last = result[-1] if result else None
        if last is not None and LIST_ITEMS.get(last["response"]) == response:
            last["items"] += 1
        elif last is not None and last["response"] == response:
            last["count"] += 1
        else:
            result.append({"response": response, "label": response_label(response), "count": 1, "items": 0})
    return result


def _answer_text(answer: Mapping[str, Any]) -> str:
    heading_of = LIST_ITEMS.get(answer["response"])
    if heading_of and answer["items"]:
        singular, plural = ITEMS[heading_of]
        return f"{answer['label']} ({answer['items']} {singular if answer['items'] == 1 else plural})"
    if answer["count"] > 1:
        unit = ITEMS[answer["response"]][1] if answer["response"] in ITEMS else "×"
        return f"{answer['label']} ({answer['count']}{' ' if unit != '×' else ''}{unit})"
    return str(answer["label"])


def build_summary(intent: str, entities: Mapping[str, Any], language: str, asked: Iterable[str],
                  answered: Iterable[str], place: Optional[Tuple[str, str]] = None, urgent: bool = False,
                  ) -> Dict[str, Any]:
    """The structured German summary (JSON-serializable); ``place`` is (municipality, district) from the directory.

    >>> build_summary("emergency", {}, "fa", [], ["utter_emergency"], urgent=True)["answered"][0]["label"]
    'Notrufnummern'
    """
    details = [{"entity": name, "label": label, "value": value_label(name, entities[name])}
               for name, label in ENTITY_LABELS.items() if entities.get(name) not in (None, "", [])]
    questions = [i for i in _unique(asked) if i not in SMALL_TALK and i != intent]
    return {
        "topic": {"intent": intent, "label": intent_label(intent)},
        "urgent": urgent,
        "language": {"code": language, "label": language_label(language)},
        "place": {"municipality": place[0], "district": place[1]} if place else None,
        "details": details,
        "asked": [{"intent": i, "label": intent_label(i)} for i in questions],
        "answered": [{**a, "text": _answer_text(a)} for a in answered_items(answered)],
    }


def render(summary: Mapping[str, Any]) -> str:
    """The summary as one line of German text.

    >>> render(build_summary("request_handover", {"service_type": "jobcenter"}, "uk", ["find_service"],
    ...                      ["utter_office", "utter_office_hours"], urgent=True))
    'DRINGEND · Thema: Wunsch nach persönlicher Beratung (request_handover) · Sprache: Ukrainisch · Amt: Jobcenter · Gefragt: Zuständiges Amt / Beratungsstelle · Der Bot hat geantwortet: Zuständige Stelle mit Adresse, Öffnungszeiten'
    """
    parts = ["DRINGEND"] if summary.get("urgent") else []
    topic = summary["topic"]
    parts.append(f"Thema: {topic['label']} ({topic['intent']})")
    parts.append(f"Sprache: {summary['language']['label']}")
    place = summary.get("place")
    if place:
        same = place["municipality"] == place["district"]
        parts.append(f"Ort: {place['municipality']}" + ("" if same else f" ({place['district']})"))
    parts.extend(f"{d['label']}: {d['value']}" for d in summary.get("details", []))
    if summary.get("asked"):
        parts.append("Gefragt: " + ", ".join(a["label"] for a in summary["asked"]))
    if summary.get("answered"):
        parts.append("Der Bot hat geantwortet: " + ", ".join(a["text"] for a in summary["answered"]))
    return SEPARATOR.join(parts)

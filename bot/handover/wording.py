"""The German words of the ticket summary: what each intent, entity value and bot response means.

Caseworkers read these, never the names behind them. Every response in ``domain.yml`` is either
described in :data:`ANSWERS` or listed in :data:`SKIPPED_RESPONSES` (a test checks it); a name
that is missing still never reaches the page (:mod:`bot.handover.summary` says "weitere Antwort").
"""

from __future__ import annotations

from typing import Dict, Final, Tuple

from bot.directory.constants import SERVICE_TYPES

#: Short German topic of an intent (list column "Thema", statistics).
TOPIC_LABELS: Final[Dict[str, str]] = {
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
    "more_info": "Mehr Informationen",
    "nlu_fallback": "Nicht verstandene Nachricht",
    "bot_challenge": "Frage, ob ein Mensch antwortet",
    "domain_question": "Frage ohne Antwort im FAQ",
}
#: Topic of an intent without a label (a new intent): never its name.
OTHER_TOPIC: Final = "Sonstiges Anliegen"

#: What the client wants, completing "Die Person …".
WANTS: Final[Dict[str, str]] = {
    "find_language_course": "sucht einen Deutschkurs",
    "find_service": "sucht die zuständige Stelle",
    "ask_opening_hours": "fragt nach Öffnungszeiten",
    "book_appointment": "möchte einen Beratungstermin",
    "my_appointments": "fragt nach ihren Terminen",
    "cancel_appointment": "möchte einen Termin absagen",
    "request_handover": "möchte persönlich beraten werden",
    "emergency": "hat einen Notfall gemeldet",
    "delete_my_data": "möchte ihre Daten löschen lassen",
    "out_of_scope": "hat eine Frage, die Lotse nicht beantworten kann",
    "faq": "hat eine allgemeine Frage",
    "more_info": "möchte mehr Informationen",
    "nlu_fallback": "hat etwas geschrieben, das Lotse nicht verstanden hat",
    "bot_challenge": "wollte wissen, ob ein Mensch antwortet",
    "domain_question": "hat eine Frage, zu der Lotse keine Antwort hat",
}
#: What a client with an unlabelled intent wants.
OTHER_WANTS: Final = "hat ein Anliegen, das Lotse nicht zuordnen konnte"
#: Intents that say nothing about the client's concern.
SMALL_TALK: Final = frozenset({"greet", "goodbye", "thank", "affirm", "deny", "choose_language", "inform", "stop",
                               "EXTERNAL_appointment_reminder"})

#: Facts the client gave (slots and entities), with their German label, in the order shown.
FACT_LABELS: Final[Dict[str, str]] = {
    "always_human_topic": "Thema (immer persönlich)",
    "service_type": "Gesuchte Stelle",
    "course_level": "Deutschniveau",
    "course_need": "Bedarf",
    "appointment_purpose": "Anlass des Termins",
    "preferred_day": "Wunschtag",
    "appointment_slot": "Gewählter Termin",
}
#: German words for known values.
VALUE_LABELS: Final[Dict[str, Dict[str, str]]] = {
    "service_type": dict(SERVICE_TYPES),
    "course_level": {"alpha": "Alphabetisierung"},
    "course_need": {"childcare": "Kinderbetreuung", "women_only": "Kurs nur für Frauen",
                    "none": "keine besonderen Wünsche"},
    "appointment_purpose": {"language_course": "Sprachkurs", "work": "Arbeit und Ausbildung",
                            "housing": "Wohnung", "documents": "Ämter und Dokumente",
                            "family": "Familie, Kita und Schule"},
    "preferred_day": {"0": "Montag", "1": "Dienstag", "2": "Mittwoch", "3": "Donnerstag", "4": "Freitag",
                      "any": "egal"},
}

#: What the bot did with each response, completing "Lotse hat …": ``{in_place}`` is " in <town>" (or empty),
#: ``{what}`` the listed items ("3 Deutschkurse", see :data:`ITEMS`).
ANSWERS: Final[Dict[str, str]] = {
    "utter_courses_found": "{what}{in_place} genannt",
    "utter_courses_nearby": "{what} in der Umgebung genannt (keine passenden{in_place})",
    "utter_courses_none": "keinen passenden Deutschkurs gefunden",
    "utter_course": "{what} genannt",
    "utter_office": "{what} mit Adresse genannt",
    "utter_office_hours": "Öffnungszeiten genannt",
    "utter_office_none": "keine zuständige Stelle gefunden",
    "utter_ask_appointment_slot": "freie Termine vorgeschlagen",
    "utter_domain_question": "gesagt, dass es dazu keine Antwort hat",
    "utter_no_manager": "kein Integrationsmanagement für den Ort gefunden",
    "utter_no_free_slots": "keine freien Termine gefunden",
    "utter_slot_taken": "gemeldet, dass der gewählte Termin schon vergeben war",
    "utter_appointment_booked": "einen Termin gebucht",
    "utter_appointment_limit": "keinen weiteren Termin gebucht (die Höchstzahl an Terminen ist erreicht)",
    "utter_appointment_kept": "den Termin bestehen lassen",
    "utter_my_appointments": "die gebuchten Termine aufgezählt",
    "utter_no_appointments": "gesagt, dass keine Termine gebucht sind",
    "utter_appointment_cancelled": "einen Termin abgesagt",
    "utter_appointment_not_found": "den gemeinten Termin nicht gefunden",
    "utter_directory_unavailable": "das Verzeichnis nicht erreicht (technische Störung)",
    "utter_municipality_not_in_directory": "den Wohnort nicht im Verzeichnis gefunden",
    "utter_emergency": "die Notrufnummern genannt",
    "utter_out_of_scope": "gesagt, dass es das nicht beantworten kann",
    "utter_default": "eine Nachricht nicht verstanden und nachgefragt",
    "utter_default_offer_handover": "eine Nachricht nicht verstanden und die Weitergabe angeboten",
    "utter_offer_handover_unhelpful": "die Weitergabe an das Integrationsmanagement angeboten",
    "utter_always_human_topic": "gesagt, dass dieses Thema persönlich beraten wird",
    "utter_bot_challenge": "erklärt, dass es ein Chatbot ist",
    "utter_ask_municipality": "nach dem Wohnort gefragt",
    "utter_ask_course_level": "nach dem Deutschniveau gefragt",
    "utter_ask_course_need": "nach Kinderbetreuung oder Frauenkurs gefragt",
    "utter_ask_service_type": "gefragt, welche Stelle gesucht wird",
    "utter_ask_appointment_purpose": "nach dem Anlass des Termins gefragt",
    "utter_ask_preferred_day": "nach dem Wunschtag gefragt",
    "utter_ask_which_appointment": "gefragt, welcher Termin gemeint ist",
    "utter_faq_more": "auf Wunsch die ausführliche Erklärung gezeigt",
    "utter_ask_delete_confirmed": "gefragt, ob die Daten gelöscht werden sollen",
    "utter_data_deleted": "die Daten der Person gelöscht",
    "utter_delete_cancelled": "das Löschen der Daten abgebrochen",
    "utter_delete_failed": "die Daten nicht löschen können (technische Störung)",
}
#: An FAQ answer (``utter_faq/<key>``), with the entry's German title.
FAQ_ANSWER: Final = "die FAQ-Antwort „{title}“ gezeigt"
#: An FAQ answer whose entry has no title.
FAQ_ANSWER_UNTITLED: Final = "eine FAQ-Antwort gezeigt"
#: Responses without a description (new ones): counted, never named.
OTHER_ANSWER: Final = ("eine weitere Antwort gegeben", "{count} weitere Antworten gegeben")
#: Short titles of the initial FAQ entries, when the database has no title.
FAQ_TITLES: Final[Dict[str, str]] = {
    "integration_manager": "Integrationsmanagement", "eligibility": "Anspruch auf Integrationskurs",
    "integration_course": "Integrationskurs", "dff": "Deutschkurse des Landes (VwV Deutsch)",
    "bezahlkarte": "Bezahlkarte", "wohngeld": "Wohngeld", "health_insurance": "Krankenversicherung",
    "work_permit": "Arbeitserlaubnis", "recognition": "Anerkennung von Abschlüssen", "school_kita": "Schule und Kita",
    "ombudsstelle": "Ombudsstelle", "privacy": "Datenschutz",
}
#: Responses sent once per listed item: item → (one, several, {n} of them) as ``{what}`` of the phrase.
ITEMS: Final[Dict[str, Tuple[str, str, str]]] = {
    "utter_course": ("einen Deutschkurs", "Deutschkurse", "{n} Deutschkurse"),
    "utter_office": ("die zuständige Stelle", "zuständige Stellen", "{n} zuständige Stellen")}
#: List headings and the item response that follows them once per item.
LIST_ITEMS: Final[Dict[str, str]] = {"utter_courses_found": "utter_course", "utter_courses_nearby": "utter_course"}
#: Responses that say nothing about the concern: greetings, the handover itself, confirmations.
SKIPPED_RESPONSES: Final = frozenset({
    "utter_greet", "utter_goodbye", "utter_thank", "utter_affirm", "utter_deny", "utter_intro", "utter_ask_language",
    "utter_language_changed", "utter_municipality_noted", "utter_inform_unclear", "utter_handover_interim",
    "utter_delete_interim", "utter_appointment_reminder", "utter_answer_unclear", "utter_task_stopped",
    "utter_handover_not_sent", "utter_ask_handover_consent", "utter_handover_to_manager", "utter_handover_to_team",
    "utter_handover_failed"})
#: Repeats in words.
TIMES: Final[Dict[int, str]] = {2: "zweimal", 3: "dreimal"}

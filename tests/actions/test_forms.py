"""The forms' validators read typed answers in context, step aside for questions and new tasks, and stop on request.

Each test builds the tracker Rasa's form sends to its validator (the client's message, then the
form's ``ActionExecuted`` and the slot candidates) and asserts on the returned events, as rasa-sdk's
own tests do. The directory is the sample directory (``tests/directory/conftest.py``).
"""

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.appointments import ValidateAppointmentForm, ValidateCancelForm
from actions.courses import ValidateCourseForm
from actions.handover import ValidateHandoverForm
from actions.privacy import ValidateDeleteForm
from actions.services import ValidateServiceForm
from tests.directory.conftest import committed_db, db, directory_db  # noqa: F401 - the shared database fixtures

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8"))
FORMS = {"course_form": ValidateCourseForm, "service_form": ValidateServiceForm,
         "appointment_form": ValidateAppointmentForm, "cancel_form": ValidateCancelForm,
         "handover_form": ValidateHandoverForm, "delete_form": ValidateDeleteForm}


def validate(form, requested, text, intent="inform", confidence=0.9, entities=None, language="de", slots=None,
             candidate=..., also=None):
    """Run ``form``'s validator on the client's ``text`` while it asks for ``requested``.

    Returns (events, responses uttered). The candidate is the typed text (Rasa's from_text mapping),
    or the entity value when given; ``also``: other slots the message fills (from its entities).
    """
    entities = entities or {}
    latest = {"text": text, "intent": {"name": intent, "confidence": confidence}, "language": language,
              "entities": [{"entity": k, "value": v} for k, v in entities.items()]}
    if candidate is ...:
        candidate = entities.get(requested, text)
    also = also or {}
    all_slots = {"language": language, "requested_slot": requested, **(slots or {}), **also, requested: candidate}
    events = [{"event": "user", "text": text, "parse_data": latest},
              {"event": "slot", "name": "requested_slot", "value": requested},
              {"event": "action", "name": form},
              *({"event": "slot", "name": name, "value": v} for name, v in also.items()),
              {"event": "slot", "name": requested, "value": candidate}]
    tracker = Tracker("web-test", all_slots, latest, events, False, None, {"name": form}, "action_listen")
    dispatcher = CollectingDispatcher()
    result = asyncio.run(FORMS[form]().run(dispatcher, tracker, DOMAIN))
    return result, [m.get("response") for m in dispatcher.messages]


def value(events, slot):
    """The value the events set for ``slot`` (the last one), or ``...`` when they do not set it."""
    found = ...
    for event in events:
        if event.get("event") == "slot" and event.get("name") == slot:
            found = event.get("value")
    return found


def rejected(events):
    return any(e.get("event") == "action_execution_rejected" for e in events)


@pytest.mark.parametrize("text, language, level", [
    ("weiß ich nicht", "de", "unknown"),
    ("Ich weiß es nicht", "de", "unknown"),
    ("لا أعرف", "ar", "unknown"),
    ("bilmiyorum", "tr", "unknown"),
    ("ኣይፈልጥን", "ti", "unknown"),
    ("не знаю", "uk", "unknown"),
    ("A2", "de", "A2"),
    ("а2", "ru", "A2"),
    ("ich bin anfänger", "de", "A1"),
    ("Lesen und Schreiben lernen", "de", "alpha"),
    ("2", "de", "A2"),
    ("I'm a beginner", "en", "A1"),
    ("je ne sais pas lire", "fr", "alpha"),
])
def test_the_level_question_reads_typed_answers(db, text, language, level):
    events, said = validate("course_form", "course_level", text, language=language,
                            slots={"municipality": "Tübingen"})
    assert value(events, "course_level") == level
    assert not rejected(events) and "utter_answer_unclear" not in said


@pytest.mark.parametrize("text, language, need", [
    ("nein", "de", "none"), ("Nein, nichts davon", "de", "none"), ("lieber mit kinderbetreuung", "de", "childcare"),
    ("nur für frauen bitte", "de", "women_only"), ("لا", "ar", "none"), ("ні", "uk", "none"),
    ("hayır", "tr", "none"), ("kinderbetreung", "de", "childcare"),
])
def test_no_to_childcare_or_a_womens_course_means_neither(db, text, language, need):
    events, _ = validate("course_form", "course_need", text, language=language,
                         slots={"municipality": "Tübingen", "course_level": "A1"})
    assert value(events, "course_need") == need


@pytest.mark.parametrize("text, language", [
    ("ja", "de"), ("Ja, Gespräch mitschicken", "de"), ("نعم", "ar"), ("так", "uk"), ("да", "ru"), ("evet", "tr"),
    ("እወ", "ti"), ("بله", "fa"), ("yes", "en"),
])
def test_a_typed_yes_to_the_consent_question_is_consent(db, text, language):
    events, _ = validate("handover_form", "handover_consent", text, intent="affirm", language=language,
                         slots={"municipality": "Tübingen"})
    assert value(events, "handover_consent") == "yes" and not rejected(events)


def test_a_typed_no_to_the_consent_question_is_no_consent(db):
    events, _ = validate("handover_form", "handover_consent", "nein, nur die anfrage", intent="deny",
                         slots={"municipality": "Tübingen"})
    assert value(events, "handover_consent") == "no"


@pytest.mark.parametrize("text, language", [
    ("konuşmayı gönderme", "tr"), ("göndermeyin", "tr"), ("گفتگو را نفرست", "fa"), ("не надсилайте розмову", "uk"),
    ("n'envoyez pas la conversation", "fr"), ("nicht mitschicken", "de"),
])
def test_a_typed_refusal_is_no_consent_also_when_it_names_the_yes_button(db, text, language):
    events, _ = validate("handover_form", "handover_consent", text, intent="deny", language=language,
                         slots={"municipality": "Tübingen"})
    assert value(events, "handover_consent") == "no"


def test_a_yes_is_never_read_from_closeness_in_meaning_alone(db, monkeypatch):
    from actions import data_access

    monkeypatch.setattr(data_access, "similar", lambda text, phrases: [1.0 if "mitschicken" in p.lower() else 0.0
                                                                        for p in phrases])
    events, _ = validate("handover_form", "handover_consent", "schick das gespräch doch bitte nicht mit",
                         intent="nlu_fallback", confidence=0.3, slots={"municipality": "Tübingen"})
    assert value(events, "handover_consent") in (None, "no")


def test_an_unclear_answer_to_the_consent_question_is_asked_again_and_numbered_the_second_time(db):
    events, said = validate("handover_form", "handover_consent", "vielleicht später", intent="nlu_fallback",
                            confidence=0.3, slots={"municipality": "Tübingen"})
    assert value(events, "handover_consent") is None and said == ["utter_answer_unclear"]
    assert value(events, "unclear_answers") == 1 and not rejected(events)
    events, _ = validate("handover_form", "handover_consent", "hmm", intent="nlu_fallback", confidence=0.3,
                         slots={"municipality": "Tübingen", "unclear_answers": 1.0})
    assert value(events, "unclear_answers") == 2


def test_a_question_in_between_steps_aside_and_keeps_the_answers_so_far(db):
    events, said = validate("course_form", "course_need", "was kostet der integrationskurs", intent="faq",
                            confidence=0.95, slots={"municipality": "Tübingen", "course_level": "A1"})
    assert rejected(events) and said == []
    assert value(events, "course_need") is None and value(events, "course_level") is ...


def test_a_town_given_while_the_level_is_asked_is_kept_and_the_level_asked_again(db):
    events, said = validate("course_form", "course_level", "in Esslingen bitte", entities={"municipality": "Esslingen"},
                            also={"municipality": "Esslingen"}, candidate=None)
    assert not rejected(events) and said == [] and value(events, "municipality") == "Esslingen am Neckar"


def test_an_office_question_naming_a_town_while_the_level_is_asked_is_answered(db):
    events, said = validate("course_form", "course_level", "Wo ist das Jobcenter in Esslingen?", intent="find_service",
                            confidence=0.95, entities={"municipality": "Esslingen"},
                            also={"municipality": "Esslingen"}, candidate=None)
    assert rejected(events) and said == []


def test_a_new_task_replaces_the_open_one_and_forgets_its_answers(db):
    events, _ = validate("course_form", "course_need", "ich möchte einen termin", intent="book_appointment",
                         confidence=0.9, slots={"municipality": "Tübingen", "course_level": "A1"})
    assert rejected(events) and value(events, "course_level") is None


def test_leaving_the_consent_question_for_another_task_says_the_request_was_not_sent(db):
    events, said = validate("handover_form", "handover_consent", "wo ist das jobcenter", intent="find_service",
                            confidence=0.9, slots={"municipality": "Tübingen"})
    assert rejected(events) and said == ["utter_handover_not_sent"]


@pytest.mark.parametrize("text, language", [("stopp", "de"), ("vergiss es", "de"), ("never mind", "en"),
                                            ("خلاص", "ar"), ("забудь", "ru")])
def test_stop_ends_the_task_politely(db, text, language):
    events, said = validate("course_form", "course_level", text, intent="stop", language=language,
                            slots={"municipality": "Tübingen"})
    assert value(events, "requested_slot") is None and value(events, "task_outcome") == "stopped"
    assert said == ["utter_task_stopped"]


def test_stopping_the_handover_says_the_request_was_not_sent(db):
    _, said = validate("handover_form", "handover_consent", "vergiss es", intent="stop",
                       slots={"municipality": "Tübingen"})
    assert said == ["utter_handover_stopped"]


@pytest.mark.parametrize("text, language, purpose", [
    ("wegen meiner Wohnung", "de", "housing"), ("arbeit", "de", "work"), ("شغل", "ar", "work"),
    ("документи", "uk", "documents"), ("weiß nicht", "de", "other"),
])
def test_the_purpose_in_words(db, text, language, purpose):
    events, _ = validate("appointment_form", "appointment_purpose", text, intent="faq", confidence=0.6,
                         language=language, slots={"municipality": "Tübingen"})
    assert value(events, "appointment_purpose") == purpose and not rejected(events)


@pytest.mark.parametrize("text, language", [("dienstags", "de"), ("Dienstag bitte", "de"), ("الثلاثاء", "ar"),
                                            ("вівторок", "uk"), ("salı", "tr")])
def test_a_weekday_in_words_offers_that_days_free_times(db, text, language):
    events, _ = validate("appointment_form", "preferred_day", text, language=language,
                         slots={"municipality": "Tübingen", "appointment_purpose": "housing"})
    assert value(events, "preferred_day") == "1"
    offers = value(events, "offered_slots")
    assert offers and all("T" in o and "@" in o for o in offers)


def test_any_day_offers_the_next_free_times(db):
    events, _ = validate("appointment_form", "preferred_day", "egal, der nächste freie",
                         slots={"municipality": "Tübingen", "appointment_purpose": "housing"})
    assert value(events, "preferred_day") == "any" and len(value(events, "offered_slots")) == 3


def offers(db_slots=("Tübingen",)):
    events, _ = validate("appointment_form", "preferred_day", "egal",
                         slots={"municipality": "Tübingen", "appointment_purpose": "housing"})
    return value(events, "offered_slots")


@pytest.mark.parametrize("text", ["den zweiten", "2", "die 2 bitte", "٢"])
def test_an_offered_time_by_its_number(db, text):
    offered = offers()
    events, _ = validate("appointment_form", "appointment_slot", text,
                         slots={"municipality": "Tübingen", "appointment_purpose": "housing",
                                "preferred_day": "any", "offered_slots": offered})
    assert value(events, "appointment_slot") == offered[1]


def test_an_offered_time_by_its_clock_time(db):
    from actions.appointments import parse_slot
    from actions.data_access import BERLIN

    offered = offers()
    start = parse_slot(offered[2])[1].astimezone(BERLIN)
    events, _ = validate("appointment_form", "appointment_slot", f"um {start:%H:%M} bitte",
                         slots={"municipality": "Tübingen", "appointment_purpose": "housing",
                                "preferred_day": "any", "offered_slots": offered})
    chosen = parse_slot(value(events, "appointment_slot"))[1].astimezone(BERLIN)
    assert chosen.time() == start.time()


def test_another_day_while_times_are_offered_offers_that_day_without_calling_it_unclear(db):
    offered = offers()
    events, said = validate("appointment_form", "appointment_slot", "lieber am Dienstag",
                            slots={"municipality": "Tübingen", "appointment_purpose": "housing",
                                   "preferred_day": "any", "offered_slots": offered})
    assert value(events, "preferred_day") == "1" and "utter_answer_unclear" not in said
    from actions.appointments import parse_slot
    assert all(parse_slot(o)[1].weekday() == 1 for o in value(events, "offered_slots"))


def test_a_typed_yes_deletes_and_a_typed_no_keeps(db):
    events, _ = validate("delete_form", "delete_confirmed", "ja, lösch alles", intent="affirm")
    assert value(events, "delete_confirmed") == "yes"
    events, _ = validate("delete_form", "delete_confirmed", "nein", intent="deny")
    assert value(events, "delete_confirmed") == "no"


@pytest.mark.parametrize("text, language, service", [
    ("jobcenter", "de", "jobcenter"), ("Ausländerbehörde", "de", "auslaenderbehoerde"),
    ("das mit dem aufenthalt", "de", "auslaenderbehoerde"), ("الجوب سنتر", "ar", "jobcenter"),
    ("3", "de", "sozialamt"),
])
def test_the_office_in_words(db, text, language, service):
    events, _ = validate("service_form", "service_type", text, language=language)
    assert value(events, "service_type") == service


def test_a_town_outside_the_directory_ends_the_search_with_the_districts_it_covers(db):
    events, said = validate("course_form", "municipality", "ich wohne in ulm", entities={"municipality": "Ulm"},
                            candidate="Ulm")
    assert value(events, "task_outcome") == "ended" and value(events, "requested_slot") is None
    assert said == ["utter_municipality_not_in_directory"]


def test_a_town_typed_without_the_nlu_finding_it(db):
    events, _ = validate("course_form", "municipality", "in tuebingen wohn ich", intent="nlu_fallback",
                         confidence=0.2)
    assert value(events, "municipality") == "Tübingen"


def test_for_a_handover_i_dont_know_my_town_sends_the_request_to_the_statewide_team(db):
    events, _ = validate("handover_form", "municipality", "weiß ich nicht")
    assert value(events, "place_unknown") is True and not rejected(events)

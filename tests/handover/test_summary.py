"""The German summary reads as a caseworker's note: the facts in words, no intent, slot or response names."""

import re

import pytest
import yaml

from bot import paths
from bot.handover import wording
from bot.handover.summary import build_summary, case_note, faq_titles, lines, render
from tests.handover.conftest import ARABIC_TRANSCRIPT, open_ticket

#: Internal names look like snake_case words (utter_…, action_…, find_language_course, course_level).
INTERNAL_NAME = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\butter\b|\baction\b")


def domain() -> dict:
    """The assistant's domain (responses, intents, slots)."""
    return yaml.safe_load((paths.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def names_in(text: str) -> list:
    """The internal names (and every intent, slot and entity name of the domain) found in ``text``."""
    known = domain()
    words = set(known.get("intents", [])) | set(known.get("slots", {})) | set(map(str, known.get("entities", [])))
    return INTERNAL_NAME.findall(text) + [w for w in words if "_" in str(w) and str(w) in text]


def test_every_response_of_the_domain_is_described_or_deliberately_left_out():
    faq = {name for name in domain()["responses"] if name.startswith("utter_faq/")}
    described = set(wording.ANSWERS) | wording.SKIPPED_RESPONSES
    assert sorted(set(domain()["responses"]) - described - faq) == []


def test_the_issues_example_has_no_internal_names_left():
    """The summary the issue quoted listed "utter_offer_handover_unhelpful, utter_ask_handover_consent (2×)"."""
    summary = build_summary("find_language_course", {"course_level": "A2"}, "ar", ["find_language_course"],
                            ["utter_courses_found", "utter_course", "utter_offer_handover_unhelpful",
                             "utter_ask_handover_consent", "utter_ask_handover_consent", "utter_brand_new_answer"],
                            place=("Tübingen", "Landkreis Tübingen"), consent=True)
    text = render(summary)
    assert names_in(text) == [], text
    assert "(find_language_course)" not in text and "(2×)" not in text
    assert "einen Deutschkurs in Tübingen genannt" in text
    assert "die Weitergabe an das Integrationsmanagement angeboten" in text
    assert "eine weitere Antwort gegeben" in text  # an unknown response is counted, never named
    assert "Der Gesprächsverlauf liegt bei." in text


@pytest.mark.parametrize("response", sorted(set(yaml.safe_load(
    (paths.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"])))
def test_no_response_of_the_domain_shows_its_name(response):
    text = render(build_summary("request_handover", {}, "fa", [], [response, response], place=("Esslingen am Neckar",
                                "Landkreis Esslingen")))
    assert names_in(text) == [], text


def test_every_intent_reads_as_words():
    for intent in domain()["intents"] + ["a_future_intent"]:
        text = render(build_summary(intent, {}, "uk", [intent, "find_service", "another_new_one"], []))
        assert names_in(text) == [], text


def test_the_facts_the_client_gave_are_in_the_note_in_words():
    entities = {"service_type": "auslaenderbehoerde", "course_level": "alpha", "course_need": "women_only",
                "appointment_purpose": "documents", "preferred_day": "3",
                "appointment_slot": "6@2030-01-08T09:00:00+01:00", "always_human_topic": "Abschiebung"}
    note = case_note(build_summary("book_appointment", entities, "ti", [], ["utter_appointment_booked"],
                                   place=("Rottenburg am Neckar", "Landkreis Tübingen")))
    facts = dict(note.facts)
    assert facts == {"Wohnort": "Rottenburg am Neckar (Landkreis Tübingen)", "Gesuchte Stelle": "Ausländerbehörde",
                     "Deutschniveau": "Alphabetisierung", "Bedarf": "Kurs nur für Frauen",
                     "Anlass des Termins": "Ämter und Dokumente", "Wunschtag": "Donnerstag",
                     "Thema (immer persönlich)": "Abschiebung",
                     "Gewählter Termin": facts["Gewählter Termin"]}
    assert re.fullmatch(r"Di 8\.1\.(2030)? 09:00", facts["Gewählter Termin"])
    assert note.wants == "Die Person schreibt auf Tigrinya und möchte einen Beratungstermin."
    assert note.answered == ["einen Termin gebucht"] and note.transcript is False


def test_faq_answers_are_named_by_the_entrys_german_title(db):
    from bot.content.models import FaqEntry

    FaqEntry.objects.filter(key="wohngeld").update(title="Wohngeld beantragen")
    titles = faq_titles(["utter_faq/wohngeld", "utter_faq/unknown_key", "utter_office"])
    assert titles == {"wohngeld": "Wohngeld beantragen"}
    summary = build_summary("faq", {}, "ar", ["faq"], ["utter_faq/wohngeld", "utter_faq_more",
                                                        "utter_faq/unknown_key"], titles=titles)
    text = render(summary)
    assert "Die Person schreibt auf Arabisch und hat eine Frage zu „Wohngeld beantragen“." in text
    assert "die FAQ-Antwort „Wohngeld beantragen“ gezeigt" in text
    assert "auf Wunsch die ausführliche Erklärung gezeigt" in text
    assert "eine FAQ-Antwort gezeigt" in text  # an entry without a title is not named by its key
    assert names_in(text) == [], text


def test_a_ticket_summary_says_whether_the_transcript_is_attached(db):
    with_transcript = open_ticket("web-sum-1", transcript=ARABIC_TRANSCRIPT, intent="find_language_course")
    without = open_ticket("web-sum-2", transcript=None, intent="find_language_course")
    assert with_transcript.summary_text.endswith("Der Gesprächsverlauf liegt bei.")
    assert without.summary_text.endswith("Kein Gesprächsverlauf (nicht zur Weitergabe freigegeben).")


def test_a_summary_stored_before_the_note_reads_the_new_way():
    """Tickets written with the first layout (labels with names in brackets) are shown in words too."""
    old = {"topic": {"intent": "find_language_course", "label": "Sprachkurs"}, "urgent": False,
           "language": {"code": "ar", "label": "Arabisch"},
           "place": {"municipality": "Tübingen", "district": "Landkreis Tübingen"},
           "details": [{"entity": "course_level", "label": "Niveau", "value": "A1"}],
           "asked": [{"intent": "ask_opening_hours", "label": "Öffnungszeiten"},
                     {"intent": "some_new_intent", "label": "some_new_intent"}],
           "answered": [{"response": "utter_courses_found", "label": "Kursliste", "count": 1, "items": 2,
                         "text": "Kursliste (2 Kurse)"},
                        {"response": "utter_offer_handover_unhelpful", "label": "utter_offer_handover_unhelpful",
                         "count": 1, "items": 0, "text": "utter_offer_handover_unhelpful"},
                        {"response": "utter_ask_handover_consent", "label": "utter_ask_handover_consent", "count": 2,
                         "items": 0, "text": "utter_ask_handover_consent (2×)"}]}
    text = " ".join(lines(old, consent=True))
    assert names_in(text) == [], text
    assert text == ("Die Person schreibt auf Arabisch und sucht einen Deutschkurs. Wohnort: Tübingen (Landkreis "
                    "Tübingen); Deutschniveau: A1. Außerdem gefragt: Öffnungszeiten. Lotse hat bereits: 2 Deutschkurse "
                    "in Tübingen genannt; die Weitergabe an das Integrationsmanagement angeboten. Der Gesprächsverlauf "
                    "liegt bei.")

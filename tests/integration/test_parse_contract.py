"""The `/model/parse` contract against a really trained model, in every required language."""

import asyncio

import pytest

from bot.nlu.constants import METADATA_CONVERSATION_LANGUAGE

pytestmark = pytest.mark.slow

TAXONOMY = {"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "choose_language", "inform",
            "find_language_course", "find_service", "ask_opening_hours", "book_appointment", "my_appointments",
            "cancel_appointment", "request_handover", "emergency", "delete_my_data", "out_of_scope", "faq",
            "nlu_fallback"}

# (language, message, intent, entities expected among the parse's (entity, value) pairs)
CASES = [
    ("de", "Ich suche einen Deutschkurs B1 in Tübingen", "find_language_course",
     {("course_level", "B1"), ("municipality", "Tübingen")}),
    ("en", "where is the jobcenter in esslingen", "find_service",
     {("service_type", "jobcenter"), ("municipality", "Esslingen am Neckar")}),
    ("ar", "وين الجوب سنتر بشتوتغارت", "find_service", {("municipality", "Stuttgart")}),
    ("uk", "шукаю курс німецької у Фрайбурзі", "find_language_course", {("municipality", "Freiburg im Breisgau")}),
    ("ru", "хочу поговорить с живым человеком", "request_handover", set()),
    ("ti", "ሰላም ከመይ ኣለኹም", "greet", set()),
    ("fa", "میخواهم اطلاعاتم را پاک کنید", "delete_my_data", set()),
    ("tr", "Ulm'da Almanca kursu var mı", "find_language_course", {("municipality", "Ulm")}),
]


def parse(agent, text, **metadata):
    from rasa.core.channels import UserMessage

    return asyncio.run(agent.processor.parse_message(UserMessage(text, metadata=metadata)))


@pytest.mark.parametrize("language, text, intent, entities", CASES)
def test_parse_contract(agent, language, text, intent, entities):
    result = parse(agent, text)
    assert result["intent"]["name"] in TAXONOMY
    assert result["intent"]["name"] == intent
    assert result["language"] == language
    found = {(e["entity"], e["value"]) for e in result["entities"]}
    assert entities <= found


@pytest.mark.parametrize("language, text, key", [
    ("de", "Darf ich in Deutschland arbeiten?", "faq/work_permit"),
    ("uk", "що таке інтеграційний курс і скільки годин", "faq/integration_course"),
    ("ar", "شو هي بطاقة الدفع Bezahlkarte", "faq/bezahlkarte"),
])
def test_faq_key_from_the_response_selector(agent, language, text, key):
    result = parse(agent, text)
    assert result["intent"]["name"] == "faq"
    assert result["response_selector"]["faq"]["response"]["intent_response_key"] == key


@pytest.mark.parametrize("text", ["", "   ", "\u200f\u200e"])
def test_a_blank_message_is_not_understood_rather_than_an_error(agent, text):
    assert parse(agent, text)["intent"]["name"] == "nlu_fallback"


def test_language_choice_gives_the_language_entity(agent):
    result = parse(agent, "can you speak Arabic please")
    assert result["intent"]["name"] == "choose_language"
    assert ("language", "ar") in {(e["entity"], e["value"]) for e in result["entities"]}


def test_german_course_names_no_language_choice(agent):
    result = parse(agent, "I need a German course")
    assert "language" not in {e["entity"] for e in result["entities"]}


@pytest.mark.parametrize("text", ["ok", "👍", "سلام"])
def test_short_messages_keep_the_conversation_language(agent, text):
    assert parse(agent, text, **{METADATA_CONVERSATION_LANGUAGE: "ti"})["language"] == "ti"


def test_gibberish_falls_back(agent):
    assert parse(agent, "xq zzv plmk qwrt")["intent"]["name"] in {"nlu_fallback", "out_of_scope"}


#: The topics clients ask about every day that the FAQ answers since 2026-12 (content/faq.yml).
NEW_TOPICS = ("residence_permit", "family_reunification", "authority_letter", "benefits_offices", "kindergeld",
              "housing_search", "doctor_after_hours", "pregnancy_counselling", "driving_licence", "naturalisation",
              "deutschlandticket")


def first_example(code, key):
    """The first example question of FAQ entry ``key`` in language ``code``'s training data."""
    from pathlib import Path

    import yaml

    for path in sorted((Path(__file__).resolve().parents[2] / "nlu" / code).glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if block.get("intent") == f"faq/{key}":
                return next(line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- "))
    raise AssertionError(f"{code}: no example question for faq/{key}")


def test_every_new_topic_is_recognised_and_answered_in_every_language(agent):
    from bot import paths
    from bot.i18n import catalogs
    from bot.languages import registry

    for code in registry().required_codes:
        answers = {m.context: m.string for m in catalogs.read_catalog(catalogs.po_path(paths.locales_dir(), code), code)
                   if m.id}
        for key in NEW_TOPICS:
            result = parse(agent, first_example(code, key))
            assert result["response_selector"]["faq"]["response"]["intent_response_key"] == f"faq/{key}", (code, key)
            assert answers.get(f"utter_faq/{key}"), (code, key)

"""Content gaps: recorded by the fallback and the "no" after an answer, redacted, grouped, and expired."""

import asyncio
import datetime as dt
import logging
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.handover import ActionDeny, ActionFallback
from bot import retention
from bot.content import gaps
from bot.content.constants import GapReason
from tests import clock

BERLIN = ZoneInfo("Europe/Berlin")
NOW = clock.now()
#: A client's message full of personal data (Arabic, with Arabic-Indic digits).
PRIVATE_QUESTION = "اسمي محمد، رقمي ٠١٧٦ ١٢٣٤٥٦٧٨، هل يمكنني العمل مع بطاقة الدفع؟"
#: How it is stored.
REDACTED_QUESTION = "اسمي [Name]، رقمي [Telefon]، هل يمكنني العمل مع بطاقة الدفع؟"


def user(text, intent, ranking=(), selector=None):
    parse_data = {"intent": {"name": intent}, "intent_ranking": [{"name": name} for name in (intent, *ranking)]}
    if selector:
        parse_data["response_selector"] = {"faq": {"response": {"intent_response_key": selector}}}
    return {"event": "user", "text": text, "parse_data": parse_data, "timestamp": 1.0}


def bot(text, response):
    return {"event": "bot", "text": text, "metadata": {"utter_action": response}, "timestamp": 2.0}


def tracker(events, language="ar"):
    latest = next(event for event in reversed(events) if event["event"] == "user")
    return Tracker("web-4f2a", {"language": language}, {**latest["parse_data"], "text": latest["text"]}, events,
                   False, None, {}, "action_listen")


def run(action, events, language="ar"):
    """Run an action as the action server does; returns the responses it uttered."""
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker(events, language), {}))
    return [message["response"] for message in dispatcher.messages]


@pytest.fixture()
def clean_gaps(committed_db):
    """Actions write from a worker thread (their own connection): committed data, removed afterwards."""
    from bot.content.models import ContentGap

    ContentGap.objects.all().delete()
    yield
    ContentGap.objects.all().delete()


def test_a_message_the_bot_did_not_understand_is_stored_redacted_without_the_client(clean_gaps):
    from bot.content.models import ContentGap

    events = [user(PRIVATE_QUESTION, "nlu_fallback", ranking=("faq", "greet"), selector="faq/bezahlkarte")]
    assert run(ActionFallback(), events) == ["utter_default"]
    gap = ContentGap.objects.get()
    assert (gap.language, gap.reason, gap.topic) == ("ar", GapReason.FALLBACK, "faq/bezahlkarte")
    assert gap.text == REDACTED_QUESTION
    assert "web-4f2a" not in str([getattr(gap, f.name) for f in ContentGap._meta.fields])


def test_a_no_after_an_answer_stores_the_question_that_answer_did_not_help_with(clean_gaps):
    from bot.content.models import ContentGap

    events = [user("Darf ich arbeiten? Ich heiße Olena Koval", "faq", selector="faq/work_permit"),
              bot("Ob Sie arbeiten dürfen …", "utter_faq/work_permit"), user("nein", "deny")]
    assert run(ActionDeny(), events, language="uk") == ["utter_offer_handover_unhelpful"]
    gap = ContentGap.objects.get()
    assert (gap.language, gap.reason, gap.topic) == ("uk", GapReason.UNHELPFUL, "faq/work_permit")
    assert gap.text == "Darf ich arbeiten? Ich heiße [Name]"


def test_a_no_after_a_course_answer_is_grouped_under_the_question_s_intent(clean_gaps):
    from bot.content.models import ContentGap

    events = [user("deutschkurs in tübingen für frauen mit kinderbetreuung", "find_language_course"),
              bot("Welches Niveau?", "utter_ask_course_level"), user('/inform{"course_level": "A1"}', "inform"),
              bot("Ich habe diese Kurse gefunden …", "utter_courses_found"), user("nein", "deny")]
    run(ActionDeny(), events, language="de")
    gap = ContentGap.objects.get()
    assert (gap.topic, gap.text) == ("find_language_course", "deutschkurs in tübingen für frauen mit kinderbetreuung")


def test_a_plain_no_and_a_button_are_no_gaps(clean_gaps):
    from bot.content.models import ContentGap

    assert run(ActionDeny(), [bot("Hallo!", "utter_greet"), user("nein", "deny")]) == ["utter_deny"]
    assert run(ActionFallback(), [user('/choose_language{"language": "xx"}', "nlu_fallback")]) == ["utter_default"]
    assert not ContentGap.objects.exists()


def test_a_broken_database_costs_the_gap_but_not_the_answer_and_logs_no_text(clean_gaps, monkeypatch, caplog):
    from django.db import OperationalError

    def broken(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(gaps, "record_gap", broken)
    events = [user(PRIVATE_QUESTION, "nlu_fallback", ranking=("faq",)),
              bot("?", "utter_default"), user(PRIVATE_QUESTION, "nlu_fallback", ranking=("faq",))]
    with caplog.at_level(logging.DEBUG):
        assert run(ActionFallback(), events) == ["utter_default_offer_handover"]
    assert "content gap not recorded" in caplog.text
    assert "محمد" not in caplog.text and "٠١٧٦" not in caplog.text


def test_groups_count_per_topic_and_language_most_frequent_first(db):
    for text in ("Wo bekomme ich Wohngeld?", "Wohngeld beantragen, ich heiße Anna Berg", "wohngeld wie lange"):
        gaps.record_gap("de", GapReason.FALLBACK, "faq/wohngeld", text)
    gaps.record_gap("ar", GapReason.FALLBACK, "faq/wohngeld", "كيف أحصل على Wohngeld؟")
    gaps.record_gap("de", GapReason.UNHELPFUL, "find_language_course", "Kurs am Abend?")
    assert gaps.record_gap("de", GapReason.FALLBACK, "greet", "  ") is None

    groups = gaps.gap_groups()
    assert [(g.topic, g.language, g.count) for g in groups] == [
        ("faq/wohngeld", "de", 3), ("find_language_course", "de", 1), ("faq/wohngeld", "ar", 1)]
    assert groups[0].examples[0] == "wohngeld wie lange"
    assert "Wohngeld beantragen, ich heiße [Name]" in groups[0].examples
    assert groups[0].faq_key == "wohngeld" and groups[1].faq_key is None
    assert [(g.topic, g.count) for g in gaps.gap_groups("ar")] == [("faq/wohngeld", 1)]


def test_long_messages_are_cut_and_unknown_reasons_refused(db):
    gap = gaps.record_gap("en", GapReason.FALLBACK, "x" * 200, "call 0176 12345678 " + "a" * 1000)
    assert len(gap.text) == gaps.GAP_TEXT_LIMIT and gap.text.startswith("call [Telefon] ")
    assert len(gap.topic) == gaps.TOPIC_LIMIT
    with pytest.raises(ValueError):
        gaps.record_gap("en", "curious", "faq/dff", "text")


def test_gaps_older_than_the_retention_period_are_deleted(db, tmp_path, monkeypatch):
    from bot.content.models import ContentGap

    old = gaps.record_gap("fa", GapReason.FALLBACK, "faq/dff", "سوال قدیمی")
    recent = gaps.record_gap("fa", GapReason.FALLBACK, "faq/dff", "سوال جدید")
    ContentGap.objects.filter(pk=old.pk).update(created_at=NOW - dt.timedelta(days=100))
    ContentGap.objects.filter(pk=recent.pk).update(created_at=NOW - dt.timedelta(days=2))
    monkeypatch.setenv("LOTSE_TRACKER_DB", str(tmp_path / "no-tracker.sqlite3"))

    deleted = retention.delete_expired(days=90, now=NOW)
    assert deleted.gaps == 1
    assert list(ContentGap.objects.values_list("text", flat=True)) == ["سوال جدید"]


def real_parse(agent, text):
    """The parse data of a really trained model (as the tracker's user event carries it)."""
    from rasa.core.channels import UserMessage

    return asyncio.run(agent.processor.parse_message(UserMessage(text)))


@pytest.mark.slow
def test_the_topic_of_a_real_fallback_is_the_models_best_guess(agent, clean_gaps):
    from actions.gaps import best_guess
    from bot.content.models import ContentGap

    faq = real_parse(agent, "Darf ich in Deutschland arbeiten?")
    assert best_guess(faq) == "faq/work_permit"  # the response selector's answer, not just "faq"

    text = "Zebra Pyramide Ozean Gitarre"  # nonsense the test model does not understand
    parse_data = real_parse(agent, text)
    assert parse_data["intent"]["name"] == "nlu_fallback"
    event = {"event": "user", "text": text, "parse_data": parse_data, "timestamp": 1.0}
    assert run(ActionFallback(), [event], language="de") == ["utter_default"]
    gap = ContentGap.objects.get()
    assert gap.topic == best_guess(parse_data) == parse_data["intent_ranking"][1]["name"]
    assert (gap.text, gap.reason) == (text, GapReason.FALLBACK)

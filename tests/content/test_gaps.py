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


#: Paraphrases of three questions Lotse has no answer for, in German and Arabic, with the wrong topics
#: the bot guessed (the grouping must ignore them).
PARAPHRASES = [
    ("bank", "de", "faq/wohngeld", "Wie eröffne ich ein Bankkonto?"),
    ("bank", "de", "faq/bezahlkarte", "Ich brauche ein Konto bei der Bank, was muss ich tun?"),
    ("bank", "ar", "faq/bezahlkarte", "كيف أفتح حساب بنكي؟"),
    ("bank", "ar", "", "أريد فتح حساب في البنك"),
    ("swim", "de", "faq/school_kita", "Gibt es Schwimmkurse für Kinder?"),
    ("swim", "de", "find_language_course", "Wo kann mein Sohn schwimmen lernen?"),
    ("swim", "ar", "faq/wohngeld", "هل توجد دروس سباحة للأطفال؟"),
    ("mosque", "de", "faq/wohngeld", "Wo ist die nächste Moschee?"),
    ("mosque", "ar", "", "أين أقرب مسجد؟"),
]


def test_gaps_are_grouped_by_meaning_across_languages_with_real_embeddings(db):
    from bot.content.models import ContentGap

    for _, language, topic, text in PARAPHRASES:
        gaps.record_gap(language, GapReason.FALLBACK, topic, text)
    assert gaps.record_gap("de", GapReason.FALLBACK, "greet", "  ") is None
    meaning = {text: name for name, _, _, text in PARAPHRASES}

    groups = gaps.meaning_groups()
    assert [sorted(meaning[item.text] for item in group.members) for group in groups] == [
        ["bank"] * 4, ["swim"] * 3, ["mosque"] * 2]  # the largest group first
    assert all(meaning[group.label.text] == meaning[group.members[0].text] for group in groups)
    assert groups[0].languages in (["de", "ar"], ["ar", "de"]) and groups[0].count == 4
    assert groups[2].latest == max(item.created_at for item in groups[2].members)
    stored = ContentGap.objects.exclude(embedding=None).count()
    assert stored == len(PARAPHRASES)  # embedded once, kept with the gap (and deleted with it)
    assert [sorted(meaning[i.text] for i in g.members) for g in gaps.meaning_groups("ar")] == [
        ["bank", "bank"], ["mosque"], ["swim"]]  # equal sizes: the latest first


def test_the_label_of_a_group_is_its_most_central_message(db):
    for text in ("Wo ist die nächste Moschee?", "Moschee in der Nähe?", "Gibt es hier eine Moschee zum Freitagsgebet?"):
        gaps.record_gap("de", GapReason.FALLBACK, "", text)
    [group] = gaps.meaning_groups()
    vectors = encoder_rows([item.text for item in group.members])
    centrality = (vectors @ vectors.sum(axis=0)).tolist()
    assert group.label.text == group.members[centrality.index(max(centrality))].text


def encoder_rows(texts):  # type: ignore[no-untyped-def]
    from bot.encoder import encoder

    return encoder().embed(texts)


def test_answers_that_did_not_help_are_listed_by_the_answer_given(db):
    for text in ("Darf ich arbeiten?", "Arbeitserlaubnis wie lange?"):
        gaps.record_gap("de", GapReason.UNHELPFUL, "faq/work_permit", text)
    gaps.record_gap("uk", GapReason.UNHELPFUL, "find_language_course", "курс у вихідні?")
    gaps.record_gap("de", GapReason.FALLBACK, "faq/work_permit", "nicht verstanden")
    answers = gaps.unhelpful_answers()
    assert [(a.topic, a.faq_key, [i.text for i in a.items]) for a in answers] == [
        ("faq/work_permit", "work_permit", ["Arbeitserlaubnis wie lange?", "Darf ich arbeiten?"]),
        ("find_language_course", None, ["курс у вихідні?"])]
    assert [a.topic for a in gaps.unhelpful_answers("uk")] == ["find_language_course"]


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

"""FAQ answers come from the database: the chat shows an editor's change in the very next answer."""

from __future__ import annotations

import json
import os

import pytest

from bot.content.answers import compose, faq_answer, stand_line
from bot.content.models import FaqEntry, FaqText
from bot.content.review import save_text
from bot.i18n import catalogs
from bot.i18n.bidi import FSI, PDI, RLM
from bot.nlg.renderer import render, source_responses
from tests.content.conftest import make_user

NEW_ARABIC = "دورات DFF مجانية. اسألوا Integrationsmanagement في مدينتكم."


def text_of(key: str, language: str) -> FaqText:
    return FaqText.objects.get(entry__key=key, language=language)


def catalog_answer(key: str, language: str) -> str:
    """The answer as the catalogs had it (before the FAQ moved into the database)."""
    source = source_responses()[f"utter_faq/{key}"][0]["text"]
    return catalogs.translate(language, f"utter_faq/{key}", source) or source


def tracker(language: str):  # type: ignore[no-untyped-def]
    return {"slots": {"language": language}, "latest_message": {}, "events": [{"event": "bot"}]}


def nlg(client, response: str, language: str) -> dict:  # type: ignore[no-untyped-def]
    """One request to /nlg as Rasa makes it."""
    reply = client.post("/nlg", data=json.dumps({"response": response, "arguments": {}, "tracker": tracker(language),
                                                 "channel": {"name": "rest"}}), content_type="application/json",
                        HTTP_X_LOTSE_INTERNAL=os.environ["LOTSE_INTERNAL_SECRET"])
    assert reply.status_code == 200
    return reply.json()


def add_service(name: str, phone: str = "", url: str = "", status: str = "active"):  # type: ignore[no-untyped-def]
    from bot.directory.models import Phone, Service

    service = Service.objects.create(name=name, url=url, status=status)
    if phone:
        Phone.objects.create(service=service, number=phone)
    return service


@pytest.mark.usefixtures("db")
def test_an_arabic_answer_changed_in_the_database_shows_in_the_next_nlg_reply():
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    before = nlg(client, "utter_faq/dff", "ar")["text"]
    assert before.startswith(RLM) and "DFF" not in before
    save_text(text_of("dff", "ar"), answer=NEW_ARABIC, examples="", user=make_user("editor1", ["editor"]))
    after = nlg(client, "utter_faq/dff", "ar")["text"]
    assert after == f"{RLM}دورات {FSI}DFF{PDI} مجانية. اسألوا {FSI}Integrationsmanagement{PDI} في مدينتكم."
    save_text(text_of("dff", "ar"), answer="نص ثالث", examples="")
    assert nlg(client, "utter_faq/dff", "ar")["text"] == f"{RLM}نص ثالث"  # nothing cached


@pytest.mark.usefixtures("db")
def test_the_database_answer_is_used_and_missing_languages_fall_back_to_english_then_german():
    german = text_of("wohngeld", "de").answer
    english = text_of("wohngeld", "en").answer
    assert faq_answer("wohngeld", "tr") == text_of("wohngeld", "tr").answer
    save_text(text_of("wohngeld", "tr"), answer="", examples="")
    assert faq_answer("wohngeld", "tr") == english
    save_text(text_of("wohngeld", "en"), answer="", examples="")
    assert faq_answer("wohngeld", "tr") == german
    entry = FaqEntry.objects.get(key="wohngeld")
    assert render("utter_faq/wohngeld", {}, tracker("tr"))["text"] == f"{german}\n\n{stand_line(entry, 'tr')}"
    assert stand_line(entry, "tr").startswith("Bilgi tarihi: Aralık 2026 · Kaynak: https://")  # the client's language
    assert faq_answer("does_not_exist", "tr") is None


@pytest.mark.usefixtures("db")
def test_an_outdated_translation_is_still_shown():
    ukrainian = text_of("eligibility", "uk").answer
    save_text(text_of("eligibility", "de"), answer="Die Beratung ist kostenlos und für alle Geflüchteten.", examples="")
    assert text_of("eligibility", "uk").state == "outdated"
    assert render("utter_faq/eligibility", {}, tracker("uk"))["text"] == ukrainian


@pytest.mark.usefixtures("db")
def test_an_entry_not_in_the_database_is_answered_from_the_catalogs():
    FaqEntry.objects.filter(key="privacy").delete()
    assert render("utter_faq/privacy", {}, tracker("de"))["text"] == catalog_answer("privacy", "de")
    assert render("utter_faq/privacy", {}, tracker("ru"))["text"] == catalog_answer("privacy", "ru")


@pytest.mark.usefixtures("db")
def test_an_unreadable_database_falls_back_to_the_catalogs(monkeypatch):
    from django.db import OperationalError

    from bot.content import answers

    def broken(key: str, language: str):  # type: ignore[no-untyped-def]
        raise OperationalError("database is locked")

    save_text(text_of("dff", "en"), answer="Changed in the database.", examples="")
    monkeypatch.setattr(answers, "faq_reply", broken)
    assert render("utter_faq/dff", {}, tracker("en"))["text"] == catalog_answer("dff", "en")


@pytest.mark.usefixtures("db")
def test_linked_services_are_appended_with_phone_or_website():
    entry = FaqEntry.objects.get(key="recognition")
    entry.services.add(add_service("Anerkennungsberatung Tübingen", phone="07071 123-45"),
                       add_service("IQ Netzwerk", url="https://www.netzwerk-iq-bw.de"),
                       add_service("Alte Beratungsstelle", phone="0711 1", status="defunct"))
    german = render("utter_faq/recognition", {}, tracker("de"))["text"]
    answer = text_of("recognition", "de").answer
    assert german == (f"{answer}\n\nAnerkennungsberatung Tübingen · Telefon: 07071 123-45\n"
                      "IQ Netzwerk · Internet: https://www.netzwerk-iq-bw.de\n\n" + stand_line(entry, "de"))
    assert stand_line(entry, "de") == ("Stand: Dezember 2026 · Quelle: https://www.netzwerk-iq.de/angebote/"
                                       "arbeitsmarktlexikon/single-ansicht/anerkennung-auslaendischer-berufsqualifikationen")
    arabic = compose("نص", entry, "ar")
    lines = arabic.split("\n")
    assert lines[0] == f"{RLM}نص" and lines[1] == ""
    assert lines[2].startswith(f"{RLM}{FSI}Anerkennungsberatung Tübingen{PDI} · ")
    assert f"{FSI}07071 123-45{PDI}" in lines[2]
    assert "Alte Beratungsstelle" not in arabic


@pytest.mark.usefixtures("db")
def test_first_contact_still_introduces_lotse_before_an_faq_answer():
    text = render("utter_faq/dff", {}, {"slots": {"language": "fa"}, "events": [{"event": "user"}]})["text"]
    paragraphs = [paragraph for paragraph in text.split("\n") if paragraph]
    assert len(paragraphs) >= 2 and all(paragraph.startswith(RLM) for paragraph in paragraphs)
    assert paragraphs[-1] == compose(text_of("dff", "fa").answer, FaqEntry.objects.get(key="dff"), "fa")
    legal = render("utter_faq/wohngeld", {}, {"slots": {"language": "fa"}, "events": [{"event": "user"}]})["text"]
    assert all(paragraph.startswith(RLM) for paragraph in legal.split("\n") if paragraph)


@pytest.mark.usefixtures("db")
def test_an_entry_editors_added_is_answered_although_the_domain_does_not_know_it():
    from bot.nlg.renderer import UnknownResponse

    entry = FaqEntry.objects.create(key="elterngeld", topic="Familie und Schule", handover="none")
    for language, answer in {"de": "Elterngeld gibt es bei der Elterngeldstelle.", "ar": "", "en": ""}.items():
        save_text(FaqText.objects.create(entry=entry, language=language), answer=answer, examples="")
    assert render("utter_faq/elterngeld", {}, tracker("ar"))["text"] == f"{RLM}{FSI}Elterngeld gibt es bei der " \
                                                                         f"Elterngeldstelle{PDI}."
    with pytest.raises(UnknownResponse):
        render("utter_faq/gibt_es_nicht", {}, tracker("ar"))

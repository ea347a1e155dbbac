"""The entry list, an entry's page and new entries in the editor (Django test client, real database).

Search by title, topic, key and German answer (case and accents ignored); overdue reviews first;
Stand, review date and sources on the entry page; entries created in the editor; every registry
language shown; the handover setting written for the NLU router, which reads it back.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Dict

import pytest

from bot.content.constants import ReviewState
from bot.languages import registry
from tests import clock
from tests.content.conftest import make_user, staff_client

TODAY = clock.today()


@pytest.fixture()
def editor(db):  # type: ignore[no-untyped-def]  # noqa: ARG001 - needs the database
    return make_user("redaktion", ["editor"])


@pytest.fixture()
def reviews_due_later(db):  # type: ignore[no-untyped-def]  # noqa: ARG001
    """Every entry's review is due in a month: no entry is overdue until a test makes one so."""
    from bot.content.models import FaqEntry

    FaqEntry.objects.update(review_due=TODAY + dt.timedelta(days=30))


def page(client, url: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200, response.content.decode()[:1000]
    return response.content.decode()


def titles_in(html: str) -> list:
    """The entry titles of the list, in order."""
    return re.findall(r'<a href="/content/entries/(?!new/)[a-z0-9_]+/">([^<]+)</a>', html)


@pytest.mark.parametrize("query", ["Führerschein", "fuhrerschein", "FUEHRERSCHEIN", "führerschein umschreiben"])
def test_the_search_finds_an_entry_by_words_of_its_german_title_ignoring_case_and_accents(editor, query):
    html = page(staff_client(editor), f"/content/?q={query}")
    assert titles_in(html) == ["Ausländischen Führerschein umschreiben"]
    assert "1 von 23 Einträgen" in html or re.search(r"1 von \d+ Einträgen", html)


def test_the_search_finds_entries_by_topic_key_and_german_answer(editor):
    client = staff_client(editor)
    assert "Familiennachzug" in titles_in(page(client, "/content/?q=aufenthalt+und+papiere"))  # topic
    assert titles_in(page(client, "/content/?q=family_reunification")) == ["Familiennachzug"]  # key
    answer_only = page(client, "/content/?q=atemnot")  # a word only the German answer holds
    assert titles_in(answer_only) == ["Arzt am Abend, Wochenende oder Feiertag (116 117)"]
    nothing = page(client, "/content/?q=zebrastreifen+pyramide")
    assert titles_in(nothing) == [] and "Keine Einträge für diese Suche" in nothing


def test_the_list_shows_german_titles_grouped_by_topic_and_filters_by_topic(editor, reviews_due_later):  # noqa: ARG001
    client = staff_client(editor)
    html = page(client, "/content/")
    assert "Ausländischen Führerschein umschreiben" in html and ">driving_licence</a>" not in html
    assert '<span class="meta">driving_licence</span>' in html  # the key, small, beside the title
    headings = re.findall(r'<span class="sticky">(?:⚠ )?([^<]+?) <span class="muted">', html)
    assert headings == sorted(headings, key=str.casefold) and "Aufenthalt und Papiere" in headings
    health = page(client, "/content/?topic=Gesundheit")
    assert set(titles_in(health)) == {"Arzt am Abend, Wochenende oder Feiertag (116 117)",
                                      "Krankenversicherung und Behandlungsschein",
                                      "Schwanger: kostenlose Beratung und Hilfetelefon"}


def test_overdue_entries_come_first_and_say_since_when(editor, reviews_due_later):  # noqa: ARG001
    from bot.content.models import FaqEntry

    due = TODAY - dt.timedelta(days=40)
    FaqEntry.objects.filter(key="wohngeld").update(review_due=due)
    FaqEntry.objects.filter(key="dff").update(review_due=due - dt.timedelta(days=100))
    html = page(staff_client(editor), "/content/")
    titles = titles_in(html)
    assert titles[:2] == ["Deutschkurse des Landes (VwV Deutsch, früher „Deutsch für Flüchtlinge“)",
                          "Wohngeld: wer es bekommt und wo man es beantragt"]  # the longest overdue first
    assert f"Prüfung überfällig seit {due:%d.%m.%Y}" in html and "2 mit überfälliger Prüfung" in html
    assert html.index("⚠ Prüfung überfällig") < html.index(">Alltag <")
    entry = page(staff_client(editor), "/content/entries/wohngeld/")
    assert f"Prüfung überfällig seit {due:%d.%m.%Y}." in entry


def test_the_entry_page_shows_stand_review_date_sources_and_every_language(editor):
    from bot.content.models import FaqEntry

    entry = FaqEntry.objects.get(key="family_reunification")
    html = page(staff_client(editor), "/content/entries/family_reunification/")
    assert "<h1>Familiennachzug</h1>" in html and "Aufenthalt und Papiere" in html
    assert f"{entry.review_due:%d.%m.%Y}" in html and "(sechs Monate nach dem Stand)" in html
    first = entry.sources[0]
    assert f'href="{first["url"]}"' in html and first["title"] in html and first["publisher"] in html
    assert f"gelesen am {dt.date.fromisoformat(first['read']):%d.%m.%Y}" in html
    for code in registry().codes:  # all twelve, the planned ones (status next) too
        assert f'href="/content/entries/family_reunification/{code}/"' in html
    assert {"ps", "ku", "so", "fr"} <= set(registry().codes) and len(registry().codes) == 12


def test_the_list_shows_the_state_of_every_registry_language(editor):
    html = page(staff_client(editor), "/content/")
    columns = re.findall(r'<th scope="col" class="lang"><abbr title="([^"]+)">(\w+)</abbr>', html)
    assert [code for _, code in columns] == ["de"] + [c for c in registry().codes if c != "de"]
    assert ("Paschtu", "ps") in columns and ("Somali", "so") in columns and ("Französisch", "fr") in columns
    assert 'aria-label="dff, Kurdisch: ungeprüft"' in html


def entry_data(entry, **changes: Any) -> Dict[str, Any]:  # type: ignore[no-untyped-def]
    """The entry page's form as a browser posts it, with ``changes``; sources as stored."""
    data = {"title": entry.title, "topic": entry.topic, "handover": entry.handover,
            "legal": "on" if entry.legal else "", "stand": f"{entry.stand:%Y-%m}" if entry.stand else "",
            "review_due": f"{entry.review_due:%Y-%m-%d}" if entry.review_due else "",
            "updated": entry.updated_at.isoformat(), "sources-TOTAL_FORMS": str(len(entry.sources) + 1),
            "sources-INITIAL_FORMS": str(len(entry.sources)), "sources-MIN_NUM_FORMS": "0",
            "sources-MAX_NUM_FORMS": "30"}
    for index, source in enumerate(entry.sources):
        for name in ("title", "url", "publisher", "read", "date"):
            data[f"sources-{index}-{name}"] = source.get(name, "")
    data.update(changes)
    return {name: value for name, value in data.items() if value != ""}


def test_an_editor_edits_title_topic_legal_stand_and_sources(editor):
    from bot.content.models import FaqEntry

    entry = FaqEntry.objects.get(key="wohngeld")
    client = staff_client(editor)
    stand = TODAY.replace(day=1)
    data = entry_data(entry, title="Wohngeld beantragen", topic="Wohnen", legal="on", stand=f"{stand:%Y-%m}",
                      **{"sources-0-DELETE": "on", f"sources-{len(entry.sources)}-title": "Wohngeld-Rechner",
                         f"sources-{len(entry.sources)}-url": "https://www.bmwsb.bund.de/wohngeld",
                         f"sources-{len(entry.sources)}-publisher": "Bundesbauministerium",
                         f"sources-{len(entry.sources)}-read": f"{TODAY:%Y-%m-%d}"})
    response = client.post("/content/entries/wohngeld/", data, follow=True)
    assert "Eintrag gespeichert." in response.content.decode()
    saved = FaqEntry.objects.get(key="wohngeld")
    assert (saved.title, saved.topic, saved.legal, saved.stand) == ("Wohngeld beantragen", "Wohnen", True, stand)
    assert saved.review_due == _six_months_after(stand) and not saved.review_due_by_hand
    assert [s["title"] for s in saved.sources] == [s["title"] for s in entry.sources[1:]] + ["Wohngeld-Rechner"]
    assert saved.sources[-1] == {"title": "Wohngeld-Rechner", "url": "https://www.bmwsb.bund.de/wohngeld",
                                 "publisher": "Bundesbauministerium", "read": TODAY.isoformat(), "date": ""}


def _six_months_after(day: dt.date) -> dt.date:
    month = day.month + 6
    return day.replace(year=day.year + (month - 1) // 12, month=(month - 1) % 12 + 1)


def test_the_review_date_follows_a_new_stand_unless_an_editor_set_it_by_hand(editor):
    from bot.content.models import FaqEntry

    client = staff_client(editor)
    entry = FaqEntry.objects.get(key="kindergeld")
    own = TODAY + dt.timedelta(days=100)
    client.post("/content/entries/kindergeld/", entry_data(entry, review_due=f"{own:%Y-%m-%d}"))
    entry = FaqEntry.objects.get(key="kindergeld")
    assert (entry.review_due, entry.review_due_by_hand) == (own, True)
    later = TODAY.replace(day=1)
    client.post("/content/entries/kindergeld/", entry_data(entry, stand=f"{later:%Y-%m}"))
    entry = FaqEntry.objects.get(key="kindergeld")
    assert (entry.stand, entry.review_due) == (later, own)  # set by hand: it stays
    client.post("/content/entries/kindergeld/", entry_data(entry, review_due=""))  # cleared: it follows again
    entry = FaqEntry.objects.get(key="kindergeld")
    assert (entry.review_due, entry.review_due_by_hand) == (_six_months_after(later), False)


def test_a_stale_entry_form_and_an_incomplete_source_are_refused(editor):
    from bot.content.models import FaqEntry

    entry = FaqEntry.objects.get(key="kindergeld")
    client = staff_client(editor)
    stale = client.post("/content/entries/kindergeld/", entry_data(entry, title="Neu", updated="2000-01-01T00:00:00"))
    assert stale.status_code == 400 and "inzwischen gespeichert" in stale.content.decode()
    index = len(entry.sources)
    no_link = client.post("/content/entries/kindergeld/", entry_data(entry, **{f"sources-{index}-title": "Ohne Link"}))
    assert no_link.status_code == 400 and "Eine Quelle braucht einen Titel und einen Link." in no_link.content.decode()
    assert FaqEntry.objects.get(key="kindergeld").title == entry.title


EXAMPLES = ["wo finde ich einen kitaplatz", "wie melde ich mein kind in der kita an", "kita platz bekommen",
            "brauche ich einen kita gutschein", "wer hilft bei der kita suche"]


def test_an_editor_creates_an_entry_which_needs_five_german_examples_before_it_can_be_published(editor):
    from bot.content import answers
    from bot.content.models import FaqEntry, FaqText

    client = staff_client(editor)
    form = page(client, "/content/entries/new/")
    assert "mindestens 5 deutsche Beispielfragen" in form
    data = {"title": "Kita-Platz finden", "topic": "Familie und Kinder", "handover": "offer",
            "answer": "Einen Kita-Platz vergibt die Stadt.", "examples": "\n".join(EXAMPLES[:3])}
    response = client.post("/content/entries/new/", data, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/content/entries/kita_platz_finden/"
    assert "Noch nicht veröffentlichbar: Es fehlt noch 2 deutsche Beispielfragen (3 von 5)." in html
    entry = FaqEntry.objects.get(key="kita_platz_finden")
    german = FaqText.objects.get(entry=entry, language="de")
    assert (entry.title, entry.topic, entry.handover) == ("Kita-Platz finden", "Familie und Kinder", "offer")
    assert (german.answer, german.state, german.version) == ("Einen Kita-Platz vergibt die Stadt.",
                                                             ReviewState.UNREVIEWED, 1)
    assert answers.faq_answer("kita_platz_finden", "ar") == "Einen Kita-Platz vergibt die Stadt."
    publish = page(client, "/content/publish/")
    assert "Kita-Platz finden</a>: es fehlt noch 2 deutsche Beispielfragen (3 von 5)" in publish
    assert re.search(r'<button type="submit" id="publish-button" disabled', publish)
    assert "Nicht veröffentlicht" in client.post("/content/publish/start", follow=True).content.decode()

    client.post("/content/entries/kita_platz_finden/de/", {"answer": german.answer, "examples": "\n".join(EXAMPLES),
                                                         "version": "1", "action": "save"})
    assert "Noch nicht veröffentlichbar" not in page(client, "/content/entries/kita_platz_finden/")
    again = client.post("/content/entries/new/", {**data, "examples": ""})
    assert FaqEntry.objects.filter(key="kita_platz_finden_2").exists() and again.status_code == 302


def test_a_new_entry_needs_a_german_answer_and_an_unused_key(editor):
    client = staff_client(editor)
    no_answer = client.post("/content/entries/new/", {"title": "Leer", "topic": "Alltag", "handover": "none",
                                                      "answer": "  "})
    assert no_answer.status_code == 400 and "braucht eine deutsche Antwort" in no_answer.content.decode()
    taken = client.post("/content/entries/new/", {"title": "X", "key": "dff", "topic": "Alltag", "handover": "none",
                                                  "answer": "Text"})
    assert taken.status_code == 400 and "Den Schlüssel „dff“ gibt es schon." in taken.content.decode()
    bad = client.post("/content/entries/new/", {"title": "X", "key": "Grüße!", "topic": "Alltag", "handover": "none",
                                                "answer": "Text"})
    assert bad.status_code == 400 and "Nur Kleinbuchstaben" in bad.content.decode()


def test_changing_the_handover_writes_the_overlay_that_the_router_reads(editor, tmp_path, monkeypatch):
    from django.test import TestCase
    from rasa.shared.nlu.training_data.message import Message

    from bot import paths
    from bot.content import handover_overlay
    from bot.content.models import FaqEntry
    from bot.gazetteer.matcher import Gazetteer
    from bot.nlu import always_human

    monkeypatch.setenv("LOTSE_VAR_DIR", str(tmp_path))
    assert handover_overlay.FAQ_HANDOVER_OVERLAY == always_human.FAQ_HANDOVER_OVERLAY
    entry = FaqEntry.objects.get(key="wohngeld")
    assert entry.handover == "offer"
    with TestCase.captureOnCommitCallbacks(execute=True):
        staff_client(editor).post("/content/entries/wohngeld/", entry_data(entry, handover="ticket"))
    overlay = tmp_path / "gazetteer" / "faq_handover.yml"
    assert overlay.exists() and not overlay.with_suffix(".tmp").exists()

    def routed(key: str) -> list:
        handover = always_human.FaqHandover(paths.faq_content_file(), paths.gazetteer_overlay_dir()
                                            / always_human.FAQ_HANDOVER_OVERLAY)
        router = always_human.AlwaysHumanTopicRouter(Gazetteer(paths.gazetteer_dir(),
                                                               paths.locales_dir() / "languages.yml"), handover)
        message = Message(data={"text": "wo beantrage ich wohngeld", "intent": {"name": "faq", "confidence": 0.9},
                                "response_selector": {"faq": {"response": {"intent_response_key": f"faq/{key}"}}}})
        router.process([message])
        return [(e["entity"], e["value"]) for e in message.get("entities") or []]

    assert routed("wohngeld") == [("handover_topic", "wohngeld")]
    assert routed("family_reunification") == [("handover_topic", "family_reunification")]  # the others kept
    with TestCase.captureOnCommitCallbacks(execute=True):
        staff_client(editor).post("/content/entries/wohngeld/",
                                  entry_data(FaqEntry.objects.get(key="wohngeld"), handover="urgent"))
    assert routed("wohngeld") == [("urgent_topic", "wohngeld")]

"""The initial content: the core's FAQ answers, translations and example questions, and the roles."""

from __future__ import annotations

import textwrap

import pytest

from bot.content.constants import NOTE_INITIAL, ReviewState, reviewer_group
from bot.content.seed import initial_content, seed_faq, seed_roles
from bot.languages import registry
from bot.paths import PROJECT_ROOT as ROOT

#: The FAQ of the core issue (``utter_faq/<key>`` in domain.yml).
CORE_KEYS = {"integration_manager", "eligibility", "integration_course", "dff", "bezahlkarte", "wohngeld",
             "health_insurance", "work_permit", "recognition", "school_kita", "ombudsstelle", "privacy"}


def models():  # type: ignore[no-untyped-def]
    from bot.content.models import FaqEntry, FaqRevision, FaqText

    return FaqEntry, FaqText, FaqRevision


@pytest.mark.usefixtures("db")
def test_the_migration_loads_the_core_faq_in_every_language():
    from bot.content.models import FaqEntry
    from bot.i18n import catalogs

    entries = {entry.key: entry for entry in FaqEntry.objects.prefetch_related("texts", "texts__revisions")}
    assert set(entries) >= CORE_KEYS
    for key in CORE_KEYS:
        texts = {text.language: text for text in entries[key].texts.all()}
        assert set(texts) == set(registry().codes), key
        for text in texts.values():
            assert text.version == 1 and [r.note for r in text.revisions.all()] == [NOTE_INITIAL]
        assert texts["de"].answer and texts["de"].example_list(), key
        for code in registry().codes:
            if code != "de":  # every translation in the catalogs is flagged unreviewed
                assert texts[code].state == ReviewState.UNREVIEWED, (key, code)
                assert texts[code].source_version == 1
    assert entries["dff"].topic == "Sprache und Kurse" and entries["privacy"].topic == "Lotse"
    dff = {text.language: text for text in entries["dff"].texts.all()}
    assert dff["ar"].answer == catalogs.translate("ar", "utter_faq/dff", dff["de"].answer)
    assert "was ist dff" in dff["de"].example_list()
    assert len(dff["ar"].example_list()) >= 5


@pytest.mark.usefixtures("db")
def test_the_migration_creates_the_editor_and_reviewer_groups():
    from django.contrib.auth.models import Group

    editor = Group.objects.get(name="editor")
    assert {"change_faqtext", "view_faqentry", "view_contentgap"} <= set(
        editor.permissions.values_list("codename", flat=True))
    assert "review_faqtext" not in set(editor.permissions.values_list("codename", flat=True))
    for code in registry().codes:
        reviewer = Group.objects.get(name=reviewer_group(code))
        assert reviewer.permissions.filter(codename="review_faqtext").exists()


@pytest.mark.usefixtures("db")
def test_seeding_again_overwrites_nothing():
    from django.contrib.auth.models import Group, Permission

    from bot.content.models import FaqText

    text = FaqText.objects.get(entry__key="wohngeld", language="ar")
    text.answer = "نص محرر"
    text.save()
    FaqText.objects.get(entry__key="dff", language="tr").delete()
    assert seed_faq(*models()) == 1  # only the deleted text comes back
    assert FaqText.objects.get(entry__key="wohngeld", language="ar").answer == "نص محرر"
    assert seed_roles(Group, Permission) == []


def write_project(tmp_path):  # type: ignore[no-untyped-def]
    """A tiny project: two FAQ answers, an English catalog with a fuzzy, a reviewed and an empty entry."""
    (tmp_path / "domain.yml").write_text(textwrap.dedent("""\
        responses:
          utter_greet:
            - text: "Hallo"
          utter_faq/dff:
            - text: "DFF ist ein Kurs."
          utter_faq/neu:
            - text: "Neue Antwort."
          utter_faq/leer:
            - text: "Noch nicht übersetzt."
        """), encoding="utf-8")
    (tmp_path / "locales" / "en" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locales" / "en" / "LC_MESSAGES" / "messages.po").write_text(textwrap.dedent("""\
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=UTF-8\\n"

        #, fuzzy
        msgctxt "utter_faq/dff"
        msgid "DFF ist ein Kurs."
        msgstr "DFF is a course."

        msgctxt "utter_faq/neu"
        msgid "Neue Antwort."
        msgstr "New answer."

        msgctxt "utter_faq/leer"
        msgid "Noch nicht übersetzt."
        msgstr ""
        """), encoding="utf-8")
    (tmp_path / "nlu" / "en").mkdir(parents=True)
    (tmp_path / "nlu" / "en" / "nlu.yml").write_text(textwrap.dedent("""\
        version: "3.1"
        nlu:
        - intent: faq/dff
          examples: |
            - what is dff
            - dff course
        - intent: greet
          examples: |
            - hello
        - intent: faq/dff
          metadata:
            language: en
          examples: |
            - is dff free
        """), encoding="utf-8")


def test_states_come_from_the_catalog_flags(tmp_path):
    write_project(tmp_path)
    content = {entry.key: entry for entry in initial_content(tmp_path / "domain.yml", tmp_path / "locales",
                                                             tmp_path / "nlu", ["de", "en"])}
    assert set(content) == {"dff", "neu", "leer"}
    assert content["neu"].topic == "Allgemein"
    english = {key: entry.texts["en"] for key, entry in content.items()}
    assert english["dff"].state == ReviewState.UNREVIEWED  # fuzzy
    assert english["neu"].state == ReviewState.REVIEWED  # no flags
    assert (english["leer"].state, english["leer"].answer) == (ReviewState.MISSING, "")
    assert english["dff"].examples == "what is dff\ndff course\nis dff free"
    assert content["dff"].texts["de"].answer == "DFF ist ein Kurs." and content["dff"].texts["de"].examples == ""


@pytest.mark.usefixtures("db")
def test_every_entry_has_a_source_a_stand_and_a_review_date_six_months_later():
    from bot.content.models import FaqEntry

    entries = list(FaqEntry.objects.all())
    assert len(entries) >= 23
    for entry in entries:
        assert entry.title and entry.stand and entry.review_due, entry.key
        read = [s for s in entry.sources if s.get("read")]
        assert [s for s in read if s.get("url", "").startswith("http") or (ROOT / s.get("path", "-")).is_file()], \
            entry.key
        months = (entry.review_due.year - entry.stand.year) * 12 + entry.review_due.month - entry.stand.month
        assert months == 6, entry.key
    assert FaqEntry.objects.get(key="authority_letter").handover == "urgent"
    assert FaqEntry.objects.get(key="family_reunification").handover == "ticket"

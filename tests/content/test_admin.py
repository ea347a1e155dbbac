"""The content admin: texts edited there follow the review rules; gaps and publications are read-only."""

from __future__ import annotations

import json

import pytest

from bot.content.models import ContentGap, FaqEntry, FaqText
from tests.content.conftest import make_user, staff_client


def admin_client(user):  # type: ignore[no-untyped-def]
    """A test client logged in as ``user`` on the staff pages."""
    return staff_client(user)


def entry_form(entry: FaqEntry, changes: dict) -> dict:
    """The POST data of the entry's change form, with ``changes`` ({language: answer}) applied."""
    texts = list(entry.texts.order_by("id"))
    data = {"key": entry.key, "title": entry.title, "topic": entry.topic, "handover": entry.handover,
            "legal": "on" if entry.legal else "", "stand": entry.stand or "", "review_due": entry.review_due or "",
            "sources": json.dumps(entry.sources), "texts-TOTAL_FORMS": str(len(texts)),
            "texts-INITIAL_FORMS": str(len(texts)), "texts-MIN_NUM_FORMS": "0", "texts-MAX_NUM_FORMS": "1000"}
    for i, text in enumerate(texts):
        data.update({f"texts-{i}-id": str(text.pk), f"texts-{i}-entry": str(entry.pk),
                     f"texts-{i}-language": text.language, f"texts-{i}-answer": changes.get(text.language, text.answer), f"texts-{i}-more": text.more,
                     f"texts-{i}-examples": text.examples})
    return data


@pytest.mark.usefixtures("db")
def test_a_german_change_in_the_admin_outdates_the_translations():
    admin = make_user("admin", superuser=True)
    entry = FaqEntry.objects.get(key="wohngeld")
    reply = admin_client(admin).post(f"/admin/content/faqentry/{entry.pk}/change/",
                                     entry_form(entry, {"de": "Wohngeld: neuer Text.", "ar": "نص جديد"}))
    assert reply.status_code == 302, reply.content[:2000]
    texts = {t.language: t for t in entry.texts.all()}
    assert (texts["de"].answer, texts["de"].version, texts["de"].state) == ("Wohngeld: neuer Text.", 2, "unreviewed")
    assert texts["ar"].state == "unreviewed" and texts["ar"].source_version == 2  # saved after the German
    assert texts["en"].state == "outdated" and texts["en"].revisions.first().author == admin


@pytest.mark.usefixtures("db")
def test_the_entry_list_shows_the_states_and_gaps_cannot_be_changed():
    admin = make_user("admin", superuser=True)
    client = admin_client(admin)
    FaqText.objects.filter(entry__key="dff", language="ti").update(state="missing", answer="")
    listing = client.get("/admin/content/faqentry/")
    assert listing.status_code == 200 and "dff" in listing.content.decode()
    ContentGap.objects.create(language="ar", reason="fallback", topic="wohngeld", text="[Name] sucht Wohnung")
    gaps = client.get("/admin/content/contentgap/")
    assert gaps.status_code == 200 and "[Name] sucht Wohnung" in gaps.content.decode()
    assert client.get("/admin/content/contentgap/add/").status_code == 403
    assert client.get("/admin/content/publication/add/").status_code == 403

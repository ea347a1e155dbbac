"""Four-eyes review (``LOTSE_FOUR_EYES=1``): a German change is live only after a second person approved it."""

from __future__ import annotations

import pytest

from bot.content import answers, approval, review
from bot.content.constants import ReviewState, reviewer_group
from tests.content.conftest import GERMAN, make_user, staff_client, texts

NEW_GERMAN = "Der Kurs ist kostenlos, auch für Kinder."


@pytest.fixture()
def four_eyes(monkeypatch):  # type: ignore[no-untyped-def]
    """The setting on, as ``LOTSE_FOUR_EYES=1`` sets it in bot.settings."""
    from bot import settings

    monkeypatch.setattr(settings, "FOUR_EYES", True)


@pytest.fixture()
def people(db):  # type: ignore[no-untyped-def]  # noqa: ARG001
    """An editor, a German reviewer (also an editor) and a superuser."""
    return {"author": make_user("autorin", ["editor"]),
            "reviewer": make_user("pruefer-de", ["editor", reviewer_group("de")]),
            "admin": make_user("admin", superuser=True)}


def post_german(client, answer: str, version: int = 1):  # type: ignore[no-untyped-def]
    return client.post("/content/entries/test_kurs/de/", {"answer": answer, "examples": "ist der kurs kostenlos",
                                                         "more": "", "version": str(version), "action": "save"})


def test_the_setting_is_read_from_the_environment_and_off_by_default(monkeypatch):
    import importlib

    from bot import settings

    monkeypatch.delenv("LOTSE_FOUR_EYES", raising=False)
    assert importlib.reload(settings).FOUR_EYES is False
    monkeypatch.setenv("LOTSE_FOUR_EYES", "1")
    assert importlib.reload(settings).FOUR_EYES is True
    monkeypatch.delenv("LOTSE_FOUR_EYES")
    importlib.reload(settings)


def test_a_german_change_waits_and_the_chat_keeps_the_approved_answer_until_a_second_person_approves(
        entry, people, four_eyes):  # noqa: ARG001
    author, reviewer = staff_client(people["author"]), staff_client(people["reviewer"])
    response = post_german(author, NEW_GERMAN)
    assert response.status_code == 302
    assert "wartet auf die Freigabe durch eine zweite Person" in author.get(response["Location"]).content.decode()
    german = texts(entry)["de"]
    assert (german.answer, german.version) == (GERMAN, 1)  # nothing saved yet
    assert answers.faq_answer("test_kurs", "de") == GERMAN and answers.faq_answer("test_kurs", "ar") != NEW_GERMAN
    assert texts(entry)["ar"].state == ReviewState.UNREVIEWED  # translations are not outdated yet

    page = reviewer.get("/content/entries/test_kurs/de/").content.decode()
    assert "Änderung wartet auf Freigabe (Vier-Augen-Prinzip)" in page and "Vorgeschlagen von <strong>autorin" in page
    assert "<del>kostenlos.</del><ins>kostenlos, auch für Kinder.</ins>" in page and ">Freigeben</button>" in page
    assert "Freigabe ausstehend" in reviewer.get("/content/").content.decode()

    done = reviewer.post("/content/entries/test_kurs/de/approve", follow=True).content.decode()
    assert "Freigegeben: Version 2 gilt ab sofort im Chat." in done
    german = texts(entry)["de"]
    assert (german.answer, german.version, german.state) == (NEW_GERMAN, 2, ReviewState.REVIEWED)
    revision = german.revisions.get(version=2)
    assert (revision.author, revision.approved_by) == (people["author"], people["reviewer"])
    assert answers.faq_answer("test_kurs", "de") == NEW_GERMAN
    assert texts(entry)["ar"].state == ReviewState.OUTDATED  # the usual rules follow the approval
    assert not approval.pending(german)
    assert "freigegeben von pruefer-de" in reviewer.get("/content/entries/test_kurs/de/history/").content.decode()


@pytest.mark.parametrize("who", ["reviewer", "admin"])
def test_the_author_cannot_approve_their_own_change(entry, people, four_eyes, who):  # noqa: ARG001
    client = staff_client(people[who])
    post_german(client, NEW_GERMAN)
    page = client.get("/content/entries/test_kurs/de/").content.decode()
    assert ">Freigeben</button>" not in page and "Ihre eigene Änderung muss eine zweite Person freigeben" in page
    refused = client.post("/content/entries/test_kurs/de/approve")
    assert refused.status_code == 403 and "Sie haben diese Änderung selbst geschrieben." in refused.content.decode()
    assert texts(entry)["de"].answer == GERMAN
    with pytest.raises(review.ApprovalNotAllowed):
        approval.approve(approval.pending(texts(entry)["de"]), people[who])


def test_an_editor_who_is_no_german_reviewer_cannot_approve(entry, people, four_eyes):  # noqa: ARG001
    post_german(staff_client(people["author"]), NEW_GERMAN)
    colleague = make_user("kollege", ["editor"])
    assert staff_client(colleague).post("/content/entries/test_kurs/de/approve").status_code == 403
    assert texts(entry)["de"].answer == GERMAN


def test_saving_again_replaces_the_change_and_the_author_may_withdraw_it(entry, people, four_eyes):  # noqa: ARG001
    author = staff_client(people["author"])
    post_german(author, NEW_GERMAN)
    post_german(author, "Der Kurs kostet nichts.")
    assert approval.pending(texts(entry)["de"]).answer == "Der Kurs kostet nichts."
    form = author.get("/content/entries/test_kurs/de/").content.decode()
    assert "Der Kurs kostet nichts.</textarea>" in form  # the editor continues the waiting change
    withdrawn = author.post("/content/entries/test_kurs/de/discard", follow=True).content.decode()
    assert "verworfen" in withdrawn and approval.pending(texts(entry)["de"]) is None
    assert texts(entry)["de"].answer == GERMAN


def test_translations_and_the_setting_off_are_live_at_once(entry, people, monkeypatch):  # noqa: ARG001
    from bot import settings

    monkeypatch.setattr(settings, "FOUR_EYES", True)
    author = staff_client(people["author"])
    author.post("/content/entries/test_kurs/ar/", {"answer": "الدورة مجانية للجميع.", "examples": "", "more": "",
                                                  "version": "1", "action": "save"})
    assert answers.faq_answer("test_kurs", "ar") == "الدورة مجانية للجميع."
    monkeypatch.setattr(settings, "FOUR_EYES", False)
    post_german(author, NEW_GERMAN)
    assert answers.faq_answer("test_kurs", "de") == NEW_GERMAN


def test_save_text_refuses_a_german_change_without_approval_and_a_revert_waits_too(entry, people, four_eyes):  # noqa: ARG001
    german = texts(entry)["de"]
    with pytest.raises(review.ApprovalRequired):
        review.save_text(german, answer=NEW_GERMAN, examples="", user=people["author"])
    assert texts(entry)["de"].version == 1
    review.save_text(german, answer=NEW_GERMAN, examples="", user=people["author"], approved_by=people["reviewer"])
    reverted = approval.revert(texts(entry)["de"], 1, people["author"])
    assert reverted.waiting and texts(entry)["de"].answer == NEW_GERMAN
    approval.approve(reverted.proposal, people["admin"])
    assert texts(entry)["de"].answer == GERMAN


def test_a_change_written_before_another_approval_cannot_be_approved(entry, people, four_eyes):  # noqa: ARG001
    german = texts(entry)["de"]
    proposal = approval.propose(german, answer=NEW_GERMAN, examples="", user=people["author"])
    review.save_text(german, answer="Anders.", examples="", user=people["admin"], approved_by=people["reviewer"])
    with pytest.raises(approval.ProposalOutdated):
        approval.approve(proposal, people["reviewer"])


def test_the_district_switches_it_on_in_the_admin_and_an_editor_cannot_switch_it_off(entry, people):  # noqa: ARG001
    """The district's setting (``ReviewPolicy``): a superuser turns it on without a restart; an editor
    given every permission of the content app can neither see nor change it."""
    from django.contrib.auth.models import Permission

    from bot.content.models import ReviewPolicy

    assert not review.four_eyes("de")  # off by default (and LOTSE_FOUR_EYES unset)
    root = staff_client(people["admin"])
    assert root.post("/admin/content/reviewpolicy/add/", {"four_eyes": "on"}).status_code == 302
    assert ReviewPolicy.current().four_eyes and ReviewPolicy.current().changed_by == people["admin"]
    assert review.four_eyes("de") and not review.four_eyes("ar")

    post_german(staff_client(people["author"]), NEW_GERMAN)
    assert answers.faq_answer("test_kurs", "de") != NEW_GERMAN  # waits for a second person
    assert approval.pending(texts(entry)["de"]) is not None

    people["author"].user_permissions.add(*Permission.objects.filter(content_type__app_label="content"))
    author = staff_client(people["author"])
    assert author.get("/admin/content/reviewpolicy/").status_code == 403
    assert author.post("/admin/content/reviewpolicy/1/change/", {}).status_code == 403
    assert ReviewPolicy.current().four_eyes
    assert root.post("/admin/content/reviewpolicy/1/delete/", {"post": "yes"}).status_code == 403

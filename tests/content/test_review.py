"""The review-state rules of FAQ texts: what editors, translators and reviewers see after each change."""

from __future__ import annotations

import pytest

from bot.content import review
from bot.content.constants import ReviewState, reviewer_group
from bot.content.review import ReviewNotAllowed, can_review, coverage, mark_reviewed, revert, save_text, source_text
from tests.content.conftest import GERMAN, add_text, make_user, texts


def test_a_saved_translation_is_unreviewed_and_follows_the_current_german_version(entry):
    editor = make_user("editor1", ["editor"])
    arabic = texts(entry)["ar"]
    revision = save_text(arabic, answer="الدورة مجانية للجميع.", examples="هل الدورة مجانية", user=editor,
                         note="Tippfehler")
    arabic.refresh_from_db()
    assert (arabic.state, arabic.version, arabic.source_version) == (ReviewState.UNREVIEWED, 2, 1)
    assert (revision.version, revision.state, revision.author, revision.note) == (2, "unreviewed", editor, "Tippfehler")
    assert revision.answer == "الدورة مجانية للجميع." and revision.examples == "هل الدورة مجانية"
    assert arabic.updated_by == editor


def test_an_empty_answer_is_missing(entry):
    english = texts(entry)["en"]
    save_text(english, answer="  \n ", examples="")
    english.refresh_from_db()
    assert english.state == ReviewState.MISSING and english.version == 2


def test_only_a_reviewer_of_the_language_may_save_a_translation_as_reviewed(entry):
    arabic, ukrainian = texts(entry)["ar"], texts(entry)["uk"]
    reviewer = make_user("reviewer_ar", [reviewer_group("ar")])
    save_text(arabic, answer="الدورة مجانية تماماً.", examples="", user=reviewer, reviewed=True)
    assert arabic.state == ReviewState.REVIEWED
    with pytest.raises(ReviewNotAllowed):
        save_text(ukrainian, answer="Курс повністю безкоштовний.", examples="", user=reviewer, reviewed=True)
    ukrainian.refresh_from_db()
    assert (ukrainian.answer, ukrainian.version, ukrainian.revisions.count()) == ("Курс безкоштовний.", 1, 1)


def test_who_may_review():
    class Anonymous:
        is_authenticated = False
        is_active = True

    assert not can_review(None, "ar")
    assert not can_review(Anonymous(), "ar")


@pytest.mark.usefixtures("db")
def test_who_may_review_by_group_and_superuser():
    reviewer = make_user("rev", [reviewer_group("fa")])
    editor = make_user("ed", ["editor"])
    admin = make_user("admin", superuser=True)
    assert can_review(reviewer, "fa") and not can_review(reviewer, "ar")
    assert not can_review(editor, "fa")
    assert can_review(admin, "ti")
    reviewer.is_active = False
    assert not can_review(reviewer, "fa")


def test_changing_the_german_source_outdates_current_translations_each_with_a_revision(entry):
    add_text(entry, "ti", "", state="missing")
    by_language = texts(entry)
    mark_reviewed(by_language["ar"], make_user("rev_ar", [reviewer_group("ar")]))
    save_text(by_language["uk"], answer="", examples="")  # now missing
    editor = make_user("editor1", ["editor"])
    revision = save_text(source_text(entry), answer="Der Kurs ist für alle kostenlos.", examples="", user=editor)
    after = texts(entry)
    assert revision.version == 2 and not revision.minor
    assert after["de"].state == ReviewState.UNREVIEWED
    for code in ("en", "ar"):
        assert after[code].state == ReviewState.OUTDATED, code
        latest = after[code].revisions.first()
        assert (latest.state, latest.note, latest.author) == ("outdated", "Deutscher Text geändert", editor)
        assert after[code].source_version == 1  # still says which German text it translates
    assert after["uk"].state == ReviewState.MISSING and after["ti"].state == ReviewState.MISSING
    assert after["ti"].version == 1


def test_an_outdated_translation_is_not_outdated_twice(entry):
    save_text(source_text(entry), answer="Zweite Fassung.", examples="")
    save_text(source_text(entry), answer="Dritte Fassung.", examples="")
    english = texts(entry)["en"]
    assert english.state == ReviewState.OUTDATED and english.version == 2


def test_a_minor_german_change_keeps_translations_current(entry):
    mark_reviewed(texts(entry)["ar"], make_user("rev_ar", [reviewer_group("ar")]))
    revision = save_text(source_text(entry), answer="Der Kurs ist kostenlos!", examples="", minor=True)
    after = texts(entry)
    assert revision.minor and after["de"].version == 2
    assert after["ar"].state == ReviewState.REVIEWED and after["en"].state == ReviewState.UNREVIEWED
    assert after["ar"].source_version == 2 and after["en"].source_version == 2
    assert after["en"].version == 1  # no new revision: nothing of the translation changed


def test_german_is_reviewed_only_by_a_german_reviewer(entry):
    with pytest.raises(ReviewNotAllowed):
        save_text(source_text(entry), answer="Neu.", examples="", user=make_user("ed", ["editor"]), reviewed=True)
    german = source_text(entry)
    save_text(german, answer="Neu.", examples="", user=make_user("rev_de", [reviewer_group("de")]), reviewed=True)
    assert german.state == ReviewState.REVIEWED


def test_saving_identical_content_changes_nothing(entry):
    german = source_text(entry)
    first = german.revisions.get()
    again = save_text(german, answer=f"  {GERMAN}\r\n", examples="ist der kurs kostenlos\r\nwas kostet der kurs\n\n")
    assert again == first
    assert source_text(entry).version == 1 and texts(entry)["en"].state == ReviewState.UNREVIEWED


def test_saving_identical_content_as_reviewed_marks_it_reviewed(entry):
    arabic = texts(entry)["ar"]
    revision = save_text(arabic, answer=arabic.answer, examples="", reviewed=True,
                         user=make_user("rev_ar", [reviewer_group("ar")]))
    assert revision.version == 2 and arabic.state == ReviewState.REVIEWED


def test_mark_reviewed_needs_the_right_to_review_and_an_answer(entry):
    arabic, english = texts(entry)["ar"], texts(entry)["en"]
    with pytest.raises(ReviewNotAllowed):
        mark_reviewed(arabic, make_user("ed", ["editor"]))
    reviewer = make_user("admin", superuser=True)
    save_text(english, answer="", examples="")
    with pytest.raises(ValueError):
        mark_reviewed(english, reviewer)
    revision = mark_reviewed(arabic, reviewer)
    assert (revision.state, revision.note, revision.answer) == ("reviewed", "Als geprüft markiert", arabic.answer)
    assert mark_reviewed(arabic, reviewer) == revision  # again: nothing new


def test_reviewing_an_outdated_translation_brings_it_up_to_date(entry):
    save_text(source_text(entry), answer="Der Kurs kostet nichts.", examples="")
    arabic = texts(entry)["ar"]
    assert arabic.state == ReviewState.OUTDATED
    mark_reviewed(arabic, make_user("rev_ar", [reviewer_group("ar")]))
    arabic.refresh_from_db()
    assert (arabic.state, arabic.source_version) == (ReviewState.REVIEWED, 2)


def test_revert_restores_an_old_version_as_a_new_unreviewed_one(entry):
    reviewer = make_user("rev_ar", [reviewer_group("ar")])
    arabic = texts(entry)["ar"]
    original = arabic.answer
    save_text(arabic, answer="نص خاطئ", examples="سؤال", user=reviewer, reviewed=True)
    revision = revert(arabic, 1, user=reviewer)
    arabic.refresh_from_db()
    assert (arabic.answer, arabic.examples, arabic.version, arabic.state) == (original, "", 3, ReviewState.UNREVIEWED)
    assert (revision.version, revision.note, revision.author) == (3, "Zurückgesetzt auf Version 1", reviewer)
    assert [r.version for r in arabic.revisions.all()] == [3, 2, 1]  # history is kept


def test_reverting_german_outdates_the_translations(entry):
    german = source_text(entry)
    save_text(german, answer="Zweite Fassung.", examples="", minor=True)
    revert(german, 1)
    assert source_text(entry).answer == GERMAN
    assert texts(entry)["en"].state == ReviewState.OUTDATED


def test_revert_to_an_unknown_version_is_refused(entry):
    with pytest.raises(ValueError):
        revert(texts(entry)["ar"], 7)


def test_a_failing_german_save_leaves_nothing_half_written(entry, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(review, "_follow_source", broken)
    with pytest.raises(RuntimeError):
        save_text(source_text(entry), answer="Halb gespeichert?", examples="")
    german = source_text(entry)
    assert (german.answer, german.version, german.revisions.count()) == (GERMAN, 1, 1)


def test_coverage_counts_states_per_language_and_entries_without_text_as_missing(entry):
    from bot.content.models import FaqEntry

    before = coverage()
    FaqEntry.objects.create(key="ohne_text", topic="Beratung")
    mark_reviewed(texts(entry)["ar"], make_user("admin", superuser=True))
    after = coverage()
    assert set(after) >= {"de", "en", "ar", "uk", "ru", "ti", "fa", "tr"}
    assert after["ar"]["reviewed"] == before["ar"]["reviewed"] + 1
    assert after["ar"]["unreviewed"] == before["ar"]["unreviewed"] - 1
    assert after["ti"]["missing"] == before["ti"]["missing"] + 1
    assert sum(after["tr"].values()) == sum(before["tr"].values()) + 1 == FaqEntry.objects.count()

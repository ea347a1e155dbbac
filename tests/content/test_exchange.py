"""Translators' PO and XLIFF files: round trips, conflicts that protect newer reviewed texts, bad files."""

import argparse
import io
import xml.etree.ElementTree as ET

import pytest
from babel.messages.pofile import read_po, write_po

from bot.content import exchange, xliff
from bot.content.constants import ReviewState
from tests.content.conftest import GERMAN, TRANSLATIONS, make_user, texts

ANSWER_ID = "faq/test_kurs/answer"
EXAMPLES_ID = "faq/test_kurs/examples"
NEW_ARABIC = "الدورة مجانية تماماً، والكتب أيضاً."


def export(tmp_path, language="ar", file_format="po", name=None):
    """Export through the command as an operator runs it; returns the file."""
    path = tmp_path / (name or f"{language}.{'xlf' if file_format == 'xliff' else 'po'}")
    args = argparse.Namespace(language=language, path=path, format=file_format)
    assert exchange.run_export(args) == 0
    return path


def edit_po(path, changes, unfuzzy=True, language=None):
    """Change msgstrs of a PO file with Babel, as a translator's tool would."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.context in changes:
            message.string = changes[message.context]
            if unfuzzy:
                message.flags.discard("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0)
    data = buffer.getvalue()
    if language:
        data = data.replace(b"Language: ar", f"Language: {language}".encode())
    path.write_bytes(data)


def conflicts(report):
    return {conflict.unit: conflict.reason for conflict in report.conflicts}


def save(text, answer, **kwargs):
    from bot.content.review import save_text

    return save_text(text, answer=answer, examples=text.examples, **kwargs)


def test_po_round_trip_changes_the_chat_answer_and_leaves_it_unreviewed(entry, tmp_path):
    from bot.content.answers import faq_answer

    path = export(tmp_path)
    with path.open("rb") as handle:
        exported = {message.context: message for message in read_po(handle) if message.id}
    unit = exported[ANSWER_ID]
    assert (unit.id, unit.string, unit.fuzzy) == (GERMAN, TRANSLATIONS["ar"], True)
    assert "lotse-export de=v1 ar=v1 state=unreviewed" in unit.auto_comments

    edit_po(path, {ANSWER_ID: NEW_ARABIC})
    report = exchange.import_file(path)
    assert report.updated == [ANSWER_ID]
    assert ANSWER_ID not in conflicts(report)
    assert conflicts(report)[EXAMPLES_ID] == exchange.EMPTY_TARGET  # the Arabic has no example questions yet
    assert faq_answer("test_kurs", "ar") == NEW_ARABIC
    arabic = texts(entry)["ar"]
    assert (arabic.state, arabic.version) == (ReviewState.UNREVIEWED, 2)
    assert arabic.revisions.get(version=2).note == "Import ar.po"
    assert texts(entry)["en"].version == 1  # other languages untouched


def test_importing_the_same_file_again_changes_nothing(entry, tmp_path):
    path = export(tmp_path)
    edit_po(path, {ANSWER_ID: NEW_ARABIC})
    exchange.import_file(path)
    again = exchange.import_file(path)
    assert ANSWER_ID in again.unchanged and not again.updated


def test_the_command_prints_the_report_and_fails_on_conflicts(entry, tmp_path, capsys):
    path = export(tmp_path)
    edit_po(path, {ANSWER_ID: NEW_ARABIC})
    status = exchange.run_import(argparse.Namespace(path=path, reviewed=False))
    printed = capsys.readouterr().out
    assert status == 1  # the empty example questions are reported as conflicts
    assert f"aktualisiert: {ANSWER_ID}" in printed
    assert f"Konflikt: {EXAMPLES_ID} – {exchange.EMPTY_TARGET}" in printed


def test_xliff_round_trip_with_a_native_speakers_review(entry, tmp_path):
    from bot.content.answers import faq_answer

    path = export(tmp_path, "uk", "xliff")
    tree = ET.parse(path)
    ns = {"x": xliff.NAMESPACE}
    root = tree.getroot()
    assert root.get("version") == "1.2"
    assert root.find("x:file", ns).get("source-language") == "de"
    assert root.find("x:file", ns).get("target-language") == "uk"
    unit = root.find(f".//x:trans-unit[@id='{ANSWER_ID}']", ns)
    assert unit.find("x:source", ns).text == GERMAN
    target = unit.find("x:target", ns)
    assert (target.text, target.get("state")) == (TRANSLATIONS["uk"], xliff.NEEDS_REVIEW)
    assert any("lotse-export de=v1 uk=v1" in note.text for note in unit.findall("x:note", ns))

    target.text = "Курс повністю безкоштовний."
    target.set("state", "translated")
    examples = root.find(f".//x:trans-unit[@id='{EXAMPLES_ID}']", ns).find("x:target", ns)
    examples.text = "курс безкоштовний?\nскільки коштує курс"
    examples.set("state", "translated")
    tree.write(path, encoding="utf-8", xml_declaration=True)

    report = exchange.import_file(path, reviewed=True)
    assert sorted(report.updated) == [ANSWER_ID, EXAMPLES_ID] and not report.conflicts
    ukrainian = texts(entry)["uk"]
    assert ukrainian.state == ReviewState.REVIEWED
    assert ukrainian.example_list() == ["курс безкоштовний?", "скільки коштує курс"]
    assert faq_answer("test_kurs", "uk") == "Курс повністю безкоштовний."


def test_a_unit_left_for_review_is_not_marked_reviewed(entry, tmp_path):
    path = export(tmp_path)
    edit_po(path, {ANSWER_ID: NEW_ARABIC}, unfuzzy=False)
    exchange.import_file(path, reviewed=True)
    assert texts(entry)["ar"].state == ReviewState.UNREVIEWED


def test_a_changed_german_source_is_a_conflict_but_a_minor_change_is_not(entry, tmp_path):
    path = export(tmp_path)
    edit_po(path, {ANSWER_ID: NEW_ARABIC})
    german = texts(entry)["de"]
    save(german, "Der Kurs ist kostenlos.  ", minor=True)  # identical after cleaning: no change at all
    save(german, "Der Kurs ist kostenlos!", minor=True)
    minor = exchange.import_file(path)
    assert minor.updated == [ANSWER_ID]

    path = export(tmp_path, name="again.po")
    edit_po(path, {ANSWER_ID: "نص آخر"})
    save(texts(entry)["de"], "Der Kurs kostet 50 Euro.")
    report = exchange.import_file(path)
    assert conflicts(report)[ANSWER_ID] == exchange.SOURCE_CHANGED
    assert texts(entry)["ar"].answer == NEW_ARABIC
    assert texts(entry)["ar"].state == ReviewState.OUTDATED


def test_a_translation_reviewed_in_lotse_after_the_export_is_never_overwritten(entry, tmp_path):
    from bot.content.review import mark_reviewed

    path = export(tmp_path)
    edit_po(path, {ANSWER_ID: NEW_ARABIC})
    reviewer = make_user("reviewer-ar", ["reviewer:ar"])
    arabic = texts(entry)["ar"]
    save(arabic, "الدورة مجانية للجميع.", user=reviewer, reviewed=True)
    report = exchange.import_file(path)
    assert conflicts(report)[ANSWER_ID] == exchange.NEWER_REVIEWED
    assert texts(entry)["ar"].answer == "الدورة مجانية للجميع."

    # Reviewed without a change counts too: the reviewer vouched for the text the import would replace.
    path = export(tmp_path, "uk", name="uk.po")
    with path.open("rb") as handle:
        catalog = read_po(handle)
    catalog.get(GERMAN, context=ANSWER_ID).string = "Курс безкоштовний для всіх."
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0)
    mark_reviewed(texts(entry)["uk"], make_user("reviewer-uk", ["reviewer:uk"]))
    assert conflicts(exchange.import_file(path))[ANSWER_ID] == exchange.NEWER_REVIEWED


def test_a_translation_changed_after_the_export_but_unreviewed_is_updated(entry, tmp_path):
    path = export(tmp_path)
    edit_po(path, {ANSWER_ID: NEW_ARABIC})
    save(texts(entry)["ar"], "مسودة")
    assert exchange.import_file(path).updated == [ANSWER_ID]
    assert texts(entry)["ar"].answer == NEW_ARABIC


def test_unknown_keys_wrong_languages_and_empty_targets_are_reported_not_imported(entry, tmp_path):
    path = export(tmp_path)
    edit_po(path, {ANSWER_ID: NEW_ARABIC}, language="de")
    report = exchange.import_file(path)
    assert conflicts(report)[ANSWER_ID] == exchange.WRONG_LANGUAGE.format(language="de")
    assert not report.updated

    path = export(tmp_path, name="ar2.po")
    data = path.read_bytes().replace(b'msgctxt "faq/test_kurs/answer"', b'msgctxt "faq/gibt_es_nicht/answer"')
    path.write_bytes(data)
    edit_po(path, {"faq/gibt_es_nicht/answer": NEW_ARABIC})
    assert conflicts(exchange.import_file(path))["faq/gibt_es_nicht/answer"] == exchange.UNKNOWN_ENTRY

    path = export(tmp_path, name="ar3.po")
    edit_po(path, {ANSWER_ID: "   "})
    assert conflicts(exchange.import_file(path))[ANSWER_ID] == exchange.EMPTY_TARGET
    assert texts(entry)["ar"].answer == TRANSLATIONS["ar"]


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # cut off in the middle of an element
    lambda data: data.replace(b'version="1.2"', b'version="2.0"'),
    lambda data: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + data.split(b"?>", 1)[1],
])
def test_a_malformed_xliff_file_changes_nothing(entry, tmp_path, capsys, damage):
    path = export(tmp_path, "ar", "xliff")
    data = path.read_bytes().replace(TRANSLATIONS["ar"].encode(), NEW_ARABIC.encode())
    path.write_bytes(damage(data))
    before = {text.pk: text.version for text in entry.texts.all()}
    assert exchange.run_import(argparse.Namespace(path=path, reviewed=False)) == 2
    assert "nichts importiert" in capsys.readouterr().err
    assert {text.pk: text.version for text in entry.texts.all()} == before


def test_a_malformed_po_file_changes_nothing(entry, tmp_path, capsys):
    path = export(tmp_path)
    edit_po(path, {ANSWER_ID: NEW_ARABIC})
    path.write_bytes(path.read_bytes() + b'\nmsgctxt "faq/x/answer"\nmsgid "unterminated\n')
    assert exchange.run_import(argparse.Namespace(path=path, reviewed=False)) == 2
    assert texts(entry)["ar"].answer == TRANSLATIONS["ar"]


def test_an_error_in_the_middle_of_an_import_leaves_no_half_written_file(entry, tmp_path, monkeypatch):
    from bot.content import review
    from bot.content.models import FaqEntry
    from tests.content.conftest import add_text

    second = FaqEntry.objects.create(key="zz_test_second", topic="Sprachkurse")
    add_text(second, "de", "Zweiter Text.")
    add_text(second, "ar", "نص ثان.", source_version=1)
    path = export(tmp_path)
    edit_po(path, {ANSWER_ID: NEW_ARABIC, "faq/zz_test_second/answer": "نص ثان جديد."})
    real_save = review.save_text

    def failing_save(text, **kwargs):
        if text.entry.key == "zz_test_second":
            raise RuntimeError("disk full")
        return real_save(text, **kwargs)

    monkeypatch.setattr(review, "save_text", failing_save)
    with pytest.raises(RuntimeError):
        exchange.import_file(path)
    assert texts(entry)["ar"].answer == TRANSLATIONS["ar"]

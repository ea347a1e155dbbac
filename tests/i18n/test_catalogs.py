"""Every client-facing text exists in every required language, and unreviewed ones are marked."""

import re

import pytest

from bot import paths
from bot.i18n import catalogs
from bot.i18n.extract import UNREVIEWED_FLAG
from bot.languages import registry

TEMPLATE = catalogs.build_template(paths.domain_file(), paths.PROJECT_ROOT / "bot")
SOURCES = [m for m in TEMPLATE if m.id]
PLACEHOLDER = re.compile(r"\{\w+\}")


def test_template_has_every_domain_response_and_ui_text():
    contexts = {m.context for m in SOURCES}
    assert "utter_faq/privacy" in contexts and "utter_emergency" in contexts and "web_chat|send" in contexts


def test_committed_template_is_up_to_date():
    committed = catalogs.read_catalog(paths.locales_dir() / "messages.pot")
    assert {(m.context, m.id) for m in committed if m.id} == {(m.context, m.id) for m in SOURCES}


@pytest.mark.parametrize("code", registry().required_codes)
def test_every_text_is_translated(code):
    report = catalogs.coverage(paths.locales_dir(), code, TEMPLATE)
    assert report.missing == [], f"{code}: no translation for {report.missing}"
    assert report.outdated == [], f"{code}: translation outdated for {report.outdated}"


@pytest.mark.parametrize("code", [c for c in registry().required_codes if c != "de"])
def test_translations_keep_placeholders_and_are_marked_when_unreviewed(code):
    catalog = catalogs.read_catalog(catalogs.po_path(paths.locales_dir(), code), code)
    for message in catalog:
        if not message.id:
            continue
        assert sorted(PLACEHOLDER.findall(message.string)) == sorted(PLACEHOLDER.findall(message.id)), message.context
        assert message.string != message.id or catalogs.SAME_AS_SOURCE_FLAG in message.flags, \
            f"{code} {message.context} is the German text (flag it same-as-source if that is right)"
    # no native speaker has reviewed these yet; the flag must say so
    assert all(UNREVIEWED_FLAG in m.flags for m in catalog if m.id)


def test_missing_translation_is_reported(tmp_path):
    (tmp_path / "xx" / "LC_MESSAGES").mkdir(parents=True)
    catalogs.write_catalog(catalogs.po_path(tmp_path, "xx"), catalogs.Catalog(locale="de"))
    report = catalogs.coverage(tmp_path, "xx", TEMPLATE)
    assert len(report.missing) == len(SOURCES)


def test_changed_german_source_makes_translations_outdated(tmp_path):
    import shutil

    shutil.copytree(paths.locales_dir(), tmp_path / "locales")
    template = catalogs.read_catalog(tmp_path / "locales" / "messages.pot")
    greet = next(m for m in template if m.context == "utter_greet")
    template.delete(greet.id, context="utter_greet")
    template.add("Guten Tag! Womit kann ich helfen?", context="utter_greet")
    catalogs.write_catalog(tmp_path / "locales" / "messages.pot", template)
    catalogs.update(tmp_path / "locales", ["ar"])
    report = catalogs.coverage(tmp_path / "locales", "ar", template)
    assert report.outdated == ["utter_greet"]

"""``lotse content check``: missing and unreviewed texts per language; fails when a text is missing."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

import pytest

from bot.content.models import FaqEntry

from bot.content.check import check_messages, run_check
from bot.content.review import save_text
from bot.i18n.catalogs import po_path, read_catalog, write_catalog
from bot.languages import registry
from tests.conftest import ROOT


def content_check(capsys) -> tuple:  # type: ignore[no-untyped-def]
    """Run ``lotse content check`` through its parser; returns (exit status, output)."""
    from bot.content.cli import add_parser, run

    root = argparse.ArgumentParser()
    add_parser(root.add_subparsers(dest="command"), None)
    status = run(root.parse_args(["content", "check"]))
    return status, capsys.readouterr().out


@pytest.mark.usefixtures("db")
def test_the_initial_content_passes_and_shows_every_language(capsys):
    status, out = content_check(capsys)
    assert status == 0 and "OK: nothing missing" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.split()[:1] in
            [[code] for code in registry().codes]}
    assert set(rows) == set(registry().codes)
    entries = FaqEntry.objects.count()  # FAQ: none missing or outdated, all unreviewed, none reviewed
    assert rows["ar"][3:] == ["0", "0", str(entries), "0"]
    assert int(rows["ar"][2]) > 100  # unreviewed interface texts


@pytest.mark.usefixtures("db")
def test_a_missing_faq_answer_fails_the_check_and_is_named(capsys):
    from bot.content.models import FaqText

    save_text(FaqText.objects.get(entry__key="wohngeld", language="ti"), answer="", examples="")
    save_text(FaqText.objects.get(entry__key="wohngeld", language="de"), answer="Wohngeld: neu.", examples="")
    status, out = content_check(capsys)
    assert status == 1
    assert "ti: FAQ answer missing: wohngeld" in out and "FAILED: missing texts in ti" in out
    ukrainian = next(line.split() for line in out.splitlines() if line.startswith("uk "))
    assert ukrainian[4:6] == ["0", "1"]  # outdated is reported, not failed


@pytest.mark.usefixtures("db")
def test_a_missing_interface_text_fails_the_check(tmp_path, monkeypatch, capsys):
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales)
    catalog = read_catalog(po_path(locales, "tr"), "tr")
    catalog.get(next(m.id for m in catalog if m.context == "utter_greet"), context="utter_greet").string = ""
    write_catalog(po_path(locales, "tr"), catalog)
    monkeypatch.setenv("LOTSE_LOCALES_DIR", str(locales))
    assert run_check() == 1
    assert "tr: UI text missing: utter_greet" in capsys.readouterr().out
    assert check_messages() == 1
    assert "  missing: utter_greet" in capsys.readouterr().out


def test_messages_check_still_passes_on_the_catalogs(capsys):
    assert check_messages() == 0
    out = capsys.readouterr().out
    assert all(f"{code}: 0 missing, 0 outdated" in out for code in registry().codes)


def test_the_command_runs_as_make_test_runs_it(tmp_path):
    """A real ``lotse content check`` process on a fresh database (migrated and seeded on the way)."""
    environment = {**os.environ, "LOTSE_VAR_DIR": str(tmp_path), "LOTSE_SECRET_KEY": "content-check",
                   "PYTHONPATH": str(ROOT)}
    environment.pop("LOTSE_DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-m", "bot.cli", "content", "check"], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "FAQ missing" in result.stdout and "OK: nothing missing" in result.stdout


@pytest.mark.usefixtures("db")
def test_overdue_reviews_are_warnings_that_name_the_entry_and_do_not_fail_the_check(capsys):
    import datetime as dt

    from bot.content.check import LanguageCheck, overdue_reviews
    from tests import clock

    today = clock.today()
    FaqEntry.objects.update(review_due=today + dt.timedelta(days=30))
    FaqEntry.objects.filter(key="wohngeld").update(review_due=today - dt.timedelta(days=3))
    FaqEntry.objects.filter(key="dff").update(review_due=today - dt.timedelta(days=200))
    overdue = overdue_reviews()
    assert [key for key, _, _ in overdue] == ["dff", "wohngeld"]  # the longest overdue first

    assert run_check(checks=[], overdue=overdue) == 0
    out = capsys.readouterr().out
    due = (today - dt.timedelta(days=3)).isoformat()
    assert f"WARNING: review overdue since {due}: wohngeld (Wohngeld: wer es bekommt und wo man es beantragt)" in out
    assert "FAQ reviews overdue (2; warnings" in out and "OK: nothing missing (2 warnings)" in out

    missing = LanguageCheck("ti", True, [], [], [], {}, ["wohngeld"])
    assert run_check(checks=[missing], overdue=overdue) == 1  # a missing text is an error, warnings or not
    assert "FAILED: missing texts in ti" in capsys.readouterr().out
    FaqEntry.objects.update(review_due=today)
    assert overdue_reviews() == []  # due today is not overdue yet

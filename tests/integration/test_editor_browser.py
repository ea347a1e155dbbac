"""Acceptance tests of the FAQ editor in a real browser (Playwright driving Debian's chromium) against the stack.

- An editor changes the Arabic answer of ``dff`` and saves; the web chat, asked in Arabic, shows the
  new answer right to left. Nothing is retrained: Rasa keeps the model it started with.
- The editor's pages (list, entry, text, gaps) at phone and desktop size, without a Content-Security-
  Policy violation; the screenshots go to ``reports/screens/editor/`` for a person to look at.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any, Dict, Iterator

import pytest
import requests
import yaml

from tests.conftest import CHROMIUM_ARGS, ROOT
from tests.integration.stack import Client, plain

pytestmark = pytest.mark.slow  # the running stack and chromium

EDITOR = "redaktion-browser"
PASSWORD = "ein-langes-testpasswort"
KEY = "dff"
#: The new Arabic answer; the marker is pure Arabic, so no bidi isolate can split it.
MARKER = "اسألوا مكتب الاندماج في مدينتكم عن موعد الدورة القادمة"
NEW_ANSWER = f"دورات Deutsch für Flüchtlinge مجانية لكل اللاجئين في بادن-فورتمبيرغ. {MARKER}."


def arabic_question() -> str:
    """The first Arabic example question of ``faq/dff`` in the training data (the model answers it)."""
    blocks = yaml.safe_load((ROOT / "nlu" / "ar" / "nlu.yml").read_text(encoding="utf-8"))["nlu"]
    block = next(b for b in blocks if b.get("intent") == f"faq/{KEY}")
    return block["examples"].splitlines()[0].lstrip("- ").strip()


def in_stack(stack, script: str, *args: str) -> Dict[str, Any]:  # type: ignore[no-untyped-def]
    """Run ``script`` with Django set up in the stack's environment; it prints one JSON object."""
    done = subprocess.run([sys.executable, "-c", "import django; django.setup()\n" + script, *args],
                          env=stack.env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


READ_TEXT = """
import json, sys
from bot.content.models import FaqText
text = FaqText.objects.get(entry__key=sys.argv[1], language="ar")
print(json.dumps({"version": text.version, "answer": text.answer, "state": text.state}))
"""
RESTORE_TEXT = """
import json, sys
from bot.content.models import FaqText
from bot.content.review import revert
text = FaqText.objects.get(entry__key=sys.argv[1], language="ar")
if text.answer != sys.argv[3]:
    revert(text, int(sys.argv[2]))
print(json.dumps({"version": text.version}))
"""


@pytest.fixture()
def arabic_dff(stack) -> Iterator[Dict[str, Any]]:
    """The Arabic text of ``dff`` before the test; its answer is restored afterwards (the stack is shared)."""
    before = in_stack(stack, READ_TEXT, KEY)
    yield before
    in_stack(stack, RESTORE_TEXT, KEY, str(before["version"]), before["answer"])


def rasa_model(stack) -> str:  # type: ignore[no-untyped-def]
    """The model file the running Rasa server has loaded."""
    status = requests.get(f"http://127.0.0.1:{stack.ports.rasa}/status", params={"token": "test-token"}, timeout=10)
    status.raise_for_status()
    return str(status.json()["model_file"])


def test_an_editor_changes_the_arabic_answer_and_the_chat_shows_it_rtl_without_retraining(
        stack, arabic_dff, artifacts_dir):
    from playwright.sync_api import expect, sync_playwright

    from tests.conftest import chromium_path

    question = arabic_question()
    assert plain(arabic_dff["answer"]) in Client(stack.web).reply(question), \
        "the current model must answer the question with faq/dff for this test to mean anything"
    model = rasa_model(stack)
    stack.create_editor_user(EDITOR, PASSWORD)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1100}, locale="de-DE")
        page.goto(f"{stack.web}/content/")
        assert page.locator("h1").inner_text() == "Anmelden"
        page.fill("#id_username", EDITOR)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{stack.web}/content/")
        assert page.locator("h1").inner_text() == "FAQ-Einträge"

        page.click(f'a[aria-label^="{KEY}, Arabisch:"]')
        page.wait_for_url(f"{stack.web}/content/entries/{KEY}/ar/")
        answer = page.locator("#id_answer")
        assert answer.get_attribute("lang") == "ar"
        assert answer.evaluate("el => getComputedStyle(el).direction") == "rtl"
        assert "Deutsch für Flüchtlinge" in page.locator(".source").inner_text()  # the German source beside it
        answer.fill(NEW_ANSWER)
        preview = page.locator("#preview")
        expect(preview).to_contain_text(MARKER, timeout=10_000)  # the live preview, before saving
        assert preview.evaluate("el => getComputedStyle(el).direction") == "rtl"
        page.screenshot(path=str(artifacts_dir / "editor-arabic-form.png"), full_page=True)
        page.click("button[value=save]")
        expect(page.locator(".messages")).to_contain_text(f"Gespeichert als Version {arabic_dff['version'] + 1}")

        page.goto(f"{stack.web}/?lang=ar")
        page.fill("#text", question)
        page.press("#text", "Enter")
        bubble = page.locator(f'.msg.bot:has-text("{MARKER}")')
        expect(bubble).to_be_visible(timeout=60_000)
        assert bubble.evaluate("el => getComputedStyle(el).direction") == "rtl"
        assert NEW_ANSWER in plain(bubble.inner_text())
        page.screenshot(path=str(artifacts_dir / "editor-arabic-chat.png"), full_page=True)

        page.goto(f"{stack.web}/content/entries/{KEY}/ar/history/")
        page.click(f"button:has-text('Auf Version {arabic_dff['version']} zurücksetzen')")
        expect(page.locator(".messages")).to_contain_text(f"Auf Version {arabic_dff['version']} zurückgesetzt")
        browser.close()

    assert rasa_model(stack) == model  # no retraining, no model switch
    assert in_stack(stack, READ_TEXT, KEY)["answer"] == arabic_dff["answer"]


SCREENS = ROOT / "reports" / "screens" / "editor"
#: Phone (and the smallest phone) and desktop viewports (width, height).
SIZES = {"phone": (390, 844), "small": (320, 640), "desktop": (1280, 800)}
#: Client messages the bot could not answer, recorded as the bot records them (two say the same in German
#: and Arabic; one is a "no" right after an answer).
GAPS = [("de", "fallback", "faq/wohngeld", "Wie eröffne ich ein Bankkonto?"),
        ("ar", "fallback", "faq/bezahlkarte", "كيف أفتح حساب بنكي؟"),
        ("de", "fallback", "", "Ich brauche ein Konto bei der Bank, was muss ich tun?"),
        ("de", "fallback", "faq/school_kita", "Gibt es Schwimmkurse für Kinder?"),
        ("ar", "fallback", "", "هل توجد دروس سباحة للأطفال؟"),
        ("ti", "fallback", "", "ኣበይ እዩ እቲ ቀረባ መስጊድ?"),
        ("de", "unhelpful", "faq/work_permit", "Darf ich mit Duldung eine Ausbildung machen?")]
RECORD_GAPS = """
import json, sys
from bot.content.gaps import record_gap
for language, reason, topic, text in json.loads(sys.argv[1]):
    record_gap(language, reason, topic, text)
print(json.dumps({"ok": True}))
"""


def test_the_editor_pages_at_phone_and_desktop_size_without_policy_violations(stack):
    from playwright.sync_api import sync_playwright

    from tests.conftest import chromium_path

    in_stack(stack, RECORD_GAPS, json.dumps(GAPS))
    stack.create_editor_user("redaktion-bilder", PASSWORD)
    SCREENS.mkdir(parents=True, exist_ok=True)
    pages = {"list": "/content/", "entry": "/content/entries/family_reunification/",
             "text": "/content/entries/family_reunification/ar/", "gaps": "/content/gaps/",
             "new": "/content/entries/new/", "publish": "/content/publish/"}
    violations = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height}, locale="de-DE")
            page.on("console", lambda message: violations.append(message.text)
                    if "Content Security Policy" in message.text else None)
            page.goto(f"{stack.web}/content/")
            page.fill("#id_username", "redaktion-bilder")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{stack.web}/content/")
            for name, path in pages.items():
                page.goto(f"{stack.web}{path}")
                page.screenshot(path=str(SCREENS / f"{name}-{size}.png"), full_page=True)
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{name} at {size} is {overflow}px wider than the screen"
            assert page.locator("h1").first.inner_text() == "Veröffentlichen"
            page.goto(f"{stack.web}/content/gaps/")
            group = page.locator("article.gap-group").filter(has_text="Bankkonto")
            assert "كيف أفتح حساب بنكي؟" in group.inner_text()  # German and Arabic together
            assert "Antwort: Arbeiten dürfen: Arbeitserlaubnis" in page.locator("article.answer-group").inner_text()
            page.goto(f"{stack.web}/content/?q=fuehrerschein")
            assert page.locator("table.entries th.key a").all_inner_texts() == ["Ausländischen Führerschein umschreiben"]
            page.close()
        browser.close()
    assert not violations, violations

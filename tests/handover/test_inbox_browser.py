"""A real browser (Playwright driving Debian's chromium) in the inbox: Arabic right to left, Tigrinya, a reply."""

from __future__ import annotations

import pytest

from bot.handover import tickets
from tests.conftest import CHROMIUM_ARGS
from tests.handover.conftest import ARABIC_TRANSCRIPT, TIGRINYA_TRANSCRIPT, inbox_login, manager_named, open_ticket

pytestmark = pytest.mark.slow  # starts chromium

ARABIC_CANNED = "سأتصل بكم غدًا."
TIGRINYA_CANNED = "ጽባሕ ክድውለልኩም እየ።"


@pytest.fixture()
def tuebingen_tickets(committed_db):
    """Samir's login, an Arabic and a Tigrinya ticket (committed; removed afterwards)."""
    from django.contrib.auth.models import User

    from bot.handover.models import ClientBinding, Ticket

    user = inbox_login("samir-browser", "Samir Erfunden-Nasser")
    tickets.bind_client("web-browser-ti", manager_named("Samir Erfunden-Nasser").id)
    arabic = open_ticket("web-browser-ar", language="ar", transcript=ARABIC_TRANSCRIPT, intent="find_language_course",
                         entities={"course_level": "A1"}, answered=["utter_courses_found", "utter_course"])
    tigrinya = open_ticket("web-browser-ti", language="ti", transcript=TIGRINYA_TRANSCRIPT)
    yield arabic, tigrinya
    Ticket.objects.filter(client_ref__startswith="web-browser-").delete()
    ClientBinding.objects.filter(client_ref__startswith="web-browser-").delete()
    User.objects.filter(pk=user.pk).delete()


def test_a_manager_logs_in_reads_an_arabic_ticket_rtl_and_sends_a_canned_reply(
        web_server, tuebingen_tickets, fake_rasa, monkeypatch, artifacts_dir):
    from playwright.sync_api import sync_playwright

    from bot.i18n import catalogs
    from tests.conftest import chromium_path

    texts = {("ar", "canned|call_tomorrow"): ARABIC_CANNED, ("ti", "canned|call_tomorrow"): TIGRINYA_CANNED}
    original = catalogs.translate
    monkeypatch.setattr(catalogs, "translate",
                        lambda code, context, source: texts.get((code, context)) or original(code, context, source))
    arabic, tigrinya = tuebingen_tickets
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="de-DE")
        page.goto(f"{web_server}/inbox/")
        assert page.locator("h1").inner_text() == "Anmelden"
        page.fill("#id_username", "samir-browser")
        page.fill("#id_password", "geheim-123")
        page.click("button[type=submit]")
        page.wait_for_selector("table")
        assert arabic.reference in page.content() and tigrinya.reference in page.content()

        page.click(f"text={arabic.reference}")
        page.wait_for_selector("#transcript")
        transcript = page.locator("#transcript")
        assert transcript.evaluate("el => getComputedStyle(el).direction") == "ltr"  # the sides stay as in German
        assert transcript.get_attribute("lang") == "ar"
        first_line = page.locator("#transcript .line").first
        assert first_line.evaluate("el => getComputedStyle(el).direction") == "rtl"
        assert ARABIC_TRANSCRIPT[0]["text"] in first_line.inner_text()
        assert "sucht einen Deutschkurs" in page.locator(".note").inner_text()
        page.screenshot(path=str(artifacts_dir / "inbox-arabic.png"), full_page=True)

        page.click("button.canned-reply:has-text('Ich rufe Sie morgen an.')")
        assert page.input_value("#id_reply") == ARABIC_CANNED
        page.click("text=Antwort senden")
        page.wait_for_selector(".messages")
        assert "Antwort gesendet." in page.locator(".messages").inner_text()
        assert ARABIC_CANNED in page.locator(".reply").first.inner_text()
        [event] = fake_rasa.events["web-browser-ar"]
        assert event["text"] == ARABIC_CANNED and event["metadata"]["from_manager"] is True
        page.screenshot(path=str(artifacts_dir / "inbox-arabic-replied.png"), full_page=True)

        page.goto(f"{web_server}/inbox/tickets/{tigrinya.reference}/")
        transcript = page.locator("#transcript")
        assert transcript.evaluate("el => getComputedStyle(el).direction") == "ltr"
        font = transcript.evaluate("el => getComputedStyle(el).fontFamily")
        assert "Abyssinica SIL" in font and "Noto Sans Ethiopic" in font
        line = page.locator("#transcript .line").first
        assert TIGRINYA_TRANSCRIPT[0]["text"] in line.inner_text()
        assert line.bounding_box()["width"] > 50  # the Ethiopic text takes room on the page
        assert TIGRINYA_CANNED in page.locator(".canned").inner_text()
        page.screenshot(path=str(artifacts_dir / "inbox-tigrinya.png"), full_page=True)
        browser.close()

"""The inbox in a real browser (Playwright driving Debian's chromium) on a phone and a desktop.

The list, a ticket and the statistics page at 320×700, 390×844 and 1280×800: nothing scrolls
sideways, ticket numbers stay on one line, overdue tickets are marked, the client's lines stay on
one side in Arabic as in German, and the pages run under the Content-Security-Policy without a
violation. Screenshots go to reports/screens/inbox/ for a person to look at. The web process runs
in this test process on the handover tests' database (no Rasa, no model).
"""

from __future__ import annotations

import re
from typing import Dict, Iterator, List

import pytest

from tests.conftest import CHROMIUM_ARGS, ROOT
from tests.handover.conftest import (  # noqa: F401
    ARABIC_TRANSCRIPT,
    committed_db,
    directory_db,
    inbox_login,
    manager_named,
    open_ticket,
    web_server,
)
from tests.web.inbox.conftest import hours, shaped

pytestmark = pytest.mark.slow  # starts chromium

SCREENS = ROOT / "reports" / "screens" / "inbox"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "small": {"width": 320, "height": 700},
             "desktop": {"width": 1280, "height": 800}}
PASSWORD = "geheim-123"
#: A transcript time as the inbox shows it: ``Sa 5.12. 14:03`` (the year only when it is not this year).
LOCAL_TIME = r"(Mo|Di|Mi|Do|Fr|Sa|So) \d{1,2}\.\d{1,2}\.(\d{4})? \d{2}:\d{2}"
GERMAN_TRANSCRIPT = [{"sender": "client", "text": "Ich brauche Hilfe mit einem Brief vom Jobcenter.",
                      "time": hours(-3)},
                     {"sender": "bot", "text": "Möchten Sie, dass ich Ihre Anfrage weitergebe?", "time": hours(-3)},
                     {"sender": "client", "text": "Ja, bitte.", "time": hours(-3)}]


@pytest.fixture()
def inbox_data(committed_db) -> Iterator[Dict[str, object]]:  # noqa: F811
    """Samir's and his coordinator's logins and tickets in every state (committed; removed afterwards)."""
    from django.contrib.auth.models import User

    from bot.handover.models import Ticket

    users = [inbox_login("samir-ibrowser", "Samir Erfunden-Nasser"),
             inbox_login("koordination-ibrowser", district="Landkreis Tübingen")]
    arabic = shaped(open_ticket("web-ibrowser-ar", language="ar", transcript=ARABIC_TRANSCRIPT,
                                intent="find_language_course",
                                entities={"course_level": "A1", "course_need": "childcare"},
                                answered=["utter_ask_course_level", "utter_courses_found", "utter_course",
                                          "utter_course", "utter_offer_handover_unhelpful",
                                          "utter_ask_handover_consent"]),
                    created=hours(-28), reply_by=hours(-4))
    german = shaped(open_ticket("web-ibrowser-de", language="de", transcript=[
        {**line, "time": line["time"].isoformat()} for line in GERMAN_TRANSCRIPT], intent="request_handover",
        entities={"service_type": "jobcenter"}, answered=["utter_office", "utter_office_hours"]),
        created=hours(-3), reply_by=hours(20), assignee=manager_named("Samir Erfunden-Nasser"))
    urgent = open_ticket("web-ibrowser-fa", language="fa", urgency="urgent", intent="emergency",
                         answered=["utter_emergency"])
    tigrinya = shaped(open_ticket("web-ibrowser-ti", language="ti", intent="find_service",
                                  municipality="Rottenburg am Neckar",
                                  entities={"service_type": "auslaenderbehoerde"}, answered=["utter_office"]),
                      created=hours(-80), reply_by=hours(-60), first_response=hours(-70), status="in_progress")
    done = shaped(open_ticket("web-ibrowser-uk", language="uk", municipality="Mössingen", intent="faq",
                              answered=["utter_faq/wohngeld"]),
                  created=hours(-200), reply_by=hours(-180), first_response=hours(-190), status="resolved",
                  resolved_at=hours(-150))
    #: Another district's ticket (Stuttgart): neither the list nor the statistics may show any of it.
    other = shaped(open_ticket("web-ibrowser-so", language="so", municipality="Stuttgart", intent="book_appointment",
                               answered=["utter_office"]), created=hours(-30), reply_by=hours(-5))
    yield {"arabic": arabic, "german": german, "urgent": urgent, "tigrinya": tigrinya, "done": done, "other": other}
    Ticket.objects.filter(client_ref__startswith="web-ibrowser-").delete()
    User.objects.filter(pk__in=[u.pk for u in users]).delete()


def login(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/inbox/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def no_sideways_scrolling(page) -> None:  # type: ignore[no-untyped-def]
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page is {width[0]} px wide in a {width[1]} px window"


def references_on_one_line(page) -> List[str]:  # type: ignore[no-untyped-def]
    """The ticket numbers of the list, each checked to sit on one line."""
    links = page.locator("td.ref a")
    references = []
    for index in range(links.count()):
        link = links.nth(index)
        assert link.evaluate("el => el.getClientRects().length") == 1, link.inner_text()
        references.append(link.inner_text())
    return references


def sides(page, selector: str) -> Dict[str, List[str]]:  # type: ignore[no-untyped-def]
    """Which side of the transcript each line sits on: {"client": ["right", …], "bot": ["left", …]}."""
    return page.evaluate("""(selector) => {
        const box = document.querySelector(selector).getBoundingClientRect(), result = {client: [], bot: []};
        for (const line of document.querySelectorAll(selector + ' .line')) {
            const r = line.getBoundingClientRect(), kind = line.classList.contains('client') ? 'client' : 'bot';
            result[kind].push(Math.abs(r.right - box.right) < 2 ? 'right'
                              : Math.abs(r.left - box.left) < 2 ? 'left' : 'middle');
        }
        return result; }""", selector)


def test_list_ticket_and_statistics_on_a_phone_and_a_desktop(web_server, inbox_data):  # noqa: F811
    from playwright.sync_api import sync_playwright

    from tests.conftest import chromium_path

    SCREENS.mkdir(parents=True, exist_ok=True)
    arabic, german = inbox_data["arabic"], inbox_data["german"]
    violations: List[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for size, viewport in VIEWPORTS.items():
            for username in ("samir-ibrowser", "koordination-ibrowser"):
                context = browser.new_context(viewport=viewport, locale="de-DE", timezone_id="Europe/Berlin")
                page = context.new_page()
                page.on("console", lambda message: violations.append(message.text)
                        if "Content Security Policy" in message.text else None)
                login(page, web_server, username)
                who = "manager" if username.startswith("samir") else "coordinator"

                page.goto(f"{web_server}/inbox/")
                no_sideways_scrolling(page)
                shown = references_on_one_line(page)
                assert arabic.reference in shown and inbox_data["urgent"].reference in shown
                assert shown[0] == inbox_data["urgent"].reference  # urgent first
                assert inbox_data["other"].reference not in shown  # another district's ticket
                overdue = page.locator("tr.overdue", has_text=arabic.reference)
                assert "Überfällig" in overdue.inner_text()
                assert overdue.locator(".badge.overdue").evaluate("el => getComputedStyle(el).backgroundColor") \
                    == "rgb(163, 38, 27)"
                page.screenshot(path=str(SCREENS / f"list-{who}-{size}.png"), full_page=True)

                if who == "manager":
                    page.goto(f"{web_server}/inbox/tickets/{arabic.reference}/")
                    no_sideways_scrolling(page)
                    assert sides(page, "#transcript") == {"client": ["right", "right"], "bot": ["left"]}
                    first = page.locator("#transcript .line").first
                    assert first.evaluate("el => getComputedStyle(el).direction") == "rtl"
                    assert "Überfällig" in page.locator(".reply-by").inner_text()
                    assert "utter_" not in page.locator(".note").inner_text()
                    for moment in page.locator("#transcript .line time").all_inner_texts():  # Berlin, in German
                        assert re.fullmatch(LOCAL_TIME, moment), moment
                    page.screenshot(path=str(SCREENS / f"ticket-arabic-{size}.png"), full_page=True)
                    page.goto(f"{web_server}/inbox/tickets/{german.reference}/")
                    assert sides(page, "#transcript") == {"client": ["right", "right"], "bot": ["left"]}
                    assert page.locator("#transcript .line").first.evaluate(
                        "el => getComputedStyle(el).direction") == "ltr"
                    page.screenshot(path=str(SCREENS / f"ticket-german-{size}.png"), full_page=True)
                    page.goto(f"{web_server}/inbox/benachrichtigungen/")
                    no_sideways_scrolling(page)
                    page.screenshot(path=str(SCREENS / f"notifications-{size}.png"), full_page=True)

                page.goto(f"{web_server}/inbox/statistik/?period=4")
                no_sideways_scrolling(page)
                assert page.locator("svg.columns rect.bar").count() >= 4
                assert page.locator("svg.columns").bounding_box()["width"] <= viewport["width"]
                for caption in ("Tickets pro Woche", "Nach Sprache", "Nach Thema", "Nach Ort"):
                    assert page.locator("figcaption", has_text=caption).is_visible(), caption
                text = page.inner_text("main")
                assert "Stuttgart" not in text and "Somali" not in text  # nothing of another district
                assert "Tübingen" in text
                page.screenshot(path=str(SCREENS / f"statistics-{who}-{size}.png"), full_page=True)
                context.close()
        browser.close()
    assert violations == []

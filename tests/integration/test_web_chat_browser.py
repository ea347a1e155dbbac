"""The web chat as people use it, in a real browser (Playwright driving Debian's chromium) against the stack.

On a phone (390×844), a small phone (320×640) and a desktop (1280×800), in German, Arabic and Tigrinya,
the tests assert what a person sees: the newest answer and its buttons inside the visible part of the
conversation, the Send button on screen, the client's bubbles on their side (right in left-to-right
pages, left in right-to-left ones) with each bubble's direction from its own text, phone numbers and
e-mail addresses as links, the typing indicator and queued messages, the conversation again after a
reload, and a new conversation after "end conversation". The page runs under the web process's
Content-Security-Policy, so nothing here evaluates strings as JavaScript in the page.
Screenshots go to ``reports/screens/webchat/`` for a person to look at.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest

from bot.web.ui_texts import ui_texts
from tests.conftest import CHROMIUM_ARGS, ROOT
from tests.integration.stack import opening_of

pytestmark = pytest.mark.slow  # the running stack and chromium

SCREENS = ROOT / "reports" / "screens" / "webchat"
PHONE, SMALL, DESKTOP = (390, 844), (320, 640), (1280, 800)
#: The sample directory's Jobcenter in Esslingen: an answer with a phone number and an e-mail address.
JOBCENTER_PHONE, JOBCENTER_MAIL = "tel:03023125201", "mailto:jobcenter.esslingen@example.org"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One chromium for the module's tests; each test opens its own pages (own cookies)."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import chromium_path

    SCREENS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Chat:
    """One person's browser tab on the chat page."""

    def __init__(self, chromium: Any, base: str, size: Tuple[int, int], language: str) -> None:
        self.context = chromium.new_context(viewport={"width": size[0], "height": size[1]}, locale="de-DE",
                                            has_touch=size[0] < 500)
        self.page = self.context.new_page()
        self.errors: List[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.size, self.language = size, language
        self.url = f"{base}/?lang={language}"
        self.open()

    def open(self) -> None:
        """Load (or reload) the page and wait until the conversation is restored."""
        self.page.goto(self.url)
        self.page.wait_for_selector("#log:not([aria-busy])", state="attached")

    def shot(self, name: str) -> Path:
        """A screenshot of what the person sees now."""
        path = SCREENS / f"{self.language}-{self.size[0]}x{self.size[1]}-{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def answered(self, before: List[str], timeout: float = 60) -> None:
        """Wait until the bot's messages changed from ``before`` (:meth:`bot_texts`) and nothing is on its way."""
        page, deadline = self.page, time.monotonic() + timeout
        while time.monotonic() < deadline:
            if (page.locator(".typing").count() == 0 and page.locator(".row.queued").count() == 0
                    and self.bot_texts() != before):
                page.wait_for_timeout(150)  # the scrolling after the answer
                return
            page.wait_for_timeout(100)
        raise AssertionError(f"no answer within {timeout} s")

    def bot_texts(self) -> List[str]:
        """The texts of the bot's messages shown now (after the welcome)."""
        return self.page.locator("#log > .row.bot:not(.typing)").all_inner_texts()

    def ask(self, text: str) -> None:
        """Type ``text``, press Enter, wait for the answer."""
        before = self.bot_texts()
        self.page.fill("#text", text)
        self.page.press("#text", "Enter")
        self.answered(before)

    def press(self, title: str) -> None:
        """Press the newest button whose title contains ``title``, wait for the answer."""
        before = self.bot_texts()
        self.page.locator("#log .choice", has_text=title).last.click()
        self.answered(before)

    def conversation(self) -> List[Tuple[str, str]]:
        """The conversation as shown: (who, text) of every message after the welcome."""
        rows = self.page.locator("#log > .row:not(.typing)")
        return [("client" if "me" in (rows.nth(i).get_attribute("class") or "") else "bot",
                 rows.nth(i).locator(".msg").inner_text()) for i in range(rows.count())]

    def box(self, selector: Any) -> Dict[str, float]:
        locator = self.page.locator(selector) if isinstance(selector, str) else selector
        box = locator.bounding_box()
        assert box is not None, f"{selector} is not shown"
        return box

    def assert_inside(self, inner: Dict[str, float], outer: Dict[str, float], what: str) -> None:
        assert inner["x"] >= outer["x"] - 1 and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1, \
            f"{what} is cut off sideways: {inner} in {outer}"
        assert inner["y"] >= outer["y"] - 1 and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1, \
            f"{what} is out of view: {inner} in {outer}"

    def assert_newest_in_view(self) -> None:
        """The newest answer is in view: all of it when it fits; else, when its newest message has buttons,
        the end of that message with all its buttons; else the beginning of the answer. The input bar and
        the Send button are on screen."""
        view = self.box("#scroller")
        all_rows = self.page.locator("#log > .row:not(.typing)")
        kinds = all_rows.evaluate_all("rows => rows.map(row => row.classList.contains('me'))")
        after_client = max([i + 1 for i, mine in enumerate(kinds) if mine], default=0)
        rows = [all_rows.nth(i) for i in range(after_client, len(kinds))] or [self.page.locator("#log > .row.bot").last]
        first, newest = self.box(rows[0]), self.box(rows[-1])
        whole = {**first, "height": newest["y"] + newest["height"] - first["y"]}
        if whole["height"] <= view["height"]:
            self.assert_inside(whole, view, "the newest answer")
        elif rows[-1].locator(".buttons").count():  # the end of the newest message with all its buttons
            self.assert_inside(self.box(rows[-1].locator(".buttons")), view, "the newest buttons")
            self.assert_inside({**newest, "y": newest["y"] + newest["height"] - 40.0, "height": 40.0}, view,
                               "the end of the newest message")
        else:
            self.assert_inside({**first, "height": 40.0}, view, "the beginning of the newest answer")
        self.assert_inside(self.box("#send"), self.viewport(), "the Send button")
        self.assert_inside(self.box("#text"), self.viewport(), "the input field")

    def viewport(self) -> Dict[str, float]:
        return {"x": 0.0, "y": 0.0, "width": float(self.size[0]), "height": float(self.size[1])}

    def side(self, row: Any) -> str:
        """Which side of the conversation a message row's bubble sits on."""
        bubble, view = self.box(row.locator(".msg")), self.box("#log")
        left = bubble["x"] - view["x"]
        right = view["x"] + view["width"] - bubble["x"] - bubble["width"]
        return "left" if left < right else "right"

    def close(self) -> None:
        self.context.close()
        assert not [e for e in self.errors if "favicon" not in e], self.errors


def platform_fonts(page: Any, selector: str) -> List[str]:
    """The fonts chromium really used to draw the text of ``selector`` (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return [f["familyName"] for f in fonts]


def test_a_german_conversation_on_a_phone(stack, chromium):
    chat = Chat(chromium, stack.web, PHONE, "de")
    page, texts = chat.page, ui_texts("de")
    page.keyboard.press("Tab")  # the skip link comes first and shows itself
    skip = page.locator("a.skip")
    assert skip.evaluate("el => el === document.activeElement") and skip.inner_text() == texts["skip"]
    chat.assert_inside(chat.box(skip), chat.viewport(), "the skip link")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "text"
    assert page.locator("#welcome .choice").count() == 3
    assert page.locator("#sample").inner_text() == texts["sample"]
    chat.assert_inside(chat.box("#send"), chat.viewport(), "the Send button")
    page.click(".langs summary")
    current = page.locator(".langs a[aria-current=page]")
    assert current.count() == 1 and current.inner_text() == "Deutsch"
    assert page.locator(".langs a").count() == 12
    chat.shot("01-start-languages")
    page.click(".langs summary")

    before = chat.bot_texts()
    page.locator("#welcome .choice", has_text=texts["example_course"]).click()
    chat.answered(before)
    chat.assert_newest_in_view()
    chat.ask("Tübingen")
    chat.assert_newest_in_view()
    assert page.locator("#log > .row.bot").last.locator(".choice").count() >= 3  # the level buttons
    chat.shot("02-example-question")
    chat.press("weiß es nicht")
    chat.assert_newest_in_view()
    chat.press("nichts davon")  # the course list: longer than the screen, its beginning is shown
    chat.assert_newest_in_view()
    chat.shot("03-courses")

    chat.ask("Wo ist das Jobcenter in Esslingen?")
    chat.assert_newest_in_view()
    assert page.locator(f'#log a[href="{JOBCENTER_PHONE}"]').count() >= 1
    assert page.locator(f'#log a[href="{JOBCENTER_MAIL}"]').count() >= 1
    assert page.evaluate("() => document.activeElement.id") == "text"  # focus stays in the input
    chat.shot("04-links")

    shown = chat.conversation()
    assert [who for who, _ in shown[:2]] == ["client", "bot"]
    assert shown[0][1] == texts["example_course"]
    mine = page.locator("#log > .row.me").first
    theirs = page.locator("#log > .row.bot").first
    assert chat.side(mine) == "right" and chat.side(theirs) == "left"
    assert page.locator("#log > .row.me .msg").first.evaluate("el => getComputedStyle(el).direction") == "ltr"

    chat.open()  # reload: the same conversation, the buttons of the last answer only
    assert chat.conversation() == shown
    chat.assert_newest_in_view()
    chat.shot("05-reloaded")
    chat.close()


def test_typing_indicator_and_queued_messages_on_a_slow_connection(stack, chromium):
    chat = Chat(chromium, stack.web, PHONE, "de")
    page = chat.page
    chat.ask("Hallo")  # the greeting comes first, at normal speed
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 1500, "downloadThroughput": -1,
                                                  "uploadThroughput": -1})
    before = chat.bot_texts()
    page.fill("#text", "Ich suche einen Deutschkurs in Tübingen")
    page.press("#text", "Enter")
    page.fill("#text", "Danke")
    page.press("#text", "Enter")
    typing = page.locator("#log .typing")
    typing.wait_for(state="visible", timeout=5000)
    assert typing.inner_text() == ui_texts("de")["typing"]
    assert page.locator("#log .row.queued").count() == 1  # the second waits for the first answer
    chat.assert_inside(chat.box(typing), chat.box("#scroller"), "the typing indicator")
    chat.shot("06-typing-queued")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1,
                                                  "uploadThroughput": -1})
    chat.answered(before)
    shown = chat.conversation()
    course = shown.index(("client", "Ich suche einen Deutschkurs in Tübingen"))
    thanks = shown.index(("client", "Danke"))
    assert course < thanks and shown[course + 1][0] == "bot" and shown[thanks + 1][0] == "bot"
    chat.assert_newest_in_view()
    chat.close()


def test_ending_the_conversation_on_a_shared_computer(stack, chromium):
    chat = Chat(chromium, stack.web, DESKTOP, "de")
    page, texts = chat.page, ui_texts("de")
    chat.ask("Ich möchte einen Termin")
    assert len(chat.conversation()) >= 2
    page.click("#end")
    dialog = page.locator("#end-dialog")
    assert dialog.is_visible() and texts["end_confirm"] in dialog.inner_text()
    chat.shot("01-end-confirm")
    page.click("#end-dialog button[value=cancel]")
    assert len(chat.conversation()) >= 2  # cancelled: nothing changes
    page.click("#end")
    page.click("#end-confirm")
    page.locator("#log .note", has_text=texts["ended"]).wait_for()
    assert chat.conversation() == []
    assert page.locator("#welcome").is_visible()
    chat.shot("02-ended")
    chat.open()
    assert chat.conversation() == []  # the reloaded page knows nothing of it
    chat.ask("Hallo")
    assert chat.conversation()[0] == ("client", "Hallo")

    chat.ask("Lösche meine Daten")
    chat.press("alles löschen")  # confirmed: the conversation is gone from the screen too
    shown = chat.conversation()
    assert [who for who, _ in shown] == ["bot"] and opening_of("de", "utter_data_deleted") in shown[0][1]
    chat.shot("03-data-deleted")
    chat.open()
    assert chat.conversation() == []
    chat.close()


def test_an_arabic_conversation_on_a_small_phone(stack, chromium):
    for code in ("uk", "ru", "ar"):  # the Send button was cut off at 360 px in uk and ru
        chat = Chat(chromium, stack.web, SMALL, code)
        chat.assert_inside(chat.box("#send"), chat.viewport(), f"the Send button ({code})")
        chat.assert_inside(chat.box("#end"), chat.viewport(), f"the end button ({code})")
        if code != "ar":
            chat.shot("start")
            chat.close()
    page = chat.page
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    chat.shot("01-start")
    chat.ask("أين مركز العمل في إسلينغن؟")
    chat.assert_newest_in_view()
    chat.shot("02-question")
    chat.press("Jobcenter")
    chat.assert_newest_in_view()
    chat.ask("رقم هاتف الجوب سنتر في إسلينغن")
    chat.assert_newest_in_view()
    phone = page.locator(f'#log a[href="{JOBCENTER_PHONE}"]').last
    assert phone.get_attribute("dir") == "ltr"
    assert page.locator(f'#log a[href="{JOBCENTER_MAIL}"]').count() >= 1
    chat.shot("03-links")
    chat.ask("A1")
    latin = page.locator("#log > .row.me").last
    assert latin.locator(".msg").inner_text() == "A1"
    assert chat.side(latin) == "left"  # the client's side in a right-to-left page, whatever the script
    assert latin.locator(".msg").evaluate("el => getComputedStyle(el).direction") == "ltr"
    labels = page.locator("#log > .row .sr-only")  # what a screen reader says before each message
    assert {labels.nth(i).text_content() for i in range(labels.count())} == {
        ui_texts("ar")["you"] + ": ", ui_texts("ar")["bot"] + ": "}
    arabic = page.locator("#log > .row.me").first
    assert chat.side(arabic) == "left"
    assert arabic.locator(".msg").evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert chat.side(page.locator("#log > .row.bot").last) == "right"
    assert chat.box(latin.locator(".msg"))["width"] < 80  # a short message gets a short bubble
    chat.assert_newest_in_view()
    chat.shot("04-latin-in-rtl")
    shown = chat.conversation()
    chat.open()
    assert chat.conversation() == shown
    chat.shot("05-reloaded")
    chat.close()


def test_tigrinya_on_a_desktop_and_pashto_letters(stack, chromium):
    chat = Chat(chromium, stack.web, DESKTOP, "ti")
    page, texts = chat.page, ui_texts("ti")
    assert re.search("[\u1200-\u137f]", texts["welcome"])  # the catalog has it in Ethiopic script
    fonts = platform_fonts(page, "#welcome .msg")
    assert {"Noto Sans Ethiopic", "Abyssinica SIL"} & set(fonts), fonts
    before = chat.bot_texts()
    page.locator("#welcome .choice").first.click()
    chat.answered(before)
    chat.assert_newest_in_view()
    assert chat.side(page.locator("#log > .row.me").last) == "right"
    assert chat.side(page.locator("#log > .row.bot").last) == "left"
    chat.shot("01-example-question")
    chat.close()

    pashto = Chat(chromium, stack.web, PHONE, "ps")
    assert set("ټډړږښګڼۍې") & set(ui_texts("ps")["welcome"])
    fonts = platform_fonts(pashto.page, "#welcome .msg")
    assert "Noto Sans Arabic" in fonts, fonts  # ټ ډ ړ ږ ښ ګ ڼ ۍ ې included, no box for a missing letter
    assert pashto.page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    pashto.shot("01-start")
    pashto.close()


@pytest.mark.parametrize("code, size, client_side", [("ti", SMALL, "right"), ("ti", PHONE, "right"),
                                                     ("ar", DESKTOP, "left"), ("ar", PHONE, "left")])
def test_every_size_in_tigrinya_and_arabic(stack, chromium, code, size, client_side):
    """An example question on every viewport the German and Arabic tests above do not cover: the answer and
    the Send button in view, the sides by author, and the same conversation after a reload."""
    chat = Chat(chromium, stack.web, size, code)
    page = chat.page
    chat.assert_inside(chat.box("#send"), chat.viewport(), "the Send button")
    chat.assert_inside(chat.box("#end"), chat.viewport(), "the end button")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= size[0]  # no sideways scrolling
    current = page.locator(".langs a[aria-current=page]")
    assert current.count() == 1 and current.get_attribute("lang") == code
    before = chat.bot_texts()
    page.locator("#welcome .choice").last.click()  # "I would like an appointment"
    chat.answered(before)
    chat.assert_newest_in_view()
    mine = page.locator("#log > .row.me").last
    assert chat.side(mine) == client_side
    assert chat.side(page.locator("#log > .row.bot").last) != client_side
    assert page.evaluate("() => document.documentElement.scrollWidth") <= size[0]
    chat.shot("10-example-question")
    shown = chat.conversation()
    chat.open()
    assert chat.conversation() == shown
    chat.assert_newest_in_view()
    chat.shot("11-reloaded")
    chat.close()

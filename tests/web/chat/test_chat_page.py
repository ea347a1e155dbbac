"""The chat page itself: its texts in the page's language, the language menu, the sample-data banner, no inline code."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Dict, List, Optional, Tuple

import pytest
from django.contrib.staticfiles import finders

from bot import settings
from bot.directory.models import District
from bot.languages import registry
from bot.web.ui_texts import PAGE_SCRIPT_TEXTS, UI, ui_texts
from tests.web.chat.conftest import open_page

Attributes = Dict[str, Optional[str]]


class Elements(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: List[Tuple[str, Attributes]] = []

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        self.tags.append((tag, dict(attrs)))


def page(query: str = "") -> str:
    return open_page(query).get(f"/{query}").content.decode()


def elements(html: str) -> List[Tuple[str, Attributes]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def test_the_page_has_no_inline_script_or_style(db):
    html = page("?lang=ar")
    tags = elements(html)
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert [s.get("src") for s in scripts if s.get("type") != "application/json"] == ["/static/web/links.js",
                                                                                    "/static/web/chat.js"]
    assert not [tag for tag, attrs in tags if "style" in attrs or any(a.startswith("on") for a in attrs)]
    assert "<style" not in html
    assert {attrs.get("href") for tag, attrs in tags if tag == "link"} >= {"/static/web/chat.css"}
    for name in ("web/links.js", "web/chat.js", "web/chat.css", "web/icon.svg"):
        assert finders.find(name), name


def test_the_static_files_are_served(db):
    browser = open_page()
    for path in ("/static/web/chat.js", "/static/web/chat.css"):
        answer = browser.get(path)
        assert answer.status_code == 200, path
        assert b"".join(answer.streaming_content if answer.streaming else [answer.content])


@pytest.mark.parametrize("code", [language.code for language in registry()])
def test_the_start_page_greets_in_the_page_language(db, code):
    html = page(f"?lang={code}")
    texts = ui_texts(code)
    language = registry()[code]
    assert f'<html lang="{code}" dir="{language.direction}">' in html
    for key in ("welcome", "person_hint", "example_course", "example_hours", "example_appointment", "skip", "end",
                "end_confirm", "cancel", "send", "placeholder", "languages"):
        assert _escaped(texts[key]) in html, key
    config = json.loads(re.search(r'<script id="chat-config" type="application/json">(.*?)</script>', html, re.S)[1])
    assert config["texts"] == {key: texts[key] for key in PAGE_SCRIPT_TEXTS}
    assert config["urls"] == {"messages": "/chat/api/messages", "history": "/chat/api/history", "end": "/chat/api/end"}


def _escaped(text: str) -> str:
    from django.utils.html import escape

    return str(escape(text))


def test_the_language_menu_lists_every_language_and_marks_the_current_one(db):
    tags = elements(page("?lang=ti"))
    links = [attrs for tag, attrs in tags if tag == "a" and (attrs.get("href") or "").startswith("?lang=")]
    assert [link["href"] for link in links] == [f"?lang={language.code}" for language in registry()]
    assert len(links) == 12
    assert [link["lang"] for link in links if "aria-current" in link] == ["ti"]
    assert all(link["dir"] == registry()[link["lang"]].direction for link in links)


def test_every_text_of_the_page_has_a_catalog_context():
    assert set(PAGE_SCRIPT_TEXTS) <= set(UI)
    assert all(context.startswith("web_chat|") for context, _ in UI.values())


def test_the_sample_data_banner_shows_while_the_directory_is_sample_data(db, monkeypatch):
    monkeypatch.setattr(settings, "DEMO", False)
    banner = _escaped(ui_texts("fa")["sample"])
    District.objects.update(sample_data=True)
    assert banner in page("?lang=fa")
    District.objects.update(sample_data=False)
    assert banner not in page("?lang=fa")
    monkeypatch.setattr(settings, "DEMO", True)
    assert banner in page("?lang=fa")


def test_the_language_chosen_on_the_page_is_the_hint_for_rasa(db, fake_rasa):
    from tests.web.chat.conftest import say

    browser = open_page("?lang=ar", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    say(browser, "مرحبا", "?lang=ar")
    say(browser, "Hallo")
    assert [m["metadata"].get("language_hint") for m in fake_rasa.messages()] == ["ar", "de"]

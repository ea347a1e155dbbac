"""links.js in a real browser (Debian's chromium): which parts of an answer become tel:, mailto: and https: links.

No server: the script is loaded into an empty page and asked to build the nodes of one text.
"""

from __future__ import annotations

from typing import Any, Iterator, List, Tuple

import pytest

from tests.conftest import CHROMIUM_ARGS, ROOT

pytestmark = pytest.mark.slow  # starts chromium (about two seconds)

LINKS_JS = ROOT / "bot" / "web" / "static" / "web" / "links.js"
FSI, PDI, RLM = "\u2068", "\u2069", "\u200f"
#: What the script builds for a text: plain text pieces and (href, shown text, dir) for links.
BUILD = """text => {
  const box = document.createElement("div");
  window.LotseLinks.append(box, text);
  return Array.from(box.childNodes).map(n => n.nodeType === 1
      ? [n.tagName, n.getAttribute("href"), n.textContent, n.getAttribute("dir"), n.getAttribute("rel")]
      : n.textContent);
}"""


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from tests.conftest import chromium_path

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.set_content("<!doctype html><meta charset=utf-8><body></body>")
        tab.add_script_tag(path=str(LINKS_JS))
        yield tab
        browser.close()


def links(page: Any, text: str) -> List[Tuple[str, str]]:
    """(href, shown text) of every link built for ``text``."""
    return [(node[1], node[2]) for node in page.evaluate(BUILD, text) if isinstance(node, list)]


JOBCENTER = [("tel:03023125201", "030 23125 201"),
             ("mailto:jobcenter.esslingen@example.org", "jobcenter.esslingen@example.org")]


@pytest.mark.parametrize("text, expected", [
    ("Telefon: 030 23125 201\nE-Mail: jobcenter.esslingen@example.org", JOBCENTER),
    ("Rufen Sie +49 (0)711 216-12345 an.", [("tel:+4971121612345", "+49 (0)711 216-12345")]),
    ("Hotline (0711) 123 456 oder 0800 4 555500", [("tel:0711123456", "(0711) 123 456"),
                                                   ("tel:08004555500", "0800 4 555500")]),
    ("0049 7071 207-0", [("tel:+4970712070", "0049 7071 207-0")]),
    ("Mehr: https://www.bamf.de/DE/Themen/Integration.html.", [("https://www.bamf.de/DE/Themen/Integration.html",
                                                                "https://www.bamf.de/DE/Themen/Integration.html")]),
    ("Siehe www.example.org/kurse, bitte.", [("https://www.example.org/kurse", "www.example.org/kurse")]),
    ("(https://de.wikipedia.org/wiki/Jobcenter_(Deutschland))",
     [("https://de.wikipedia.org/wiki/Jobcenter_(Deutschland)", "https://de.wikipedia.org/wiki/Jobcenter_(Deutschland)")]),
    ("تلفن: ۰۷۱۱ ۱۲۳۴۵۶۷", [("tel:07111234567", "۰۷۱۱ ۱۲۳۴۵۶۷")]),
    (f"{RLM}{FSI}الهاتف: {FSI}030 23125 201{PDI}\n{RLM}البريد الإلكتروني: {FSI}{FSI}jobcenter.esslingen{PDI}@"
     f"{FSI}example.org{PDI}{PDI}", JOBCENTER),
    ("Termin am 11.01.2027 um 08:30, 72072 Tübingen, 2027/01/11, 0,50 €, Nummer 0123, Kurs 12345678", []),
    ("javascript:alert(1) <b>fett</b> <a href='https://x.example'>x</a>", [("https://x.example", "https://x.example")]),
    ("ftp://example.org und mailto:x", []),
])
def test_links_in_answers(page, text, expected):
    assert links(page, text) == expected


def test_the_text_stays_whole_and_links_are_left_to_right(page):
    text = f"{RLM}البريد الإلكتروني: {FSI}{FSI}info{PDI}@{FSI}example.org{PDI}{PDI}، الهاتف {FSI}07071 207-0{PDI}."
    nodes = page.evaluate(BUILD, text)
    shown = "".join(n[2] if isinstance(n, list) else n for n in nodes)
    assert shown == text.replace(f"info{PDI}@{FSI}example.org", "info@example.org")
    assert [n[3] for n in nodes if isinstance(n, list)] == ["ltr", "ltr"]
    assert all(n[0] == "A" for n in nodes if isinstance(n, list))


def test_web_links_open_apart_without_the_referrer(page):
    [node] = [n for n in page.evaluate(BUILD, "https://example.org") if isinstance(n, list)]
    assert node[4] == "noopener noreferrer"


def test_markup_in_an_answer_stays_text(page):
    nodes = page.evaluate(BUILD, "<img src=x onerror=alert(1)> <script>alert(2)</script>")
    assert nodes == ["<img src=x onerror=alert(1)> <script>alert(2)</script>"]


#: Where a link built for a text may wrap: its inner HTML (``<wbr>`` marks the places).
WRAPS = """text => {
  const box = document.createElement("div");
  window.LotseLinks.append(box, text);
  return Array.from(box.querySelectorAll("a")).map(a => a.innerHTML);
}"""


def test_an_email_address_wraps_after_its_at_sign_a_url_after_slashes_a_number_nowhere(page):
    built = page.evaluate(WRAPS, "jobcenter.esslingen@example.org https://www.example.org/a/b 030 23125 201")
    assert built == ["jobcenter.esslingen@<wbr>example.org",
                     "https:/<wbr>/<wbr>www<wbr>.example<wbr>.org/<wbr>a/<wbr>b", "030 23125 201"]

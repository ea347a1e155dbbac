"""The chat API's hardening: a browser-session cookie, rate limits, and a JSON 4xx for every malformed request."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.test import override_settings

from bot import settings
from bot.web.ui_texts import ui_texts
from tests.web.chat.conftest import open_page, post_raw, say

GERMAN = ui_texts("de")


def assert_json_error(response, status: int, key: str) -> None:  # type: ignore[no-untyped-def]
    """A JSON error answer with a client-facing text, never an HTML page or a 500."""
    assert response.status_code == status, response.content[:200]
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["error"] == key and body["message"] == ui_texts("de")[key]


# --- the identity cookie ---------------------------------------------------------------------------------

def test_the_chat_cookie_ends_with_the_browser_session(browser, fake_rasa):
    answer = say(browser, "Hallo")
    assert answer.status_code == 200
    cookie = answer.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax" and not cookie["secure"]
    assert answer["Cache-Control"].startswith("max-age=0") and "no-store" in answer["Cache-Control"]
    again = say(browser, "Noch eine Frage")
    assert "sessionid" not in again.cookies  # the cookie is not rewritten with every message
    assert len({m["sender"] for m in fake_rasa.messages()}) == 1


def test_the_cookie_is_secure_behind_https(db, fake_rasa):
    with override_settings(SESSION_COOKIE_SECURE=True):
        answer = say(open_page(), "Hallo")
    assert answer.cookies["sessionid"]["secure"] is True


def test_lotse_https_sets_secure_cookies():
    script = "import bot.web.settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    for value, expected in (("1", "True True"), ("0", "False False")):
        done = subprocess.run([sys.executable, "-c", script], env={**_environment(), "LOTSE_HTTPS": value},
                              capture_output=True, text=True, check=True)
        assert done.stdout.strip() == expected


def _environment():  # type: ignore[no-untyped-def]
    import os

    return {k: v for k, v in os.environ.items() if k != "LOTSE_HTTPS"}


def test_a_long_lived_session_becomes_a_browser_session_with_the_chat(browser, fake_rasa):
    session = browser.session
    session.set_expiry(14 * 24 * 3600)
    session.save()
    browser.cookies["sessionid"] = session.session_key
    answer = say(browser, "Hallo")
    assert answer.cookies["sessionid"]["max-age"] == ""


# --- rate limits -----------------------------------------------------------------------------------------

def test_a_session_gets_slow_down_after_its_limit_and_nothing_is_relayed(browser, fake_rasa, monkeypatch):
    monkeypatch.setattr(settings, "CHAT_MESSAGES_PER_SESSION", 3)
    for number in range(3):
        assert say(browser, f"Nachricht {number}").status_code == 200
    refused = say(browser, "Nachricht 3")
    assert_json_error(refused, 429, "slow_down")
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert [m["message"] for m in fake_rasa.messages()] == ["Nachricht 0", "Nachricht 1", "Nachricht 2"]
    assert say(open_page(), "Andere Person").status_code == 200  # another browser is not slowed down


def test_slow_down_comes_in_the_page_language(browser, fake_rasa, monkeypatch):
    monkeypatch.setattr(settings, "CHAT_MESSAGES_PER_SESSION", 1)
    say(browser, "eins", "?lang=ar")
    refused = say(browser, "zwei", "?lang=ar")
    assert refused.status_code == 429 and refused.json()["message"] == ui_texts("ar")["slow_down"]


def test_one_address_gets_slow_down_after_its_limit_across_sessions(db, fake_rasa, monkeypatch):
    monkeypatch.setattr(settings, "CHAT_MESSAGES_PER_ADDRESS", 4)
    direct = {"REMOTE_ADDR": "203.0.113.9"}
    for number in range(4):
        assert say(open_page(), f"Nachricht {number}", **direct).status_code == 200
    assert_json_error(say(open_page(), "zu viel", **direct), 429, "slow_down")
    # behind a proxy on this host the forwarded address counts, not the proxy's
    proxied = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.20, 203.0.113.9"}
    assert_json_error(say(open_page(), "über den Proxy", **proxied), 429, "slow_down")
    other = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
    assert say(open_page(), "andere Adresse", **other).status_code == 200
    assert len(fake_rasa.messages()) == 5


def test_a_forged_forwarded_header_from_outside_does_not_help(db, fake_rasa, monkeypatch):
    monkeypatch.setattr(settings, "CHAT_MESSAGES_PER_ADDRESS", 2)
    for number in range(2):
        forged = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": f"10.0.0.{number}"}
        assert say(open_page(), "ok", **forged).status_code == 200
    assert say(open_page(), "nein", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.0.0.3").status_code == 429


def test_malformed_requests_do_not_use_up_the_limit(browser, fake_rasa, monkeypatch):
    monkeypatch.setattr(settings, "CHAT_MESSAGES_PER_SESSION", 1)
    for _ in range(3):
        assert post_raw(browser, b"kein json").status_code == 400
    assert say(browser, "Hallo").status_code == 200


# --- malformed requests ------------------------------------------------------------------------------------

NESTED = b'{"text": "Hallo", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}"


@pytest.mark.parametrize("body, status, key", [
    (b"kein json", 400, "invalid"),
    (b"\xff\xfe{\x00", 400, "invalid"),
    (b"[" * 30000, 400, "invalid"),
    (NESTED, 400, "invalid"),
    (b'["Hallo"]', 400, "invalid"),
    (b'"Hallo"', 400, "invalid"),
    (b"null", 400, "invalid"),
    (b'{"text": 5}', 400, "invalid"),
    (b'{"text": ["Hallo"]}', 400, "invalid"),
    (b'{"text": {"$gt": ""}}', 400, "invalid"),
    (b'{"text": 1e999999}', 400, "invalid"),
    (b'{"text": NaN}', 400, "invalid"),
    (b'{"text": "   "}', 400, "empty"),
    (b'{"text": null}', 400, "empty"),
    (b"{}", 400, "empty"),
    (b"", 400, "empty"),
    (json.dumps({"text": "a" * 4097}).encode(), 400, "too_long"),
    (json.dumps({"text": "ا" * 4097}, ensure_ascii=True).encode(), 400, "too_long"),
    (json.dumps({"text": "a" * 70000}).encode(), 413, "too_long"),
], ids=["not-json", "not-utf8", "nested-array", "nested-inside", "list", "string", "null", "number", "list-text",
        "object-text", "huge-number", "nan", "blank", "null-text", "no-text", "no-body", "4097", "4097-escaped",
        "70000"])
def test_every_malformed_message_gets_a_json_4xx_and_reaches_nobody(browser, fake_rasa, body, status, key):
    assert_json_error(post_raw(browser, body), status, key)
    assert fake_rasa.messages() == []


def test_a_message_without_the_csrf_token_gets_a_json_403_and_reaches_nobody(browser, fake_rasa):
    refused = browser.post("/chat/api/messages", json.dumps({"text": "Hallo"}), content_type="application/json")
    assert_json_error(refused, 403, "invalid")
    wrong = post_raw(browser, b'{"text": "Hallo"}', HTTP_ORIGIN="https://evil.example")
    assert_json_error(wrong, 403, "invalid")
    assert fake_rasa.messages() == []


def test_4096_characters_are_accepted(browser, fake_rasa):
    assert say(browser, "ب" * 4096).status_code == 200


def test_a_form_post_is_no_message(browser, fake_rasa):
    answer = post_raw(browser, b"text=Hallo", content_type="application/x-www-form-urlencoded")
    assert_json_error(answer, 400, "invalid")


@pytest.mark.parametrize("after", ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "-1", "-0.5", "gestern",
                                   "0x10", "1,5"])
def test_polling_with_a_bad_after_gets_a_json_400(browser, fake_rasa, after):
    say(browser, "Hallo")  # a conversation exists
    assert_json_error(browser.get("/chat/api/messages", {"after": after}), 400, "invalid")


def test_polling_with_a_good_after_works(browser, fake_rasa):
    say(browser, "Hallo")
    for after in ("0", "1796528586.91", "", "1e9"):
        answer = browser.get("/chat/api/messages", {"after": after})
        assert answer.status_code == 200 and answer.json()["messages"] == []


@pytest.mark.parametrize("method, path", [("put", "/chat/api/messages"), ("delete", "/chat/api/messages"),
                                          ("patch", "/chat/api/history"), ("post", "/chat/api/history"),
                                          ("get", "/chat/api/end")])
def test_wrong_methods_get_a_json_405(browser, method, path):
    kwargs = {"HTTP_X_CSRFTOKEN": browser.cookies["csrftoken"].value}
    answer = getattr(browser, method)(path, **kwargs)
    assert_json_error(answer, 405, "invalid")
    assert answer["Allow"]


def test_rasa_down_gives_a_json_503(browser, fake_rasa):
    assert say(browser, "Hallo").status_code == 200
    fake_rasa.down = True
    assert_json_error(say(browser, "Hallo"), 503, "unavailable")
    assert_json_error(browser.get("/chat/api/history"), 503, "unavailable")
    assert_json_error(browser.get("/chat/api/messages?after=0"), 503, "unavailable")


def test_an_unreadable_session_store_gives_a_json_503_and_reaches_nobody(browser, fake_rasa, monkeypatch):
    """The chat's identity lives in the database session: when the database cannot be read (a disk or
    mount failure), every chat request gets the page's "unavailable" text as JSON, never an HTML 500."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import OperationalError

    assert say(browser, "Hallo").status_code == 200

    def unreadable(self):  # type: ignore[no-untyped-def]
        raise OperationalError("no such table: django_session")

    monkeypatch.setattr(SessionStore, "_get_session_from_db", unreadable)
    monkeypatch.setattr(SessionStore, "save", lambda self, must_create=False: unreadable(self))
    assert_json_error(say(browser, "Noch eine Frage"), 503, "unavailable")
    assert_json_error(browser.get("/chat/api/history"), 503, "unavailable")
    assert_json_error(browser.get("/chat/api/messages?after=0"), 503, "unavailable")
    assert_json_error(say(open_page(), "Hallo"), 503, "unavailable")  # a new browser too
    assert [m["message"] for m in fake_rasa.messages()] == ["Hallo"]

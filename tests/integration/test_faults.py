"""Faults under the running stack: the database goes down, Telegram's Bot API fails; Lotse recovers by itself.

A separate stack on a throwaway PostgreSQL server of its own (tests/integration/postgres_cluster.py):
Rasa's tracker store and the bot's data store both live there, as in production. The tests stop that
server (``pg_ctl stop -m fast``) and start it again; no Lotse process is restarted.

What is kept during a database outage, and where:
- web chat: nothing on the server (both stores are on the stopped server). The client sees the short
  "not reachable" text in their language and their message goes back into the input field; sent
  again after the outage it is answered in the conversation as it was before (it is stored once);
- Telegram: the update is not confirmed to Telegram (the poller stops at the database error), so
  Telegram keeps it and hands it out again; it is answered once the database is back. The client
  hears nothing during the outage (the outbox itself is in the database).

When only Telegram's API fails (5xx on sendMessage), the replies wait in the durable outbox and leave
in order once the API answers again (the poller tries them after 5, 10, 20 … s). WhatsApp has no
process of its own: its waiting replies leave with the client's next message or with
``lotse channels flush`` (cron), as tested here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
import time

import pytest

from tests.channels.conftest import APP_SECRET, wa_message, wa_payload
from tests.channels.fakes import FakeTelegram, FakeWhatsApp
from tests.integration.postgres_cluster import Cluster, binaries
from tests.integration.stack import Client, Stack, opening_of, plain, text_of
from tests.integration.test_directory_chat import COURSE_REQUESTS, ESSLINGEN_JOBCENTER, OFFICE_REQUESTS
from tests.integration.test_scale_out import stored_conversations
from tests.integration.test_telegram_chat import update

pytestmark = pytest.mark.slow

GREETING = "Привіт! Мені потрібна допомога з документами"
#: Written while the database is down; it must reach no log.
DURING_OUTAGE = "шукаю курс німецької мови в Тюбінгені, у мене тривога через документи"
#: Written during the outage too, in other scripts (Rasa's JSON log lines store them escaped: \u0634…).
ALSO_DURING_OUTAGE = {"ar": "أبحث عن محامٍ لأن طلب لجوئي رُفض أمس", "ti": "ናይ ዑቕባ ሕቶይ ተነጺጉ፣ ጠበቓ ደልየ ኣለኹ",
                      "de": "Mein Asylantrag wurde gestern abgelehnt, ich brauche einen Anwalt",
                      "fa": "درخواست پناهندگی من دیروز رد شد و وکیل لازم دارم"}
#: Seconds a client reply may take to leave the outbox once Telegram answers again (backoff is 5, 10, 20 s).
DELIVERY_TIMEOUT = 90


@pytest.fixture(scope="module")
def cluster():
    """A PostgreSQL server of this module's own, removed at the end."""
    bin_dir = binaries()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed; .ci/run installs Debian's postgresql package")
        pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql)")
    server = Cluster(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture(scope="module")
def whatsapp():
    """The fake Graph API the stack's WhatsApp channel talks to."""
    fake = FakeWhatsApp()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def stack_on_postgres(trained_model, tmp_path_factory, cluster, whatsapp):
    """Rasa, actions and web with conversations and data on ``cluster``; yields (stack, tracker URL)."""
    from bot.runtime import tracker

    tracker_url = cluster.create_database("tracker")
    stack = Stack(trained_model, tmp_path_factory.mktemp("faults"), extra_env={
        "LOTSE_TRACKER_URL": tracker_url, "LOTSE_DATABASE_URL": cluster.create_database("data"),
        "WHATSAPP_TOKEN": FakeWhatsApp.TOKEN, "WHATSAPP_PHONE_NUMBER_ID": FakeWhatsApp.PHONE_NUMBER_ID,
        "WHATSAPP_APP_SECRET": APP_SECRET, "WHATSAPP_API_URL": whatsapp.api_url})
    try:
        stack.prepare_database()
        tracker.create_tables(stack.env)
        stack.start_all()
        yield stack, tracker_url
    finally:
        stack.stop_all()


def user_texts(tracker_url: str, containing: str) -> list:
    """The user messages stored for the conversation in which the client wrote ``containing``."""
    for events in stored_conversations(tracker_url).values():
        texts = [text for kind, text in events if kind == "user"]
        if containing in texts:
            return texts
    raise AssertionError(f"no stored conversation has the message {containing!r}")


def test_database_down_the_web_client_is_told_keeps_the_text_and_the_bot_recovers(stack_on_postgres, cluster):
    from playwright.sync_api import sync_playwright

    from bot.web.ui_texts import ui_texts
    from tests.conftest import chromium_path
    from tests.integration.test_conversation import CHROMIUM_ARGS

    stack, tracker_url = stack_on_postgres
    unavailable = plain(ui_texts("uk")["unavailable"])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{stack.web}/?lang=uk")
        page.fill("#text", GREETING)
        page.click("form button[type=submit]")
        page.locator(".msg.bot", has_text=opening_of("uk", "utter_intro")).wait_for(timeout=60000)
        answered = page.locator(".msg.bot").count()

        cluster.stop()
        try:
            page.fill("#text", DURING_OUTAGE)
            page.click("form button[type=submit]")
            error = page.locator(".msg.bot.error")
            error.wait_for(timeout=60000)
            assert plain(error.inner_text()) == unavailable  # short, in the client's language
            assert page.input_value("#text") == DURING_OUTAGE  # kept: one press sends it again
            assert page.locator(".msg.bot").count() == answered + 1  # nothing else, no introduction again
            http = Client(stack.web)
            http.session.headers["Accept-Language"] = "uk"
            response = http.say(GREETING)
            assert response.status_code == 503 and response.json()["message"] == ui_texts("uk")["unavailable"]
            for text in ALSO_DURING_OUTAGE.values():
                assert http.say(text).status_code == 503
            assert post_whatsapp(stack, "wamid.IN-outage-1", ALSO_DURING_OUTAGE["de"]) == 503
        finally:
            cluster.start()

        page.click("form button[type=submit]")  # the kept text, sent again
        page.locator(".msg.bot", has_text=opening_of("uk", "utter_ask_course_level")).wait_for(timeout=60000)
        page.fill("#text", OFFICE_REQUESTS["uk"])  # the directory (action server's connections) is back too
        page.click("form button[type=submit]")
        page.locator(".msg.bot", has_text=ESSLINGEN_JOBCENTER).wait_for(timeout=60000)
        bot_texts = [plain(text) for text in page.locator(".msg.bot").all_inner_texts()]
        browser.close()

    assert sum(opening_of("uk", "utter_intro") in text for text in bot_texts) == 1  # the conversation went on
    assert user_texts(tracker_url, DURING_OUTAGE) == [GREETING, DURING_OUTAGE, OFFICE_REQUESTS["uk"]]
    from tools import logscan

    # decoded, not raw: a raw search could never find Cyrillic that Rasa's JSON log lines store escaped
    found = logscan.traces(stack.logs, [DURING_OUTAGE, *ALSO_DURING_OUTAGE.values(), "Тюбінгені", "Asylantrag"])
    assert found == {}, found


class FlakyTelegram(FakeTelegram):
    """The fake Bot API; while ``sending_fails`` is set, sendMessage answers 502 (getUpdates keeps working)."""

    sending_fails = False

    def route(self, method, path, query, body, headers):  # type: ignore[no-untyped-def]
        if self.sending_fails and path.endswith("/sendMessage"):
            return "sendMessage", (502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})
        return super().route(method, path, query, body, headers)


@pytest.fixture()
def telegram(stack_on_postgres):
    """The flaky fake Bot API and the long-polling process `lotse run` starts when a bot token is set."""
    stack, _ = stack_on_postgres
    fake = FlakyTelegram()
    env = {**stack.env, "TELEGRAM_BOT_TOKEN": FakeTelegram.TOKEN, "TELEGRAM_API_URL": fake.api_url}
    service = next(s for s in stack.supervisor.services(stack.model, stack.ports, env=env) if s.name == "telegram")
    log = open(stack.logs / "telegram.log", "ab")
    poller = subprocess.Popen(service.command, env=env, stdout=log, stderr=subprocess.STDOUT)
    yield fake, poller
    poller.terminate()
    poller.wait(timeout=30)
    log.close()
    fake.stop()


def wait_until(condition, timeout: float, what: str) -> None:
    """Poll ``condition`` until it is true, or fail saying ``what`` did not happen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"{what} within {timeout:.0f} s")


def confirmed(fake: FakeTelegram, update_id: int) -> bool:
    """Whether the poller asked for updates after ``update_id`` (it handled it and confirms it to Telegram)."""
    return any(int((r["body"] or {}).get("offset") or 0) > update_id for r in fake.calls("getUpdates"))


def sent_texts(fake: FakeTelegram) -> list:
    """The texts Telegram accepted, in order."""
    return [plain(body["text"]) for body in fake.sent()]


def test_telegram_failing_the_replies_wait_in_the_outbox_and_leave_in_order(telegram):
    fake, poller = telegram
    fake.updates.append(update(2000, text=GREETING))
    wait_until(lambda: confirmed(fake, 2000) and fake.sent(), 90, "the first message was not answered")
    time.sleep(1)
    before = len(fake.sent())

    fake.sending_fails = True
    fake.updates.extend([update(2001, text="ok"), update(2002, text=COURSE_REQUESTS["uk"])])
    wait_until(lambda: confirmed(fake, 2002), 90, "the messages written during the outage were not handled")
    refused = len([r for r in fake.calls("sendMessage") if r["status"] == 502])
    assert refused >= 1 and len(fake.sent()) == before  # Telegram refused, nothing was delivered
    fake.sending_fails = False

    course_question = opening_of("uk", "utter_ask_course_level")
    wait_until(lambda: any(course_question in text for text in sent_texts(fake)), DELIVERY_TIMEOUT,
               "the replies did not leave the outbox after Telegram came back")
    time.sleep(2)  # nothing more should follow
    after = sent_texts(fake)[before:]
    assert after[0] == plain(text_of("uk", "utter_affirm"))  # the answer to "ok" first: in order
    assert any(course_question in text for text in after[1:])
    assert len(after) == len(set(after))  # each reply once
    assert poller.poll() is None  # the same process throughout

    # the next test goes on in this chat: end the course search, so that no question is left open
    answered = len(fake.sent())
    fake.updates.append(update(2003, text="стоп"))
    wait_until(lambda: confirmed(fake, 2003) and len(fake.sent()) > answered, 90, "the stop was not answered")
    assert opening_of("uk", "utter_task_stopped") in sent_texts(fake)[-1]


def test_database_down_a_telegram_message_waits_at_telegram_and_is_answered_after(telegram, cluster):
    fake, poller = telegram
    fake.updates.append(update(3000, text=GREETING))
    wait_until(lambda: confirmed(fake, 3000) and fake.sent(), 90, "the first message was not answered")
    time.sleep(1)
    before = len(fake.sent())

    cluster.stop()
    try:
        fake.updates.append(update(3001, text="ok"))
        time.sleep(8)  # the poller fetches it, fails on the database, waits and fetches it again
        assert not confirmed(fake, 3001)  # Telegram keeps it
        assert len(fake.sent()) == before
    finally:
        cluster.start()
    wait_until(lambda: len(fake.sent()) > before, 60, "the message was not answered after the database came back")
    time.sleep(2)
    assert sent_texts(fake)[before:] == [plain(text_of("uk", "utter_affirm"))]  # answered once, in context
    assert poller.poll() is None


def post_whatsapp(stack: Stack, message_id: str, text: str) -> int:
    """A signed WhatsApp notification with one text message to the web process; returns the status."""
    import requests

    body = json.dumps(wa_payload([wa_message(message_id, text={"body": text})])).encode()
    signature = "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return requests.post(f"{stack.web}/channels/whatsapp/webhook", data=body, timeout=90,
                         headers={"Content-Type": "application/json", "X-Hub-Signature-256": signature}).status_code


def whatsapp_texts(fake: FakeWhatsApp) -> list:
    """The texts the Graph API accepted, in order (plain text or an interactive message's body)."""
    return [plain((b.get("text") or {}).get("body") or ((b.get("interactive") or {}).get("body") or {}).get("text")
                  or "") for b in fake.sent()]


def flush_outbox(stack: Stack) -> int:
    """``lotse channels flush`` as cron runs it; its exit status (1 while messages remain)."""
    return subprocess.run([sys.executable, "-m", "bot.cli", "channels", "flush"], env=stack.env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode


def test_whatsapp_failing_the_replies_wait_in_the_outbox_and_a_flush_sends_them_in_order(stack_on_postgres, whatsapp):
    stack, _ = stack_on_postgres
    whatsapp.down = True
    assert post_whatsapp(stack, "wamid.IN-fault-1", GREETING) == 200
    assert post_whatsapp(stack, "wamid.IN-fault-2", "ok") == 200
    assert whatsapp.calls("messages") and whatsapp.sent() == []  # refused, nothing delivered
    whatsapp.down = False

    wait_until(lambda: flush_outbox(stack) == 0, 60, "the outbox was not emptied after WhatsApp came back")
    texts = whatsapp_texts(whatsapp)
    assert opening_of("uk", "utter_intro") in texts[0]  # the first message's replies first
    assert texts[-1] == plain(text_of("uk", "utter_affirm"))  # the answer to "ok" last
    assert len(texts) == len(set(texts))  # each reply once

"""A Telegram client through the real stack: the long-polling process, Rasa, actions and NLG.

Telegram itself is outside this machine, so a local fake Bot API (tests/channels/fakes.py,
speaking the documented request and response shapes) stands in for it.
"""

import json
import subprocess
import time

import pytest

from tests.channels.fakes import FakeTelegram
from tests.integration.stack import opening_of, plain

pytestmark = pytest.mark.slow

CHAT_ID = 4711
FIRST_UPDATE = 1000


def update(update_id, **content):
    """A Telegram update from our test client."""
    sender = {"id": CHAT_ID, "is_bot": False, "first_name": "Olena", "language_code": "uk"}
    if "data" in content:
        return {"update_id": update_id, "callback_query": {
            "id": f"cb{update_id}", "from": sender, "chat_instance": "1", "data": content["data"],
            "message": {"message_id": 99, "date": int(time.time()), "chat": {"id": CHAT_ID, "type": "private"}}}}
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "chat": {"id": CHAT_ID, "type": "private"},
        "from": sender, **content}}


def wait_for_messages(fake, count, timeout=90):
    """The sendMessage calls, once at least ``count`` have arrived."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(fake.sent()) >= count:
            return fake.sent()
        time.sleep(0.3)
    raise AssertionError(f"only {len(fake.sent())} of {count} messages reached Telegram")


@pytest.fixture()
def telegram(stack, monkeypatch):
    """The fake Bot API and the poller `lotse run` starts when a bot token is set."""
    fake = FakeTelegram()
    env = {**stack.env, "TELEGRAM_BOT_TOKEN": FakeTelegram.TOKEN, "TELEGRAM_API_URL": fake.api_url}
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", FakeTelegram.TOKEN)
    service = next(s for s in stack.supervisor.services(stack.model, stack.ports) if s.name == "telegram")
    log = open(stack.logs / "telegram.log", "ab")
    poller = subprocess.Popen(service.command, env=env, stdout=log, stderr=subprocess.STDOUT)
    yield fake
    poller.terminate()
    poller.wait(timeout=30)
    fake.stop()


def test_a_ukrainian_telegram_client_searches_a_course_with_inline_buttons(telegram):
    telegram.updates.append(update(FIRST_UPDATE, text="шукаю курс німецької мови в Тюбінгені"))
    first = wait_for_messages(telegram, 1)  # the introduction with the question about the level
    asked = plain("\n".join(m["text"] for m in first))
    assert opening_of("uk", "utter_ask_course_level") in asked
    keyboard = first[-1]["reply_markup"]
    keyboard = keyboard if isinstance(keyboard, dict) else json.loads(keyboard)
    buttons = [b for row in keyboard["inline_keyboard"] for b in row]
    assert len(buttons) == 7
    unknown = next(b for b in buttons if '"unknown"' in b["callback_data"])

    telegram.updates.append(update(FIRST_UPDATE + 1, data=unknown["callback_data"]))
    second = wait_for_messages(telegram, 2)
    assert opening_of("uk", "utter_ask_course_need") in plain(second[-1]["text"])
    assert telegram.calls("answerCallbackQuery")  # the button stops spinning

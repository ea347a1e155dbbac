"""Telegram's limits and outages: splitting, 429 retry_after, 5xx backoff, the durable outbox, long polling."""

from datetime import datetime, timedelta, timezone

from bot.channels import outbox
from bot.channels.config import telegram
from bot.channels.models import OutboxMessage
from bot.channels.telegram import commands, polling, sender
from bot.channels.telegram.client import TelegramClient
from bot.languages import registry
from tests.channels.conftest import CHAT_ID, tg_message
from tests.channels.fakes import FakeTelegram, telegram_rate_limited

BAD_GATEWAY = (502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})


def poll(offset=None):
    with TelegramClient(telegram(), poll_timeout=0) as client:
        return polling.poll_once(client, offset, timeout=0)


def later(seconds=3600):
    return datetime.now(timezone.utc) + timedelta(seconds=seconds)


def flush(now=None):
    with TelegramClient(telegram()) as client:
        return sender.flush(client, now=now)


def test_long_polling_handles_updates_confirms_them_and_processes_each_once(db, fake_rasa, fake_telegram):
    fake_telegram.updates = [tg_message(10, text="Hallo"), tg_message(11, text="Kurs")]
    offset = poll()
    assert offset == 12
    assert [m["message"] for m in fake_rasa.messages()] == ["Hallo", "Kurs"]
    assert [m["text"] for m in fake_telegram.sent()] == ["Echo: Hallo", "Echo: Kurs"]
    assert poll(offset) == 12 and fake_telegram.updates == []  # offset 12 confirmed both
    fake_telegram.updates = [tg_message(11, text="Kurs")]  # a restart without the offset: delivered again
    poll()
    assert len(fake_rasa.messages()) == 2


def test_messages_over_4096_characters_are_split_at_sentence_boundaries(db, fake_rasa, fake_telegram):
    sentence = "Der Integrationskurs in Tübingen beginnt am Montag um halb neun. "
    long_text = (sentence * 150).strip()
    fake_rasa.answer = lambda s, m: [{"text": long_text, "buttons": [{"title": "OK", "payload": "/affirm"}]}]
    fake_telegram.updates = [tg_message(1, text="Kurse")]
    poll()
    parts = [m["text"] for m in fake_telegram.sent()]
    assert len(parts) == 3 and all(len(p) <= 4096 for p in parts)
    assert all(p.endswith("halb neun.") for p in parts)
    assert " ".join(parts) == long_text
    assert ["reply_markup" in m for m in fake_telegram.sent()] == [False, False, True]


def test_a_429_is_retried_after_retry_after(db, fake_rasa, fake_telegram, no_waiting):
    fake_telegram.fail_next("sendMessage", *telegram_rate_limited(3))
    fake_telegram.updates = [tg_message(1, text="Hallo")]
    poll()
    assert no_waiting == [3.0]
    assert [r["status"] for r in fake_telegram.calls("sendMessage")] == [429, 200]
    assert OutboxMessage.objects.get().status == "sent"


def test_a_long_retry_after_leaves_the_message_in_the_outbox_until_then(db, fake_rasa, fake_telegram, no_waiting):
    fake_telegram.fail_next("sendMessage", *telegram_rate_limited(120))
    fake_telegram.updates = [tg_message(1, text="Hallo")]
    poll()
    row = OutboxMessage.objects.get()
    assert row.status == "pending" and no_waiting == []
    assert timedelta(seconds=100) < row.next_attempt_at - datetime.now(timezone.utc) <= timedelta(seconds=120)
    assert flush().sent == 0  # not due yet
    assert flush(later(121)).sent == 1 and fake_telegram.sent()[0]["text"] == "Echo: Hallo"


def test_5xx_answers_are_retried_with_growing_backoff(db, fake_rasa, fake_telegram, no_waiting):
    fake_telegram.fail_next("sendMessage", *BAD_GATEWAY, times=2)
    fake_telegram.updates = [tg_message(1, text="Hallo")]
    poll()
    assert no_waiting == [0.5, 1.0]
    assert [r["status"] for r in fake_telegram.calls("sendMessage")] == [502, 502, 200]


def test_the_outbox_keeps_messages_through_an_outage_and_sends_them_in_order_later(db, fake_rasa, fake_telegram):
    fake_rasa.answer = lambda s, m: [{"text": f"Antwort 1 auf {m}"}, {"text": f"Antwort 2 auf {m}"}]
    fake_telegram.down = True
    fake_telegram.updates = [tg_message(1, text="Hallo")]
    fake_telegram.down = False
    fake_telegram.fail_next("sendMessage", *BAD_GATEWAY, times=4)  # Telegram fails during the whole round
    poll()
    rows = list(OutboxMessage.objects.order_by("pk"))
    assert [r.status for r in rows] == ["pending", "pending"]
    assert rows[0].attempts == 1 and rows[0].last_error == "TransientSendError" and rows[1].attempts == 0
    assert outbox.pending_count("telegram") == 2

    assert flush(later()).sent == 2
    assert [m["text"] for m in fake_telegram.sent()] == ["Antwort 1 auf Hallo", "Antwort 2 auf Hallo"]
    assert flush(later()).sent == 0  # nothing twice


def test_messages_survive_telegram_being_unreachable(db, fake_rasa, fake_telegram, monkeypatch):
    port = fake_telegram.server_address[1]
    fake_telegram.updates = [tg_message(1, text="Hallo")]
    with TelegramClient(telegram(), poll_timeout=0) as client:
        [update] = client.call(client.bot.get_updates, timeout=0)
    fake_telegram.stop()  # connection refused from now on
    with TelegramClient(telegram()) as client:
        from bot.channels.telegram.updates import handle_update

        assert handle_update(client, update)
    assert OutboxMessage.objects.get().status == "pending"

    back = FakeTelegram(port)
    try:
        assert flush(later()).sent == 1
        assert back.sent()[0] == {"chat_id": CHAT_ID, "text": "Echo: Hallo"}
    finally:
        back.stop()


def test_a_refused_message_is_marked_failed_and_not_retried(db, fake_rasa, fake_telegram):
    fake_telegram.fail_next("sendMessage", 403, {"ok": False, "error_code": 403,
                                                 "description": "Forbidden: bot was blocked by the user"})
    fake_telegram.updates = [tg_message(1, text="Hallo")]
    poll()
    row = OutboxMessage.objects.get()
    assert row.status == "failed" and row.last_error == "PermanentSendError"
    assert flush(later()).sent == 0 and len(fake_telegram.calls("sendMessage")) == 1


def test_commands_are_registered_per_language_with_localized_descriptions(db, fake_telegram):
    with TelegramClient(telegram()) as client:
        assert commands.register(client) == len(registry().codes) + 1
    calls = fake_telegram.calls("setMyCommands")
    assert [c["body"].get("language_code") for c in calls] == [None] + registry().codes
    default = calls[0]["body"]["commands"]
    assert [c["command"] for c in default] == ["start", "language", "help", "human", "delete", "bot"]
    assert default[3]["description"] == "Mit einem Menschen sprechen"
    assert default[5]["description"] == "Zurück zum Chatbot"


def test_polling_removes_a_webhook_and_registers_commands_first(db, fake_telegram):
    with TelegramClient(telegram()) as client:
        polling.prepare(client)
    assert [r["name"] for r in fake_telegram.requests][:2] == ["deleteWebhook", "setMyCommands"]

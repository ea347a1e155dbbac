"""Integration managers' replies on Telegram and WhatsApp: outbox, retries, the 24-hour window, delivery statuses."""

from datetime import datetime, timedelta, timezone

import pytest
from django.contrib.auth.models import User

from bot.channels import dedup, texts
from bot.channels.models import OutboxMessage, Recipient
from bot.handover import outbound
from bot.handover.models import TicketMessage
from bot.handover.workflow import reply
from tests.channels.conftest import (CHAT_ID, PHONE, client_ref, post_telegram, post_whatsapp, tg_message,
                                     wa_message, wa_payload, wa_status)
from tests.handover.conftest import open_ticket

REPLY = "Ich rufe Sie morgen an.\nBitte halten Sie Ihren Bescheid bereit."


def manager_user():
    return User.objects.create_user("manager-channels")


def label(language):
    return texts.say(language, texts.FROM_MANAGER)


@pytest.fixture()
def telegram_client(db, fake_rasa, telegram_webhook):
    """A client who wrote on Telegram, and their ticket."""
    post_telegram(tg_message(1, text="Ich brauche einen Menschen"))
    return open_ticket(client_ref("telegram", CHAT_ID), channel="telegram", language="uk")


@pytest.fixture()
def whatsapp_client(db, fake_rasa, fake_whatsapp):
    """A client who wrote on WhatsApp, and their ticket."""
    post_whatsapp(wa_payload([wa_message("wamid.IN", text={"body": "أريد التحدث مع شخص"})]))
    return open_ticket(client_ref("whatsapp", PHONE), channel="whatsapp", language="ar")


def test_a_reply_reaches_the_telegram_chat_marked_as_from_the_manager(telegram_client, telegram_webhook):
    message = reply(telegram_client, REPLY, manager_user())
    assert message.status == "sent"
    assert telegram_webhook.sent()[-1] == {"chat_id": CHAT_ID, "text": f"{label('uk')}\n\n{REPLY}"}


def test_a_reply_stays_queued_while_telegram_is_down_and_is_sent_once_on_retry(telegram_client, telegram_webhook):
    telegram_webhook.down = True
    message = reply(telegram_client, REPLY, manager_user())
    assert message.status == "queued" and message.last_error == "DeliveryFailed"
    assert OutboxMessage.objects.get(ticket_message=message).status == "pending"

    telegram_webhook.down = False
    OutboxMessage.objects.filter(ticket_message=message).update(next_attempt_at=None)  # the backoff has passed
    assert outbound.retry_queued() == (1, 0)
    assert outbound.retry_queued() == (0, 0)
    assert [m["text"] for m in telegram_webhook.sent()].count(f"{label('uk')}\n\n{REPLY}") == 1
    assert OutboxMessage.objects.filter(ticket_message=message).count() == 1


def test_a_client_who_never_wrote_on_the_channel_keeps_the_reply_queued(db, fake_rasa, telegram_webhook):
    message = reply(open_ticket("telegram-unknown", channel="telegram"), REPLY, manager_user())
    assert message.status == "queued" and telegram_webhook.sent() == []


def test_without_a_token_the_channel_has_no_delivery(db, fake_rasa, monkeypatch):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    message = reply(open_ticket("telegram-x", channel="telegram"), REPLY, manager_user())
    assert message.status == "queued" and message.last_error == "UnknownChannel"


def test_inside_the_window_a_reply_is_a_text_and_its_statuses_are_recorded(whatsapp_client, fake_whatsapp):
    message = reply(whatsapp_client, REPLY, manager_user())
    assert message.status == "sent"
    sent = fake_whatsapp.sent()[-1]
    assert sent["type"] == "text" and sent["text"]["body"] == f"{label('ar')}\n\n{REPLY}"
    wamid = f"wamid.TEST{fake_whatsapp.counter:06d}"  # the id the Graph API gave the reply
    stored = OutboxMessage.objects.get(ticket_message=message).external_id
    assert stored == dedup.key("whatsapp", wamid) and "wamid" not in stored  # a keyed hash, never the id

    for status, expected in [("sent", "sent"), ("delivered", "delivered"), ("read", "read"),
                             ("delivered", "read")]:  # a late "delivered" does not undo "read"
        assert post_whatsapp(wa_payload(statuses=[wa_status(wamid, status)])).status_code == 200
        message.refresh_from_db()
        assert message.status == expected


def test_a_failed_status_is_recorded_on_the_reply(whatsapp_client, fake_whatsapp):
    message = reply(whatsapp_client, REPLY, manager_user())
    wamid = f"wamid.TEST{fake_whatsapp.counter:06d}"
    post_whatsapp(wa_payload(statuses=[wa_status(wamid, "delivered"), wa_status(wamid, "failed")]))
    message.refresh_from_db()
    assert message.status == "failed"


def test_statuses_of_unknown_messages_are_ignored(db, fake_whatsapp):
    assert post_whatsapp(wa_payload(statuses=[wa_status("wamid.UNKNOWN", "read")])).status_code == 200


def _close_window(hours=25):
    Recipient.objects.filter(client_ref=client_ref("whatsapp", PHONE)).update(
        last_inbound_at=datetime.now(timezone.utc) - timedelta(hours=hours))


def test_outside_the_window_a_reply_goes_out_as_the_template(whatsapp_client, fake_whatsapp, monkeypatch):
    monkeypatch.setenv("WHATSAPP_TEMPLATE_NAME", "lotse_manager_reply")
    _close_window()
    fake_whatsapp.window_closed.add(PHONE)
    message = reply(whatsapp_client, REPLY, manager_user())
    assert message.status == "sent"
    template = fake_whatsapp.sent()[-1]
    assert template["type"] == "template"
    assert template["template"]["name"] == "lotse_manager_reply"
    assert template["template"]["language"] == {"code": "ar"}
    [parameter] = template["template"]["components"][0]["parameters"]
    assert parameter["type"] == "text" and "\n" not in parameter["text"]
    assert "Ich rufe Sie morgen an." in parameter["text"]


def test_when_whatsapp_says_the_window_closed_the_template_is_used(whatsapp_client, fake_whatsapp, monkeypatch):
    monkeypatch.setenv("WHATSAPP_TEMPLATE_NAME", "lotse_manager_reply")
    fake_whatsapp.window_closed.add(PHONE)  # our clock says open, WhatsApp says closed (error 131047)
    assert reply(whatsapp_client, REPLY, manager_user()).status == "sent"
    assert [r["body"]["type"] for r in fake_whatsapp.calls("messages")][-2:] == ["text", "template"]


def test_without_a_template_a_reply_waits_for_the_client_to_write_again(whatsapp_client, fake_whatsapp, fake_rasa):
    _close_window()
    message = reply(whatsapp_client, REPLY, manager_user())
    assert message.status == "queued"
    assert OutboxMessage.objects.get(ticket_message=message).last_error == "WindowClosed"
    before = len(fake_whatsapp.sent())

    post_whatsapp(wa_payload([wa_message("wamid.BACK", text={"body": "Hallo?"})]))  # the window opens again
    texts_sent = [m["text"]["body"] for m in fake_whatsapp.sent()[before:]]
    assert texts_sent == [f"{label('ar')}\n\n{REPLY}", "Echo: Hallo?"]  # the waiting reply first
    assert OutboxMessage.objects.get(ticket_message=message).status == "sent"

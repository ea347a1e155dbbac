"""Chat ids and phone numbers are never stored in clear or logged; manager codes cannot be forged."""

import logging

import pytest

from bot.channels import crypto
from bot.channels.codes import manager_code, manager_for
from bot.channels.models import OutboxMessage, Recipient
from tests.channels.conftest import (CHAT_ID, PHONE, client_ref, post_telegram, post_whatsapp, tg_message,
                                     wa_message, wa_payload)
from tests.channels.fakes import FakeTelegram, FakeWhatsApp


def _database_text() -> str:
    from django.db import connection

    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            dump.append(repr(cursor.fetchall()))
    return "\n".join(dump)


def test_the_database_never_holds_the_chat_id_or_phone_number_in_clear(db, fake_rasa, telegram_webhook,
                                                                       fake_whatsapp):
    post_telegram(tg_message(1, text="Hallo aus Telegram"))
    post_whatsapp(wa_payload([wa_message("wamid.P", text={"body": "Hallo aus WhatsApp"})]))
    assert Recipient.objects.count() == 2 and OutboxMessage.objects.count() == 2
    dump = _database_text()
    assert str(CHAT_ID) not in dump and PHONE not in dump
    assert "Echo: Hallo aus Telegram" not in dump  # outgoing texts are encrypted as well
    telegram = Recipient.objects.get(client_ref=client_ref("telegram", CHAT_ID))
    assert crypto.decrypt(telegram.address) == str(CHAT_ID)


def test_logs_name_neither_clients_nor_texts_nor_tokens(db, fake_rasa, telegram_webhook, fake_whatsapp, caplog):
    caplog.set_level(logging.DEBUG, logger="bot")
    caplog.set_level(logging.INFO)
    telegram_webhook.down = True  # failures are logged too
    post_telegram(tg_message(1, text="Geheimer Text"))
    post_whatsapp(wa_payload([wa_message("wamid.L", text={"body": "Geheimer Text"})]), secret="wrong")
    post_whatsapp(wa_payload([wa_message("wamid.L", text={"body": "Geheimer Text"})]))
    assert caplog.records
    for secret in (str(CHAT_ID), PHONE, "Geheimer Text", FakeTelegram.TOKEN, FakeWhatsApp.TOKEN,
                   client_ref("telegram", CHAT_ID)):
        assert secret not in caplog.text


def test_the_key_comes_from_lotse_channel_key_when_set(monkeypatch):
    token = crypto.encrypt("42")
    monkeypatch.setenv("LOTSE_CHANNEL_KEY", "another key")
    with pytest.raises(crypto.UndecryptableAddress):
        crypto.decrypt(token)
    assert crypto.decrypt(crypto.encrypt("42")) == "42"


def test_manager_codes_are_signed():
    code = manager_code(3)
    assert manager_for(code) == 3
    assert manager_for(code.replace("m3_", "m4_")) is None
    assert manager_for(code[:-1] + ("0" if code[-1] != "0" else "1")) is None


def test_manager_code_command_prints_the_code(db, capsys):
    from bot.channels.cli import manager_code as command
    from bot.directory.models import IntegrationManager

    manager = IntegrationManager.objects.filter(active=True).first()
    assert command(manager.pk) == 0
    assert capsys.readouterr().out.strip() == manager_code(manager.pk)
    assert command(999999) == 1


#: A WhatsApp message id as the Cloud API makes them: the sender's number in base64 inside.
WAMID = "wamid.HBgNNDkxNTExMjM0NTY3OBUCABIYFjNFQjBCMEE0RkY0N0U5QjM0MzQ1QjAA"


def test_delete_my_data_on_a_channel_leaves_nothing_of_the_client(db, fake_rasa, telegram_webhook, fake_whatsapp):
    import base64

    from bot import conversations

    def answer(sender, message):
        if message == "/delete_my_data":
            return [{"recipient_id": sender, "text": "Gelöscht."}, {"recipient_id": sender,
                                                                      "custom": conversations.ERASE_MARKER}]
        return [{"recipient_id": sender, "text": f"Echo: {message}"}]

    fake_rasa.answer = answer
    post_telegram(tg_message(1, text="Hallo aus Telegram"))
    post_whatsapp(wa_payload([wa_message(WAMID, text={"body": "Hallo aus WhatsApp"})]))
    post_telegram(tg_message(2, text="/delete"))
    post_whatsapp(wa_payload([wa_message(WAMID + "B", text={"body": "/delete"})]))
    typed = [m["message"] for m in fake_rasa.messages()]
    assert typed.count("/delete_my_data") == 1 and "delete" in typed  # a typed /delete on WhatsApp is words
    fake_rasa.answer = lambda sender, message: answer(sender, "/delete_my_data")  # as Rasa does after "yes"
    post_whatsapp(wa_payload([wa_message(WAMID + "C", text={"body": "ja, alles löschen"})]))

    assert Recipient.objects.count() == 0 and OutboxMessage.objects.count() == 0
    assert [b["text"]["body"] for b in fake_whatsapp.sent()][-1] == "Gelöscht."  # told before it was erased
    dump = _database_text()
    for trace in (str(CHAT_ID), PHONE, WAMID, WAMID.split(".")[1][:20], base64.b64encode(PHONE.encode()).decode()[:12],
                  client_ref("telegram", CHAT_ID), client_ref("whatsapp", PHONE), "Hallo aus"):
        assert trace not in dump, trace

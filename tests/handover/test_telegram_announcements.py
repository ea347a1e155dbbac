"""New tickets announced on Telegram to managers who linked their chat: number, urgency, link, no client data.

Against the loopback Telegram Bot API of the channel tests (tests/channels/fakes.py): the manager
links the chat by sending ``/start <code>`` to the bot, which the real long-polling round handles.
"""

import re

from django.test import TestCase

from bot.channels.models import OutboxMessage
from bot.handover.models import TelegramSubscription, Ticket
from bot.handover.notify import announce_new_ticket
from tests.handover.conftest import ARABIC_TRANSCRIPT, http_client, inbox_login, open_ticket

MANAGER_CHAT = 4455667788


def start(server, update_id: int, text: str, chat: int = MANAGER_CHAT) -> None:
    """The manager's message to the bot, fetched and handled by one real long-polling round."""
    from bot.channels import config
    from bot.channels.telegram.client import TelegramClient
    from bot.channels.telegram.polling import poll_once

    server.updates.append({"update_id": update_id, "message": {
        "message_id": update_id, "date": 1700000000, "text": text,
        "from": {"id": chat, "is_bot": False, "first_name": "Samir", "language_code": "de"},
        "chat": {"id": chat, "type": "private"}}})
    with TelegramClient(config.telegram()) as client:
        poll_once(client, None, timeout=0)


def linked_samir(server):  # type: ignore[no-untyped-def]
    """Samir's inbox client, after he linked his Telegram chat with the code the inbox shows him."""
    samir = http_client(inbox_login("samir-tg", "Samir Erfunden-Nasser"))
    page = samir.get("/inbox/benachrichtigungen/").content.decode()
    code = re.search(r"/start (n\d+_[0-9a-f]{10})", page).group(1)
    start(server, 1, f"/start {code}")
    return samir


def sent_to(server, chat: int = MANAGER_CHAT):  # type: ignore[no-untyped-def]
    return [m["text"] for m in server.sent() if m["chat_id"] == chat]


def opened(**kwargs) -> Ticket:  # type: ignore[no-untyped-def]
    """Open a ticket and run what follows its commit (the e-mail and the announcements)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return open_ticket(**kwargs)


def test_a_manager_links_the_chat_and_gets_number_urgency_and_link_only(db, fake_telegram):
    linked_samir(fake_telegram)
    assert TelegramSubscription.objects.get().manager.name == "Samir Erfunden-Nasser"
    [confirmation] = sent_to(fake_telegram)
    assert "verbunden" in confirmation and "ohne Daten der Personen" in confirmation

    ticket = opened(client_ref="web-tg-1", language="ar", transcript=ARABIC_TRANSCRIPT, intent="find_language_course",
                    entities={"course_level": "A1"})
    urgent = opened(client_ref="web-tg-2", language="fa", urgency="urgent", intent="emergency")
    assert ticket.assignee.name == urgent.assignee.name == "Samir Erfunden-Nasser"
    announcements = sent_to(fake_telegram)[1:]
    assert announcements == [
        f"Lotse: neues Ticket {ticket.reference}\nDringlichkeit: Normal\n"
        f"http://127.0.0.1:8000/inbox/tickets/{ticket.reference}/",
        f"Lotse: neues Ticket {urgent.reference}\nDringlichkeit: Dringend\n"
        f"http://127.0.0.1:8000/inbox/tickets/{urgent.reference}/"]
    for text in announcements:  # nothing about the client
        for secret in ["web-tg-", "Arabisch", "Persisch", "Tübingen", "Deutschkurs", "Notfall", "A1",
                       *[line["text"] for line in ARABIC_TRANSCRIPT]]:
            assert secret not in text


def test_only_linked_managers_concerned_are_told_pool_tickets_reach_the_districts_linked_managers(db, fake_telegram):
    linked_samir(fake_telegram)
    before = len(fake_telegram.sent())
    elifs = opened(client_ref="web-tg-3", language="tr")  # Elif's: she did not link a chat
    assert elifs.assignee.name == "Elif Musterfrau-Yıldız" and len(fake_telegram.sent()) == before
    stuttgart = opened(client_ref="web-tg-4", municipality="Stuttgart")
    assert stuttgart.district.name == "Stuttgart" and len(fake_telegram.sent()) == before
    pool = opened(client_ref="web-tg-5", language="ar")
    Ticket.objects.filter(pk=pool.pk).update(assignee=None)  # the district's pool
    assert announce_new_ticket(pool.pk) == 1
    assert sent_to(fake_telegram)[-1].startswith(f"Lotse: neues Ticket {pool.reference}\n")


def test_unlinking_in_the_inbox_stops_the_announcements(db, fake_telegram):
    samir = linked_samir(fake_telegram)
    page = samir.get("/inbox/benachrichtigungen/").content.decode()
    assert "Eingeschaltet" in page and "/start n" not in page
    response = samir.post("/inbox/benachrichtigungen/", follow=True)
    assert "Telegram-Benachrichtigungen sind ausgeschaltet." in response.content.decode()
    assert not TelegramSubscription.objects.exists()
    before = len(fake_telegram.sent())
    opened(client_ref="web-tg-6", language="ar")
    assert len(fake_telegram.sent()) == before


def test_when_telegram_is_down_the_announcement_waits_in_the_outbox(db, fake_telegram):
    from bot.channels import config
    from bot.channels.telegram import sender
    from bot.channels.telegram.client import TelegramClient

    linked_samir(fake_telegram)
    fake_telegram.down = True
    ticket = opened(client_ref="web-tg-7", language="ar")
    subscription = TelegramSubscription.objects.get()
    [pending] = OutboxMessage.objects.filter(client_ref=subscription.client_ref, status="pending")
    fake_telegram.down = False
    OutboxMessage.objects.filter(pk=pending.pk).update(next_attempt_at=None)  # due now (no backoff wait)
    with TelegramClient(config.telegram()) as client:
        assert sender.flush(client).sent == 1
    assert sent_to(fake_telegram)[-1].startswith(f"Lotse: neues Ticket {ticket.reference}\n")


def test_a_forged_or_client_code_does_not_link_a_chat(db, fake_telegram, fake_rasa):
    from bot.channels.codes import manager_code
    from bot.channels.staff import link_code
    from bot.directory.models import IntegrationManager

    samir = IntegrationManager.objects.get(name="Samir Erfunden-Nasser")
    start(fake_telegram, 1, "/start n6_0000000000")
    start(fake_telegram, 2, f"/start {manager_code(samir.pk)}")  # the code clients get: binds, never links
    start(fake_telegram, 3, f"/start {link_code(samir.pk)}".replace(f"n{samir.pk}_", "n999999_"))
    assert not TelegramSubscription.objects.exists()


def test_a_process_without_the_telegram_token_queues_the_announcement_for_the_channel(db, monkeypatch):
    """E.g. the action server: the channel's poll loop (or ``lotse channels flush``) sends it."""
    from bot.channels.staff import announce, link, link_code

    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    ticket = open_ticket(client_ref="web-tg-8", language="ar")
    assert link("telegram-chat-ref", link_code(ticket.assignee_id)) is not None
    assert announce(ticket) == 1
    [row] = OutboxMessage.objects.filter(client_ref="telegram-chat-ref")
    assert row.status == "pending" and row.channel == "telegram"

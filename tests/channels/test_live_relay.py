"""The relay during a live conversation: a paused conversation is silent on purpose, the bot-back command."""

import json

import pytest

from bot.channels import texts
from bot.channels.assistant import BotBackFailed, NoAnswer, relay
from bot.handover.models import AuditEntry, Ticket
from tests.channels.conftest import CHAT_ID, client_ref, post_telegram, web_client, tg_message
from tests.handover.conftest import open_ticket


def live_ticket(sender, channel="web"):
    """A ticket of ``sender`` in live conversation (Rasa paused, the ticket marked)."""
    from django.utils import timezone

    ticket = open_ticket(sender, channel=channel, language="uk")
    Ticket.objects.filter(pk=ticket.pk).update(live_since=timezone.now())
    return ticket


def test_a_paused_conversation_answers_nothing_without_error(db, fake_rasa):
    fake_rasa.paused.add("web-paused")
    assert relay("web-paused", "Hallo?", "de") == []
    assert [r["name"] for r in fake_rasa.requests] == ["rest", "tracker"]  # the tracker only for the empty answer


def test_silence_of_a_conversation_that_is_not_paused_is_a_fault(db, fake_rasa):
    fake_rasa.answer = lambda sender, message: []
    with pytest.raises(NoAnswer):
        relay("web-silent", "Hallo?", "de")


def test_silence_while_the_tracker_cannot_be_read_is_a_fault(db, fake_rasa):
    fake_rasa.paused.add("web-silent")
    fake_rasa.fail_next("tracker", 503, {"status": "failure"})
    with pytest.raises(NoAnswer):
        relay("web-silent", "Hallo?", "de")
    assert fake_rasa.calls("tracker")[0]["status"] == 503


def test_an_answer_does_not_read_the_tracker(db, fake_rasa):
    assert relay("web-normal", "Hallo", "de") == [{"text": "Echo: Hallo", "buttons": []}]
    assert [r["name"] for r in fake_rasa.requests] == ["rest"]


@pytest.mark.parametrize("command", ["/bot", "bot", " Lotse ", "бот", "بوت", "ቦት", "بات"])
def test_the_bot_back_command_resumes_clears_the_live_mark_and_greets(db, fake_rasa, command):
    ticket = live_ticket("web-back")
    fake_rasa.paused.add("web-back")
    assert relay("web-back", command, "uk") == [{"text": "Echo: /greet", "buttons": []}]
    assert fake_rasa.events() == [{"sender": "web-back", "event": "resume"}]
    assert fake_rasa.messages()[0]["message"] == "/greet"
    assert not Ticket.objects.get(pk=ticket.pk).is_live
    entry = AuditEntry.objects.get(ticket=ticket, action="live_ended")
    assert entry.user is None and entry.detail == "durch die Person (Befehl)"


@pytest.mark.parametrize("text", ["bot bitte", "roboter", "/bots", "ich will den bot"])
def test_other_messages_are_not_the_bot_back_command(db, fake_rasa, text):
    live_ticket("web-not-back")
    fake_rasa.paused.add("web-not-back")
    assert relay("web-not-back", text, "de") == []
    assert fake_rasa.events() == [] and Ticket.objects.get(client_ref="web-not-back").is_live


def test_when_rasa_refuses_the_resume_nothing_changes(db, fake_rasa):
    ticket = live_ticket("web-back-down")
    fake_rasa.down = True
    with pytest.raises(BotBackFailed):
        relay("web-back-down", "/bot", "de")
    assert Ticket.objects.get(pk=ticket.pk).is_live and fake_rasa.messages() == []


def test_the_web_chat_answers_an_empty_list_while_paused_and_the_bot_after_bot(db, fake_rasa):
    from bot import settings
    from bot.privacy import pseudonym

    browser = web_client()
    browser.get("/")
    csrf = {"HTTP_X_CSRFTOKEN": browser.cookies["csrftoken"].value}
    first = browser.post("/chat/api/messages", json.dumps({"text": "Hallo"}), content_type="application/json", **csrf)
    assert first.status_code == 200
    sender = pseudonym("web", browser.session["lotse_client"], settings.PSEUDONYM_KEY)
    ticket = live_ticket(sender)
    fake_rasa.paused.add(sender)
    silent = browser.post("/chat/api/messages", json.dumps({"text": "Sind Sie da?"}), content_type="application/json",
                          **csrf)
    assert silent.status_code == 200 and silent.json() == {"messages": []}
    back = browser.post("/chat/api/messages", json.dumps({"text": "bot"}), content_type="application/json", **csrf)
    assert back.status_code == 200 and back.json()["messages"][0]["text"] == "Echo: /greet"
    assert not Ticket.objects.get(pk=ticket.pk).is_live


def test_telegram_bot_command_brings_the_bot_back(db, fake_rasa, telegram_webhook):
    sender = client_ref("telegram", CHAT_ID)
    post_telegram(tg_message(1, text="Привіт"))  # the client is known to the channel
    ticket = live_ticket(sender, channel="telegram")
    fake_rasa.paused.add(sender)
    assert post_telegram(tg_message(2, text="Ви тут?")).status_code == 200
    assert len(telegram_webhook.sent()) == 1  # nothing answered while live
    assert post_telegram(tg_message(3, text="/bot")).status_code == 200
    assert fake_rasa.events()[-1] == {"sender": sender, "event": "resume"}
    assert fake_rasa.messages()[-1]["message"] == "/greet"
    assert telegram_webhook.sent()[-1]["text"] == "Echo: /greet"
    assert not Ticket.objects.get(pk=ticket.pk).is_live


def test_telegram_tells_the_client_when_the_bot_cannot_be_brought_back(db, fake_rasa, telegram_webhook):
    fake_rasa.down = True
    post_telegram(tg_message(1, text="/bot"))
    assert telegram_webhook.sent()[0]["text"] == texts.say("uk", texts.UNAVAILABLE)

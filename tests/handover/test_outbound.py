"""Replies reach the client: through Rasa's HTTP API (a loopback stand-in), queued when it is down, retried."""

from django.contrib.auth.models import User

from bot import settings
from bot.handover import outbound
from bot.handover.cli import retry
from bot.handover.models import TicketMessage
from bot.handover.workflow import reply
from bot.privacy import pseudonym
from tests.handover.conftest import open_ticket


def _manager_user():
    return User.objects.create_user("replier")


def test_a_reply_stays_queued_while_rasa_is_down_and_is_sent_on_retry(db, fake_rasa, capsys):
    ticket = open_ticket("web-retry", language="fa")
    fake_rasa.fail = True
    message = reply(ticket, "فردا با شما تماس می‌گیرم.", _manager_user())
    assert message.status == "queued" and message.attempts == 1 and message.last_error == "DeliveryFailed"
    assert message.sent_at is None
    assert fake_rasa.events.get("web-retry") is None

    fake_rasa.fail = False
    assert retry() == 0
    assert "replies sent: 1, still queued: 0" in capsys.readouterr().out
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 2 and message.sent_at is not None
    [event] = fake_rasa.events["web-retry"]
    assert event["event"] == "bot" and event["text"] == "فردا با شما تماس می‌گیرم."
    assert event["metadata"] == {"from_manager": True, "ticket": ticket.reference, "message_id": message.pk}
    assert all(r["query"]["token"] == ["test-token"] for r in fake_rasa.requests)
    assert outbound.retry_queued() == (0, 0)  # nothing is sent twice


def test_a_reply_is_queued_when_rasa_is_unreachable(db, monkeypatch):
    monkeypatch.setattr(settings, "RASA_URL", "http://127.0.0.1:9")  # the discard port: connection refused
    message = reply(open_ticket("web-unreachable"), "Hallo", _manager_user())
    assert message.status == "queued" and TicketMessage.objects.filter(status="queued", pk=message.pk).exists()


def test_channels_without_an_adapter_keep_replies_queued(db, fake_rasa):
    ticket = open_ticket("telegram-123", channel="telegram")
    message = reply(ticket, "Hallo", _manager_user())
    assert message.status == "queued" and message.last_error == "UnknownChannel"
    assert fake_rasa.requests == []


def test_adapters_plug_in_by_channel(db, monkeypatch):
    delivered = []
    monkeypatch.setitem(outbound.ADAPTERS, "whatsapp", lambda ticket, text, message_id: delivered.append(text))
    message = reply(open_ticket("whatsapp-1", channel="whatsapp"), "Hallo", _manager_user())
    assert message.status == "sent" and delivered == ["Hallo"]


def test_the_web_chat_polls_manager_replies_and_keeps_posting_messages(db, fake_rasa):
    from django.test import Client

    browser = Client(SERVER_NAME="localhost")
    assert browser.get("/chat/api/messages?after=0").json() == {"messages": [], "latest": 0.0}
    posted = browser.post("/chat/api/messages?lang=ar", {"text": "مرحبا"}, content_type="application/json")
    assert posted.status_code == 200 and posted.json()["messages"][0]["text"] == "Echo: مرحبا"
    sender = pseudonym("web", browser.session["lotse_client"], settings.PSEUDONYM_KEY)
    message = reply(open_ticket(sender, language="ar"), "سأتصل بكم غدًا.", _manager_user())

    polled = browser.get("/chat/api/messages?after=0&lang=de").json()
    assert [m["text"] for m in polled["messages"]] == ["سأتصل بكم غدًا."]
    assert polled["messages"][0]["label"] == "Integrationsmanagement" and polled["latest"] > 0
    message.refresh_from_db()
    assert message.status == "delivered"
    assert browser.get(f"/chat/api/messages?after={polled['latest']}").json()["messages"] == []
    assert browser.get("/chat/api/messages?after=gestern").status_code == 400
    fake_rasa.fail = True
    assert browser.get("/chat/api/messages?after=0").status_code == 503
    assert browser.put("/chat/api/messages").status_code == 405


def test_the_chat_page_polls_for_manager_replies(db):
    from django.test import Client

    from django.contrib.staticfiles import finders

    page = Client(SERVER_NAME="localhost").get("/?lang=ar").content.decode()
    assert "/static/web/chat.js" in page and '"/chat/api/messages"' in page  # the script and where it polls
    script = open(finders.find("web/chat.js"), encoding="utf-8").read()
    assert "get(urls.messages, {after:" in script and "setTimeout(poll, POLL_MS)" in script

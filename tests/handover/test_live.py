"""Live conversation from the inbox: pause and resume in Rasa (a loopback stand-in), scoping, Rasa down, the feed."""

import pytest

from bot.handover.models import AuditEntry, Ticket
from tests.handover.conftest import http_client, inbox_login, open_ticket

SAMIR = "Samir Erfunden-Nasser"


@pytest.fixture()
def samir(db):
    """Samir Erfunden-Nasser (Landkreis Tübingen), logged in."""
    return http_client(inbox_login("samir", SAMIR))


def samirs_ticket(client_ref, language="de", **kwargs):
    """A ticket of Landkreis Tübingen assigned to Samir."""
    from tests.handover.conftest import manager_named

    ticket = open_ticket(client_ref, language=language, **kwargs)
    Ticket.objects.filter(pk=ticket.pk).update(assignee=manager_named(SAMIR))
    return Ticket.objects.get(pk=ticket.pk)


def posted_events(fake_rasa, conversation):
    """The events appended to a conversation's tracker, in order."""
    return [r["body"] for r in fake_rasa.requests
            if r["method"] == "POST" and r["path"] == f"/conversations/{conversation}/tracker/events"]


def test_starting_pauses_the_bot_marks_the_ticket_and_tells_the_client(samir, fake_rasa):
    ticket = samirs_ticket("web-live-start", language="de")
    response = samir.post(f"/inbox/tickets/{ticket.reference}/live/start", follow=True)
    assert "Live-Gespräch gestartet" in response.content.decode()
    pause, notice = posted_events(fake_rasa, "web-live-start")
    assert pause == {"event": "pause"}
    assert all(r["query"] == {"token": ["test-token"]} for r in fake_rasa.requests)
    assert notice["event"] == "bot" and notice["metadata"]["from_manager"] is True
    assert notice["text"].startswith(f"Sie schreiben jetzt direkt mit {SAMIR}") and "„bot“" in notice["text"]
    ticket.refresh_from_db()
    assert ticket.is_live and ticket.status == "in_progress"
    assert AuditEntry.objects.filter(ticket=ticket, action="live_started").count() == 1
    page = response.content.decode()
    assert "Live-Gespräch beenden" in page and "Live-Gespräch starten" not in page


def test_the_client_is_told_the_command_word_of_their_language(samir, fake_rasa):
    ticket = samirs_ticket("web-live-uk", language="uk")
    samir.post(f"/inbox/tickets/{ticket.reference}/live/start")
    notice = posted_events(fake_rasa, "web-live-uk")[1]
    assert "«бот»" in notice["text"]  # the Ukrainian word, quoted as Ukrainian quotes


def test_ending_resumes_the_bot_clears_the_mark_and_tells_the_client(samir, fake_rasa):
    ticket = samirs_ticket("web-live-end", language="de")
    base = f"/inbox/tickets/{ticket.reference}/live"
    samir.post(f"{base}/start")
    response = samir.post(f"{base}/end", follow=True)
    assert "Live-Gespräch beendet" in response.content.decode()
    events = posted_events(fake_rasa, "web-live-end")
    assert [e["event"] for e in events] == ["pause", "bot", "resume", "bot"]
    assert events[2] == {"event": "resume"} and "antwortet Ihnen wieder der Chatbot" in events[3]["text"]
    ticket.refresh_from_db()
    assert not ticket.is_live
    assert set(AuditEntry.objects.filter(ticket=ticket).values_list("action", flat=True)) >= {"live_started",
                                                                                             "live_ended"}
    assert "Live-Gespräch starten" in response.content.decode()


def test_another_districts_ticket_is_404_for_start_end_and_feed(samir, fake_rasa):
    ticket = open_ticket("web-live-stuttgart", municipality="Stuttgart")
    base = f"/inbox/tickets/{ticket.reference}/live"
    assert samir.post(f"{base}/start").status_code == 404
    assert samir.post(f"{base}/end").status_code == 404
    assert samir.get(base).status_code == 404
    assert fake_rasa.requests == []
    assert not Ticket.objects.get(pk=ticket.pk).is_live
    assert samir.get(f"{base}/start").status_code == 405


def test_when_rasa_is_down_nothing_changes_and_the_manager_is_told(samir, fake_rasa):
    ticket = samirs_ticket("web-live-down", language="de")
    fake_rasa.fail = True
    response = samir.post(f"/inbox/tickets/{ticket.reference}/live/start", follow=True)
    error = "Der Chatbot ist gerade nicht erreichbar. Das Live-Gespräch wurde nicht gestartet"
    assert error in response.content.decode()
    ticket.refresh_from_db()
    assert not ticket.is_live and ticket.status == "new"
    assert not AuditEntry.objects.filter(ticket=ticket, action__startswith="live").exists()

    fake_rasa.fail = False
    samir.post(f"/inbox/tickets/{ticket.reference}/live/start")
    fake_rasa.fail = True
    response = samir.post(f"/inbox/tickets/{ticket.reference}/live/end", follow=True)
    assert "Das Live-Gespräch wurde nicht beendet" in response.content.decode()
    assert Ticket.objects.get(pk=ticket.pk).is_live
    feed = samir.get(f"/inbox/tickets/{ticket.reference}/live")
    assert feed.status_code == 503 and feed.json()["live"] is True


def test_a_failed_database_write_undoes_the_pause(samir, fake_rasa, monkeypatch):
    from django.db import DatabaseError

    from bot.handover import live

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(live, "record", broken)
    from django.contrib.auth.models import User

    ticket = samirs_ticket("web-live-db", language="de")
    user = User.objects.create_user("samir-2")
    with pytest.raises(DatabaseError):
        live.start(ticket, user, SAMIR)
    assert [e["event"] for e in posted_events(fake_rasa, "web-live-db")] == ["pause", "resume"]
    assert not Ticket.objects.get(pk=ticket.pk).is_live


def test_the_feed_shows_only_what_the_client_wrote_after_the_pause_and_the_replies(samir, fake_rasa):
    import requests

    from bot import settings

    ticket = samirs_ticket("web-live-feed", language="ar")
    base = f"/inbox/tickets/{ticket.reference}"
    rest = f"{settings.RASA_URL}/webhooks/rest/webhook"
    requests.post(rest, json={"sender": "web-live-feed", "message": "قبل"}, timeout=5)  # before: needs consent
    assert samir.get(f"{base}/live").json() == {"live": False, "messages": []}
    samir.post(f"{base}/live/start")
    silent = requests.post(rest, json={"sender": "web-live-feed", "message": "مرحبا، هل أنت هناك؟"}, timeout=5)
    assert silent.json() == []
    samir.post(f"{base}/reply", {"text": "نعم، أنا هنا."})

    feed = samir.get(f"{base}/live").json()
    assert feed["live"] is True
    assert [(m["sender"], m["text"]) for m in feed["messages"]] == [("client", "مرحبا، هل أنت هناك؟"),
                                                                    ("manager", "نعم، أنا هنا.")]
    page = samir.get(f"{base}/").content.decode()
    assert 'id="live" class="transcript" lang="ar" aria-live="polite"' in page and "مرحبا، هل أنت هناك؟" in page
    assert "قبل" not in page and 'class="line client" dir="auto"' in page and "/static/inbox/ticket.js" in page


def test_a_channel_without_a_rasa_conversation_cannot_go_live(samir, fake_rasa):
    ticket = samirs_ticket("sms-1", language="de")
    Ticket.objects.filter(pk=ticket.pk).update(channel="sms")
    response = samir.post(f"/inbox/tickets/{ticket.reference}/live/start", follow=True)
    assert "Auf diesem Kanal ist kein Live-Gespräch möglich." in response.content.decode()
    assert fake_rasa.requests == [] and not Ticket.objects.get(pk=ticket.pk).is_live


def test_resolving_a_live_ticket_ends_the_live_conversation_first(samir, fake_rasa):
    ticket = samirs_ticket("web-live-resolve", language="de")
    base = f"/inbox/tickets/{ticket.reference}"
    samir.post(f"{base}/live/start")
    fake_rasa.fail = True
    response = samir.post(f"{base}/status", {"status": "resolved"}, follow=True)
    assert "Der Status wurde nicht geändert." in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.is_live and ticket.status == "in_progress"
    fake_rasa.fail = False
    samir.post(f"{base}/status", {"status": "resolved"})
    ticket.refresh_from_db()
    assert not ticket.is_live and ticket.status == "resolved"
    assert [e["event"] for e in posted_events(fake_rasa, "web-live-resolve")][-2:] == ["resume", "bot"]

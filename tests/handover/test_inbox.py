"""The inbox over real HTTP requests: district isolation, the ticket workflow, canned replies, bad input."""

import pytest

from bot.handover.models import AuditEntry, Ticket, TicketMessage, TicketNote
from tests.handover.conftest import ARABIC_TRANSCRIPT, TIGRINYA_TRANSCRIPT, http_client, inbox_login, open_ticket

ACTIONS = {"claim": {}, "reply": {"text": "Hallo"}, "note": {"text": "intern"}, "status": {"status": "resolved"},
           "assign": {"manager": "1"}}


@pytest.fixture()
def samir(db):
    """Samir Erfunden-Nasser (Landkreis Tübingen, speaks ar/fa), logged in."""
    return http_client(inbox_login("samir", "Samir Erfunden-Nasser"))


@pytest.fixture()
def stuttgart_ticket(db):
    return open_ticket("web-stuttgart", municipality="Stuttgart", language="ar", transcript=ARABIC_TRANSCRIPT)


def test_the_login_page_is_german_and_the_inbox_needs_a_login(db):
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    response = client.get("/inbox/")
    assert response.status_code == 302 and response["Location"].startswith("/inbox/login/")
    page = client.get("/inbox/login/").content.decode()
    assert 'lang="de"' in page and "Anmelden" in page and "Passwort" in page
    inbox_login("elif", "Elif Musterfrau-Yıldız")
    wrong = client.post("/inbox/login/", {"username": "elif", "password": "falsch"})
    assert wrong.status_code == 200 and "Benutzername oder Passwort ist falsch" in wrong.content.decode()
    right = client.post("/inbox/login/", {"username": "elif", "password": "geheim-123"})
    assert right.status_code == 302 and right["Location"] == "/inbox/"


def test_a_user_without_an_inbox_gets_a_german_403(db):
    from django.contrib.auth.models import User

    client = http_client(User.objects.create_user("editor-only"))
    response = client.get("/inbox/")
    assert response.status_code == 403 and "Kein Zugang zum Posteingang" in response.content.decode()


def test_another_districts_ticket_is_404_for_every_view_and_action(samir, stuttgart_ticket):
    reference = stuttgart_ticket.reference
    assert samir.get(f"/inbox/tickets/{reference}/").status_code == 404
    for action, data in ACTIONS.items():
        assert samir.post(f"/inbox/tickets/{reference}/{action}", data).status_code == 404, action
    stuttgart_ticket.refresh_from_db()
    assert stuttgart_ticket.status == "new" and stuttgart_ticket.assignee.name == "Amira Beispiel-Haddad"
    assert not TicketNote.objects.filter(ticket=stuttgart_ticket).exists()
    assert not TicketMessage.objects.filter(ticket=stuttgart_ticket).exists()
    assert reference not in samir.get("/inbox/?status=all").content.decode()


def test_the_list_shows_own_tickets_and_the_district_pool_only(samir, stuttgart_ticket):
    own = open_ticket("web-own", language="ar")
    colleague = open_ticket("web-colleague", language="tr")  # Elif's
    pool = open_ticket("web-pool", language="ar")
    Ticket.objects.filter(pk=pool.pk).update(assignee=None)
    page = samir.get("/inbox/").content.decode()
    assert own.reference in page and pool.reference in page
    assert colleague.reference not in page and stuttgart_ticket.reference not in page
    assert samir.get(f"/inbox/tickets/{colleague.reference}/").status_code == 404
    coordinator = http_client(inbox_login("koordination-tue", district="Landkreis Tübingen"))
    page = coordinator.get("/inbox/").content.decode()
    assert colleague.reference in page and own.reference in page and stuttgart_ticket.reference not in page


def test_list_filters_and_bad_filter_values(samir):
    arabic = open_ticket("web-f1", language="ar")
    urgent = open_ticket("web-f2", language="fa", urgency="urgent")
    page = samir.get("/inbox/?language=fa").content.decode()
    assert urgent.reference in page and arabic.reference not in page
    page = samir.get("/inbox/?urgency=urgent&age=today").content.decode()
    assert urgent.reference in page and arabic.reference not in page
    assert arabic.reference not in samir.get("/inbox/?age=older").content.decode()
    bad = samir.get("/inbox/?status=kaputt&language=xx&age=gestern")
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Unbekannter Status." in text and "Unbekannte Sprache." in text and "Unbekannter Zeitraum." in text
    assert arabic.reference in text  # invalid filters are ignored


def test_the_ticket_view_shows_summary_and_a_right_to_left_transcript(samir):
    ticket = open_ticket("web-view", language="ar", transcript=ARABIC_TRANSCRIPT, intent="find_language_course",
                         entities={"course_level": "A1"})
    page = samir.get(f"/inbox/tickets/{ticket.reference}/").content.decode()
    assert "sucht einen Deutschkurs" in page and "Deutschniveau" in page and "Arabisch" in page
    # The lines keep their sides (the container follows the German page); each line takes its own direction.
    assert 'id="transcript" class="transcript" lang="ar">' in page
    assert page.count('dir="auto"><span class="sr-only" lang="de" dir="ltr">') == 3
    assert ARABIC_TRANSCRIPT[0]["text"] in page
    assert AuditEntry.objects.filter(ticket=ticket, action="viewed").count() == 1


def test_without_consent_the_view_says_there_is_no_transcript(samir):
    ticket = open_ticket("web-noconsent", language="ar", transcript=None)
    page = samir.get(f"/inbox/tickets/{ticket.reference}/").content.decode()
    assert "Die Person hat der Weitergabe nicht zugestimmt" in page and 'id="transcript"' not in page


def test_claim_assign_status_and_note(samir):
    ticket = open_ticket("web-flow", language="ar")
    Ticket.objects.filter(pk=ticket.pk).update(assignee=None)  # in the pool
    base = f"/inbox/tickets/{ticket.reference}"
    assert samir.post(f"{base}/claim").status_code == 302
    ticket.refresh_from_db()
    assert ticket.assignee.name == "Samir Erfunden-Nasser" and ticket.status == "in_progress"
    assert samir.post(f"{base}/status", {"status": "waiting_for_client"}).status_code == 302
    assert Ticket.objects.get(pk=ticket.pk).status == "waiting_for_client"
    assert samir.post(f"{base}/note", {"text": "Rückruf vereinbart"}).status_code == 302
    assert TicketNote.objects.get(ticket=ticket).text == "Rückruf vereinbart"
    elif_ = ticket.assignee.__class__.objects.get(name="Elif Musterfrau-Yıldız")
    response = samir.post(f"{base}/assign", {"manager": elif_.pk})
    assert response.status_code == 302 and response["Location"] == "/inbox/"  # no longer Samir's to see
    assert Ticket.objects.get(pk=ticket.pk).assignee == elif_
    actions = set(AuditEntry.objects.filter(ticket=ticket).values_list("action", flat=True))
    assert actions == {"claimed", "status_changed", "note_added", "assigned"}


def test_bad_form_input_gives_german_errors_not_500(samir):
    ticket = open_ticket("web-bad-input", language="ar")
    base = f"/inbox/tickets/{ticket.reference}"
    stuttgart_manager = ticket.assignee.__class__.objects.get(name="Amira Beispiel-Haddad")
    cases = [("assign", {"manager": stuttgart_manager.pk}, "Diese Person gehört nicht zum Kreis des Tickets."),
             ("assign", {"manager": "abc"}, "Diese Person gehört nicht zum Kreis des Tickets."),
             ("status", {"status": "gelöscht"}, "Unbekannter Status."),
             ("note", {"text": "   "}, "Bitte schreiben Sie eine Notiz."),
             ("reply", {}, "Bitte schreiben Sie eine Antwort."),
             ("reply", {"text": "x" * 5000}, "Höchstens 4096 Zeichen.")]
    for action, data, error in cases:
        response = samir.post(f"{base}/{action}", data)
        assert response.status_code == 400, action
        assert error in response.content.decode(), action
    assert samir.get(f"{base}/claim").status_code == 405
    ticket.refresh_from_db()
    assert ticket.assignee.name == "Samir Erfunden-Nasser" and ticket.status == "new"


def test_a_reply_is_delivered_to_the_web_chat(samir, fake_rasa):
    ticket = open_ticket("web-reply", language="ar")
    response = samir.post(f"/inbox/tickets/{ticket.reference}/reply", {"text": "سأتصل بك غدًا."}, follow=True)
    assert "Antwort gesendet." in response.content.decode()
    message = TicketMessage.objects.get(ticket=ticket)
    assert message.status == "sent" and message.language == "ar" and message.sent_at is not None
    ticket.refresh_from_db()
    assert ticket.first_response is not None and ticket.status == "in_progress"
    [request] = fake_rasa.requests
    assert request["method"] == "POST" and request["path"] == "/conversations/web-reply/tracker/events"
    assert request["query"] == {"token": ["test-token"]}
    assert request["body"]["event"] == "bot" and request["body"]["text"] == "سأتصل بك غدًا."
    assert request["body"]["metadata"]["from_manager"] is True
    assert request["body"]["metadata"]["ticket"] == ticket.reference


def _fake_catalog(monkeypatch):
    from bot.i18n import catalogs

    texts = {("ar", "canned|call_tomorrow"): "سأتصل بكم غدًا.",
             ("ti", "canned|call_tomorrow"): "ጽባሕ ክድውለልኩም እየ።"}
    original = catalogs.translate
    monkeypatch.setattr(catalogs, "translate",
                        lambda code, context, source: texts.get((code, context)) or original(code, context, source))


@pytest.mark.parametrize("language,text", [("ar", "سأتصل بكم غدًا."), ("ti", "ጽባሕ ክድውለልኩም እየ።")])
def test_canned_replies_are_shown_in_the_tickets_language(samir, monkeypatch, language, text):
    _fake_catalog(monkeypatch)
    ticket = open_ticket(f"web-canned-{language}", language=language, transcript=TIGRINYA_TRANSCRIPT)
    Ticket.objects.filter(pk=ticket.pk).update(assignee=None)
    page = samir.get(f"/inbox/tickets/{ticket.reference}/").content.decode()
    assert f'data-text="{text}"' in page and "Ich rufe Sie morgen an." in page
    assert f'lang="{language}"' in page
    if language == "ti":
        assert 'class="transcript ethiopic" lang="ti">' in page


def test_canned_replies_without_translation_are_marked(db):
    from bot.handover.canned import CANNED, canned_replies

    replies = canned_replies("de")
    assert [r.key for r in replies] == list(CANNED) and all(r.translated and r.text == r.german for r in replies)
    assert all(context.startswith("canned|") for context, _ in CANNED.values())

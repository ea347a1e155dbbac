"""The ticket page: local times, the note in words, the promise, sides of the conversation, the audit log."""

import re
from datetime import timedelta

import pytest

from bot.handover.models import AuditEntry
from bot.handover.times import local_datetime
from tests.handover.conftest import ARABIC_TRANSCRIPT, TIGRINYA_TRANSCRIPT, http_client, inbox_login, open_ticket
from tests.web.inbox.conftest import hours, shaped

WEEKDAY_DATE_TIME = r"(Mo|Di|Mi|Do|Fr|Sa|So) \d{1,2}\.\d{1,2}\.(\d{4})? \d{2}:\d{2}"


@pytest.fixture()
def samir(db):
    """Samir Erfunden-Nasser (Landkreis Tübingen), logged in."""
    return http_client(inbox_login("samir-ticket", "Samir Erfunden-Nasser"))


def times_of(page: str) -> list:
    """The visible texts of the transcript's ``<time>`` elements."""
    transcript = page[page.index('id="transcript"'):page.index('id="h-reply"')]
    return re.findall(r"<time [^>]*>([^<]*)</time>", transcript)


def test_transcript_times_are_local_dates_and_times_also_for_old_epoch_seconds(samir):
    ticket = open_ticket("web-t1", language="ar", transcript=ARABIC_TRANSCRIPT)
    old = [{"sender": "client", "text": "قديم", "time": "1764943981.601339"},  # as tickets stored it before
           {"sender": "bot", "text": "رد", "time": "1764943985.2"}]
    page = samir.get(f"/inbox/tickets/{ticket.reference}/").content.decode()
    assert times_of(page) == [local_datetime(line["time"]) for line in ARABIC_TRANSCRIPT]
    assert all(re.fullmatch(WEEKDAY_DATE_TIME, t) for t in times_of(page))
    shaped(ticket, transcript=old)
    page = samir.get(f"/inbox/tickets/{ticket.reference}/").content.decode()
    assert times_of(page) == ["Fr 5.12.2025 15:13", "Fr 5.12.2025 15:13"] or times_of(page) == [
        "Fr 5.12. 15:13", "Fr 5.12. 15:13"]
    assert "60133" not in page and "1764943981" not in page.replace('datetime="', "")
    assert 'datetime="2025-12-05T14:13:01+00:00"' in page


def test_the_summary_is_a_note_in_words_without_internal_names(samir):
    ticket = open_ticket("web-t2", language="ar", intent="find_language_course", transcript=ARABIC_TRANSCRIPT,
                         entities={"course_level": "A1", "course_need": "childcare"},
                         answered=["utter_ask_course_level", "utter_courses_found", "utter_course", "utter_course",
                                   "utter_offer_handover_unhelpful", "utter_ask_handover_consent",
                                   "utter_ask_handover_consent"])
    page = samir.get(f"/inbox/tickets/{ticket.reference}/").content.decode()
    note = page[page.index('id="h-summary"'):page.index('id="h-transcript"')]
    assert "Die Person schreibt auf Arabisch und sucht einen Deutschkurs." in note
    assert "<dt>Wohnort</dt><dd>Tübingen (Landkreis Tübingen)</dd>" in note
    assert "<dt>Deutschniveau</dt><dd>A1</dd>" in note and "<dt>Bedarf</dt><dd>Kinderbetreuung</dd>" in note
    assert "<li>2 Deutschkurse in Tübingen genannt</li>" in note
    assert "<li>die Weitergabe an das Integrationsmanagement angeboten</li>" in note
    assert "Der Gesprächsverlauf liegt bei" in note
    assert not re.search(r"\b[a-z]+(_[a-z0-9]+)+\b", re.sub(r"<[^>]+>", " ", note)), note


def test_the_promised_reply_time_and_whether_it_was_kept(samir):
    ticket = shaped(open_ticket("web-t3", language="ar"), reply_by=hours(5))
    page = samir.get(f"/inbox/tickets/{ticket.reference}/").content.decode()
    assert "Antwort zugesagt bis <time datetime=" in page and local_datetime(ticket.reply_by) in page
    shaped(ticket, reply_by=hours(-1))
    page = samir.get(f"/inbox/tickets/{ticket.reference}/").content.decode()
    assert '<p class="reply-by overdue" role="status">' in page and "Überfällig: Der Person wurde" in page
    shaped(ticket, first_response=hours(-2))
    page = samir.get(f"/inbox/tickets/{ticket.reference}/").content.decode()
    assert '<p class="reply-by answered" role="status">' in page and "Überfällig" not in page


@pytest.mark.parametrize("language,transcript", [("ar", ARABIC_TRANSCRIPT), ("ti", TIGRINYA_TRANSCRIPT)])
def test_every_line_takes_its_own_direction_and_the_sides_stay(db, language, transcript):
    coordinator = http_client(inbox_login("koordination-t4", district="Landkreis Tübingen"))
    ticket = open_ticket(f"web-t4-{language}", language=language, transcript=transcript)
    page = coordinator.get(f"/inbox/tickets/{ticket.reference}/").content.decode()
    assert f'id="transcript" class="transcript{" ethiopic" if language == "ti" else ""}" lang="{language}">' in page
    lines = re.findall(r'<div class="line (client|bot)" dir="auto">', page)
    assert lines == [line["sender"] for line in transcript]


def test_a_reload_within_five_minutes_is_not_a_new_audit_line(samir):
    ticket = open_ticket("web-t5", language="ar")
    for _ in range(3):
        assert samir.get(f"/inbox/tickets/{ticket.reference}/").status_code == 200
    views = AuditEntry.objects.filter(ticket=ticket, action="viewed")
    assert views.count() == 1
    views.update(at=views.get().at - timedelta(minutes=6))
    samir.get(f"/inbox/tickets/{ticket.reference}/")
    assert views.count() == 2
    coordinator = http_client(inbox_login("koordination-t5", district="Landkreis Tübingen"))
    coordinator.get(f"/inbox/tickets/{ticket.reference}/")
    coordinator.get(f"/inbox/tickets/{ticket.reference}/")
    assert views.count() == 3  # another user's view is a line of its own
    assert views.filter(user__username="koordination-t5").count() == 1


def test_the_ticket_page_has_no_inline_styles_or_scripts(samir):
    ticket = open_ticket("web-t6", language="ar", transcript=ARABIC_TRANSCRIPT)
    page = samir.get(f"/inbox/tickets/{ticket.reference}/").content.decode()
    assert " style=" not in page and "<style" not in page and "<script>" not in page
    assert '<script src="/static/inbox/ticket.js" defer></script>' in page

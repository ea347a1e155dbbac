"""The API the Rasa actions call: tickets are atomic, assigned by the rules, summarized in German."""

from datetime import timedelta

import pytest
from django.db import DatabaseError

from bot.directory.errors import UnknownManager
from bot.handover import tickets
from bot.handover.constants import IN_PROGRESS, RESOLVED
from bot.handover.errors import HandoverUnavailable
from bot.handover.models import ClientBinding, Ticket
from tests import clock
from tests.handover.conftest import ARABIC_TRANSCRIPT, manager_named, open_ticket

#: The next Monday, 10:00, on which Monday and Tuesday are working days in Baden-Württemberg.
MONDAY = clock.working_weekday(0)
MONDAY_10 = clock.at(MONDAY, 10)
TUESDAY = MONDAY + timedelta(days=1)


def test_a_ticket_is_committed_with_a_short_reference_and_returned_as_info(db):
    info = tickets.open_ticket("web-a", "web", "ar", "Tübingen", "request_handover", {}, "normal",
                               ["find_language_course"], ["utter_courses_found"], None, now=MONDAY_10)
    ticket = Ticket.objects.get(pk=info.id)
    assert info.reference == ticket.reference and len(info.reference) == 6 and info.reference.startswith("T-")
    assert info.manager_name == "Samir Erfunden-Nasser" and info.district == "Landkreis Tübingen"
    assert info.urgent is False
    # Samir's next window: Tuesday 09:00–12:00.
    assert info.expected_reply_by == clock.at(TUESDAY, 12)
    assert ticket.municipality.name == "Tübingen" and ticket.status == "new" and ticket.channel == "web"


def test_a_failure_midway_leaves_no_ticket(db, monkeypatch):
    before = Ticket.objects.count()

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(tickets, "ticket_info", broken)  # runs after the row was inserted
    with pytest.raises(HandoverUnavailable):
        open_ticket("web-atomic")
    assert Ticket.objects.count() == before
    assert not Ticket.objects.filter(client_ref="web-atomic").exists()


def test_no_transcript_without_consent(db):
    without = open_ticket("web-no-consent", transcript=None)
    assert without.consent is False and without.transcript is None
    with_consent = open_ticket("web-consent", transcript=ARABIC_TRANSCRIPT + [{"sender": "system", "text": "x"}])
    assert with_consent.consent is True
    assert [line["sender"] for line in with_consent.transcript] == ["client", "bot", "client"]
    assert with_consent.transcript[0]["text"] == ARABIC_TRANSCRIPT[0]["text"]


def test_the_manager_speaking_the_language_is_chosen_before_caseload(db):
    first = open_ticket("web-ar-1", language="ar")
    second = open_ticket("web-ar-2", language="ar")
    assert first.assignee.name == second.assignee.name == "Samir Erfunden-Nasser"
    assert open_ticket("web-tr", language="tr").assignee.name == "Elif Musterfrau-Yıldız"
    assert open_ticket("web-ru", language="ru").assignee.name == "Natalia Beispielowa"


def test_among_equal_speakers_the_lowest_open_caseload_wins(db):
    # All three Tübingen managers speak German.
    open_ticket("web-x1", language="ar")  # Samir
    open_ticket("web-x2", language="tr")  # Elif
    resolved = open_ticket("web-x3", language="ru")  # Natalia, resolved: no longer counts
    resolved.status = RESOLVED
    resolved.save()
    assert open_ticket("web-de-1", language="de").assignee.name == "Natalia Beispielowa"
    assert open_ticket("web-de-2", language="de").assignee.name != "Natalia Beispielowa"


def test_an_explicit_binding_wins_over_place_and_language(db):
    feven = manager_named("Feven Probst-Tesfaye")
    tickets.bind_client("telegram-bound", feven.id)
    ticket = open_ticket("telegram-bound", channel="telegram", language="ar", municipality="Tübingen")
    assert ticket.assignee == feven and ticket.district.name == "Landkreis Esslingen"
    assert ticket.municipality_name == "Tübingen"
    tickets.bind_client("telegram-bound", manager_named("Reza Fiktiv-Karimi").id)  # rebinding replaces
    assert ClientBinding.objects.get(client_ref="telegram-bound").manager.name == "Reza Fiktiv-Karimi"
    with pytest.raises(UnknownManager):
        tickets.bind_client("telegram-bound", 999999)


def test_a_place_nobody_serves_goes_to_the_districts_pool(db):
    ticket = open_ticket("web-kirchheim", municipality="Kirchheim unter Teck", language="ar")
    assert ticket.assignee is None and ticket.district.name == "Landkreis Esslingen"
    info = tickets.open_tickets_of("web-kirchheim", now=MONDAY_10)[0]
    assert info.manager_name is None and info.district == "Landkreis Esslingen"
    assert info.expected_reply_by == clock.at(TUESDAY, 16)  # next working day 16:00


def test_an_unknown_place_goes_to_the_statewide_pool(db):
    for place in (None, "Berlin"):
        ticket = open_ticket(f"web-nowhere-{place}", municipality=place)
        assert ticket.assignee is None and ticket.district is None
    assert Ticket.objects.get(client_ref="web-nowhere-Berlin").municipality_name == "Berlin"


def test_urgent_tickets_expect_an_answer_the_same_day(db):
    info = tickets.open_ticket("web-urgent", "web", "fa", None, "emergency", {}, "urgent", ["emergency"],
                               ["utter_emergency"], None, now=MONDAY_10)
    assert info.urgent and info.expected_reply_by == clock.at(MONDAY, 16)
    ticket = Ticket.objects.get(pk=info.id)
    assert ticket.summary_text.startswith("DRINGEND. Die Person schreibt auf Persisch und hat einen Notfall gemeldet.")
    assert ticket.reply_by == clock.at(MONDAY, 16)  # the promise is kept on the ticket


def test_the_german_summary_of_a_course_search(db):
    ticket = open_ticket("web-course", language="ar", intent="find_language_course",
                         entities={"municipality": "توبنغن", "course_level": "A1", "course_need": "childcare"},
                         asked=["greet", "find_language_course"],
                         answered=["utter_intro", "utter_ask_course_level", "utter_courses_found", "utter_course",
                                   "utter_course", "utter_course"],
                         municipality="توبنغن")
    assert ticket.summary_text == (
        "Die Person schreibt auf Arabisch und sucht einen Deutschkurs. "
        "Wohnort: Tübingen (Landkreis Tübingen); Deutschniveau: A1; Bedarf: Kinderbetreuung. "
        "Lotse hat bereits: nach dem Deutschniveau gefragt; 3 Deutschkurse in Tübingen genannt. "
        "Kein Gesprächsverlauf (nicht zur Weitergabe freigegeben).")
    assert ticket.summary["details"][0] == {"entity": "course_level", "label": "Deutschniveau", "value": "A1"}


def test_the_german_summary_of_an_office_question_handed_over(db):
    ticket = open_ticket("web-office", language="ti", intent="request_handover", municipality="Esslingen am Neckar",
                         entities={"service_type": "auslaenderbehoerde"},
                         asked=["find_service", "ask_opening_hours", "request_handover"],
                         answered=["utter_office", "utter_office_hours", "utter_default", "utter_default"],
                         transcript=[{"sender": "client", "text": "ሰላም", "time": 1764943981.6}])
    assert ticket.summary_text == (
        "Die Person schreibt auf Tigrinya und möchte persönlich beraten werden. "
        "Wohnort: Esslingen am Neckar (Landkreis Esslingen); Gesuchte Stelle: Ausländerbehörde. "
        "Außerdem gefragt: Zuständiges Amt / Beratungsstelle, Öffnungszeiten. Lotse hat bereits: die zuständige "
        "Stelle mit Adresse genannt; Öffnungszeiten genannt; eine Nachricht nicht verstanden und nachgefragt "
        "(zweimal). Der Gesprächsverlauf liegt bei.")
    assert ticket.assignee.name == "Feven Probst-Tesfaye"  # speaks Tigrinya


def test_the_german_summary_of_an_appointment_and_a_faq(db):
    from bot.content.models import FaqEntry

    title = FaqEntry.objects.get(key="wohngeld").title
    ticket = open_ticket("web-appt", language="uk", intent="book_appointment", municipality="Stuttgart",
                         entities={"appointment_purpose": "housing"},
                         answered=["utter_no_free_slots", "utter_faq/wohngeld"])
    assert "Anlass des Termins: Wohnung" in ticket.summary_text
    assert ticket.summary_text.endswith(f"Lotse hat bereits: keine freien Termine gefunden; die FAQ-Antwort "
                                        f"„{title}“ gezeigt. Kein Gesprächsverlauf (nicht zur Weitergabe freigegeben).")
    assert ticket.assignee.name == "Oleksandr Musterenko"


def test_transcript_times_are_stored_as_iso_whatever_rasa_sent(db):
    ticket = open_ticket("web-times", transcript=[{"sender": "client", "text": "a", "time": 1764943981.601339},
                                                  {"sender": "bot", "text": "b", "time": "1764943985.5"},
                                                  {"sender": "client", "text": "c",
                                                   "time": ARABIC_TRANSCRIPT[0]["time"]}])
    assert [line["time"] for line in ticket.transcript][:2] == ["2025-12-05T14:13:01+00:00",
                                                                "2025-12-05T14:13:05+00:00"]
    assert ticket.transcript[2]["time"].endswith("+00:00")


def test_open_tickets_of_a_client_and_deleting_their_data(db):
    open_ticket("web-mine", language="ar", transcript=ARABIC_TRANSCRIPT)
    done = open_ticket("web-mine", language="ar")
    done.status = RESOLVED
    done.save()
    other = open_ticket("web-someone-else")
    tickets.bind_client("web-mine", manager_named("Samir Erfunden-Nasser").id)
    assert [t.manager_name for t in tickets.open_tickets_of("web-mine")] == ["Samir Erfunden-Nasser"]
    assert tickets.delete_client_data("web-mine") == 2
    assert not Ticket.objects.filter(client_ref="web-mine").exists()
    assert not ClientBinding.objects.filter(client_ref="web-mine").exists()
    assert Ticket.objects.filter(pk=other.pk).exists() and tickets.open_tickets_of("web-mine") == []


def test_bad_arguments_are_refused(db):
    with pytest.raises(ValueError):
        tickets.open_ticket("web-bad", "fax", "de", None, "faq", {}, "normal", [], [], None)
    with pytest.raises(ValueError):
        tickets.open_ticket("web-bad", "web", "de", None, "faq", {}, "sehr", [], [], None)


def test_database_errors_become_handover_unavailable(db, monkeypatch):
    from bot.handover import assignment

    def down(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(assignment, "bound_manager", down)
    with pytest.raises(HandoverUnavailable):
        open_ticket("web-down")
    monkeypatch.setattr(Ticket.objects, "filter", down)
    with pytest.raises(HandoverUnavailable):
        tickets.open_tickets_of("web-down")


def test_claimed_tickets_count_as_caseload(db):
    ticket = open_ticket("web-claimed", language="ar")
    ticket.status = IN_PROGRESS
    ticket.save()
    from bot.handover.assignment import open_caseload

    assert open_caseload([ticket.assignee_id]) == {ticket.assignee_id: 1}

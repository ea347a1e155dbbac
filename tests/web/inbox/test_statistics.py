"""The statistics page: scoped like the ticket list, figures right, charts drawn on the server as SVG."""

import re

import pytest
from django.utils import timezone

from bot.directory.models import District
from bot.directory.opening import BERLIN
from bot.handover.models import Ticket
from bot.handover.statistics import compute
from tests.handover.conftest import http_client, inbox_login, open_ticket
from tests.web.inbox.conftest import hours, shaped


@pytest.fixture()
def tickets(db):
    """Tübingen: four tickets of three managers and the pool; Stuttgart: two Ukrainian ones, one overdue."""
    return {
        "samir_fast": shaped(open_ticket("web-s1", language="ar", intent="find_language_course"),
                             created=hours(-50), reply_by=hours(-30), first_response=hours(-48),
                             status="resolved", resolved_at=hours(-40)),
        "samir_late": shaped(open_ticket("web-s2", language="ar", intent="find_language_course"),
                             created=hours(-30), reply_by=hours(-20), first_response=hours(-26)),
        "elif": shaped(open_ticket("web-s3", language="tr", intent="faq", municipality="Mössingen"),
                       created=hours(-10), reply_by=hours(-2)),
        "pool": shaped(open_ticket("web-s4", language="fa", intent="request_handover"), assignee=None,
                       created=hours(-5), reply_by=hours(10)),
        "stuttgart": shaped(open_ticket("web-s5", language="uk", municipality="Stuttgart", intent="book_appointment"),
                            created=hours(-20), reply_by=hours(-1)),
        "stuttgart_2": shaped(open_ticket("web-s6", language="uk", municipality="Stuttgart", intent="emergency"),
                              created=hours(-2), reply_by=hours(4)),
    }


def figures(page: str) -> dict:
    """The figure cards: {what: value}."""
    return {re.sub(r"\s+", " ", what).strip(): value for value, what in re.findall(
        r'<span class="value">([^<]*)</span>\s*<span class="what">([^<]*)</span>', page)}


def test_a_coordinator_sees_the_figures_of_the_district_and_nothing_of_another(tickets):
    coordinator = http_client(inbox_login("koordination-s", district="Landkreis Tübingen"))
    response = coordinator.get("/inbox/statistik/")
    page = response.content.decode()
    assert response.status_code == 200 and "Landkreis Tübingen" in page
    numbers = figures(page)
    assert numbers["Tickets im Zeitraum"] == "4"
    # First answers after 2 h and 4 h; resolved once after 10 h; due: three, in time: two (the late one was, too).
    assert numbers["Median bis zur ersten Antwort (2 beantwortet)"] == "3 Std."
    assert numbers["Median bis zur Erledigung (1 erledigt)"] == "10 Std."
    assert numbers["in der zugesagten Zeit beantwortet (2 von 3 fälligen)"] == "67 %"
    assert numbers["jetzt überfällig (von 3 offenen)"] == "1"
    for elsewhere in ("Stuttgart", "Ukrainisch", "Termin vereinbaren", "Notfall"):
        assert elsewhere not in page, elsewhere
    assert "Arabisch" in page and "Türkisch" in page and "Persisch" in page
    assert "Sprachkurs" in page and "Mössingen" in page and "Tübingen" in page
    assert 'name="district"' not in page  # no district to choose
    page = coordinator.get(f"/inbox/statistik/?district={District.objects.get(name='Stuttgart').pk}").content.decode()
    assert "Stuttgart" not in page and figures(page)["Tickets im Zeitraum"] == "4"


def test_a_manager_sees_the_figures_of_what_the_list_shows_them(tickets):
    samir = http_client(inbox_login("samir-s", "Samir Erfunden-Nasser"))
    page = samir.get("/inbox/statistik/").content.decode()
    assert figures(page)["Tickets im Zeitraum"] == "3"  # his two and the pool's
    assert "Türkisch" not in page and "Mössingen" not in page and "Stuttgart" not in page


def test_a_statewide_user_sees_all_districts_and_can_pick_one(tickets):
    from django.contrib.auth.models import User

    state = http_client(User.objects.create_superuser("land-s", password="ein-langes-passwort-1"))
    page = state.get("/inbox/statistik/").content.decode()
    assert figures(page)["Tickets im Zeitraum"] == "6" and "Ukrainisch" in page and "Alle Kreise" in page
    stuttgart = District.objects.get(name="Stuttgart").pk
    page = state.get(f"/inbox/statistik/?district={stuttgart}").content.decode()
    assert figures(page)["Tickets im Zeitraum"] == "2" and "Arabisch" not in page and "Ukrainisch" in page
    assert figures(page)["jetzt überfällig (von 2 offenen)"] == "1"
    assert figures(state.get("/inbox/statistik/?district=pool").content.decode())["Tickets im Zeitraum"] == "0"
    assert "Unbekannter Kreis." in state.get("/inbox/statistik/?district=99999").content.decode()


def test_the_charts_are_svg_drawn_on_the_server_without_scripts_or_inline_styles(tickets):
    coordinator = http_client(inbox_login("koordination-s2", district="Landkreis Tübingen"))
    page = coordinator.get("/inbox/statistik/?period=4").content.decode()
    assert page.count('<svg class="columns"') == 1 and len(re.findall(r'<rect class="bar"', page)) >= 4
    weeks = re.findall(r"<tr><td>KW \d+</td><td>[^<]*</td><td>(\d+)</td></tr>", page)
    assert len(weeks) in (4, 5) and sum(map(int, weeks)) == 4
    languages = re.search(r'id="languages-caption".*?</ol>', page, re.S).group(0)
    assert re.findall(r'<span class="label">([^<]*)</span><span class="count">(\d+)</span>', languages) == [
        ("Arabisch", "2"), ("Persisch", "1"), ("Türkisch", "1")]
    assert " style=" not in page and "<script" not in page and "<style" not in page


def test_the_period_can_be_chosen_and_bad_input_is_reported(tickets):
    coordinator = http_client(inbox_login("koordination-s3", district="Landkreis Tübingen"))
    today = timezone.now().astimezone(BERLIN).date()
    page = coordinator.get(f"/inbox/statistik/?period=custom&start={today}&end={today}").content.decode()
    created_today = sum(1 for t in tickets.values() if t.created.astimezone(BERLIN).date() == today
                        and t.district.name == "Landkreis Tübingen")
    assert figures(page)["Tickets im Zeitraum"] == str(created_today)
    page = coordinator.get("/inbox/statistik/?period=custom&start=2026-13-45&end=gestern").content.decode()
    assert "Bitte ein Datum angeben" in page and figures(page)["Tickets im Zeitraum"] == "4"
    page = coordinator.get(f"/inbox/statistik/?period=custom&start={today}&end=2000-01-01").content.decode()
    assert "Das Ende liegt vor dem Anfang." in page


def test_the_figures_count_what_was_due(db):
    """Not yet due tickets do not count against the promise; resolving without a reply counts as handled."""
    open_ticket("web-s7", language="ar")  # due in the future, unanswered: not due
    resolved = shaped(open_ticket("web-s8", language="ar"), reply_by=hours(-1), status="resolved",
                      resolved_at=hours(-2))
    now = timezone.now()
    stats = compute(Ticket.objects.all(), now.astimezone(BERLIN).date(), now.astimezone(BERLIN).date(), now)
    assert stats.total == 2 and stats.due == 1 and stats.in_time == 1 and stats.in_time_share == 1.0
    assert stats.median_first_response is None and stats.resolutions == 1
    assert resolved.handled_at == resolved.resolved_at

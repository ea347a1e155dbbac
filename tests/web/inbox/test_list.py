"""The ticket list: the promised reply time shown, sorted and filtered; overdue tickets marked in colour and words."""

import re

import pytest

from bot.handover.times import local_datetime
from tests.handover.conftest import http_client, inbox_login, open_ticket
from tests.web.inbox.conftest import hours, shaped


@pytest.fixture()
def samir(db):
    """Samir Erfunden-Nasser (Landkreis Tübingen), logged in."""
    return http_client(inbox_login("samir-list", "Samir Erfunden-Nasser"))


@pytest.fixture()
def four(db):
    """Samir's tickets: overdue, due tomorrow, urgent due soon, answered (its promise long passed)."""
    return {
        "overdue": shaped(open_ticket("web-l1", language="ar"), created=hours(-30), reply_by=hours(-2)),
        "later": shaped(open_ticket("web-l2", language="ar"), created=hours(-1), reply_by=hours(24)),
        "urgent": shaped(open_ticket("web-l3", language="fa", urgency="urgent"), created=hours(-3),
                         reply_by=hours(3)),
        "answered": shaped(open_ticket("web-l4", language="ar"), created=hours(-50), reply_by=hours(-5),
                           first_response=hours(-20), status="in_progress"),
    }


def order_in(page: str, tickets: dict) -> list:
    """The names of ``tickets`` in the order their references appear on the page."""
    return sorted(tickets, key=lambda name: page.index(tickets[name].reference))


def row_of(page: str, reference: str) -> str:
    """The list row (``<tr>…</tr>``) of one ticket."""
    return re.search(rf'<tr class="[^"]*">\s*<td class="ref"><a href="/inbox/tickets/{reference}/">.*?</tr>', page,
                     re.S).group(0)


def test_the_reply_time_is_shown_in_local_time_and_overdue_tickets_are_marked_in_words(samir, four):
    page = samir.get("/inbox/").content.decode()
    for ticket in four.values():
        assert local_datetime(ticket.reply_by) in page
    overdue = row_of(page, four["overdue"].reference)
    assert 'class=" overdue"' in overdue and '<span class="badge overdue">Überfällig</span>' in overdue
    for name in ("later", "urgent", "answered"):
        assert "Überfällig" not in row_of(page, four[name].reference)
    assert "beantwortet" in row_of(page, four["answered"].reference)
    assert '<span class="overdue-count" role="status">1 überfällig</span>' in page
    assert re.search(r"(Mo|Di|Mi|Do|Fr|Sa|So) \d{1,2}\.\d{1,2}\.(\d{4})? \d{2}:\d{2}", overdue)


def test_urgent_first_then_unanswered_by_reply_time_then_the_answered(samir, four):
    page = samir.get("/inbox/").content.decode()
    assert order_in(page, four) == ["urgent", "overdue", "later", "answered"]
    page = samir.get("/inbox/?order=reply_by").content.decode()
    assert order_in(page, four) == ["answered", "overdue", "urgent", "later"]
    page = samir.get("/inbox/?order=newest").content.decode()
    assert order_in(page, four) == ["later", "urgent", "overdue", "answered"]


def test_filter_by_reply_time(samir, four):
    page = samir.get("/inbox/?due=overdue").content.decode()
    assert four["overdue"].reference in page
    assert all(four[n].reference not in page for n in ("later", "urgent", "answered"))
    page = samir.get("/inbox/?due=answered").content.decode()
    assert four["answered"].reference in page and four["overdue"].reference not in page
    page = samir.get("/inbox/?due=kaputt&order=seitwaerts").content.decode()
    assert "Unbekannte Antwortfrist." in page and "Unbekannte Sortierung." in page
    assert all(t.reference in page for t in four.values())  # invalid filters are ignored


def test_a_resolved_ticket_is_never_overdue(samir):
    ticket = shaped(open_ticket("web-l5", language="ar"), reply_by=hours(-3), status="resolved",
                    resolved_at=hours(-1))
    page = samir.get("/inbox/?status=all").content.decode()
    assert "Überfällig" not in row_of(page, ticket.reference)
    assert ticket.reference not in samir.get("/inbox/?status=all&due=overdue").content.decode()


def test_the_list_has_no_inline_styles_or_scripts(samir, four):
    page = samir.get("/inbox/").content.decode()
    assert " style=" not in page and "<style" not in page and "<script>" not in page
    assert '<link rel="stylesheet" href="/static/inbox/inbox.css">' in page

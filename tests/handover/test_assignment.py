"""Assignment by language: a speaker of the client's language in the district, else "Dolmetscher nötig"."""

from html.parser import HTMLParser
from typing import List, Optional, Tuple

from bot.handover import tickets
from bot.handover.assignment import interpreter_needed
from bot.handover.models import Ticket
from tests.handover.conftest import TIGRINYA_TRANSCRIPT, http_client, inbox_login, manager_named, open_ticket


def test_a_tigrinya_speaker_serving_the_place_gets_the_ticket(db):
    ticket = open_ticket("web-ti-1", municipality="Filderstadt", language="ti")
    assert ticket.assignee.name == "Feven Probst-Tesfaye" and not interpreter_needed(ticket)


def test_a_tigrinya_speaker_of_the_district_is_chosen_over_a_colleague_serving_the_place(db):
    # Nürtingen is Reza's (Persian); Feven speaks Tigrinya in the same district.
    ticket = open_ticket("web-ti-2", municipality="Nürtingen", language="ti")
    assert ticket.assignee.name == "Feven Probst-Tesfaye" and not interpreter_needed(ticket)
    assert open_ticket("web-fa-2", municipality="Nürtingen", language="fa").assignee.name == "Reza Fiktiv-Karimi"


def test_without_a_speaker_in_the_district_the_ticket_says_an_interpreter_is_needed(db):
    ticket = open_ticket("web-ti-3", municipality="Tübingen", language="ti", transcript=TIGRINYA_TRANSCRIPT)
    assert ticket.assignee.district.name == "Landkreis Tübingen" and interpreter_needed(ticket)
    samir = http_client(inbox_login("samir-ti", "Samir Erfunden-Nasser"))
    Ticket.objects.filter(pk=ticket.pk).update(assignee=manager_named("Samir Erfunden-Nasser"))
    assert "Dolmetscher nötig: Tigrinya" in samir.get(f"/inbox/tickets/{ticket.reference}/").content.decode()
    assert "Dolmetscher nötig: Tigrinya" in samir.get("/inbox/").content.decode()


def test_german_needs_no_interpreter_and_every_manager_speaks_it(db):
    from bot.directory.models import IntegrationManager

    IntegrationManager.objects.filter(name="Samir Erfunden-Nasser").update(languages=["ar", "fa"])  # no "de" listed
    ticket = open_ticket("web-de-x", municipality="Tübingen", language="de")
    assert not interpreter_needed(ticket)


def test_a_bound_manager_keeps_the_client_and_the_ticket_asks_for_an_interpreter(db):
    tickets.bind_client("web-bound-ti", manager_named("Samir Erfunden-Nasser").id)
    ticket = open_ticket("web-bound-ti", municipality="Tübingen", language="ti")
    assert ticket.assignee.name == "Samir Erfunden-Nasser" and interpreter_needed(ticket)


def test_a_place_nobody_serves_goes_to_a_speaker_of_the_district_else_to_the_pool(db):
    # Nobody serves Kirchheim unter Teck (Landkreis Esslingen); Feven speaks Tigrinya there, nobody Arabic.
    tigrinya = open_ticket("web-pool-ti", municipality="Kirchheim unter Teck", language="ti")
    arabic = open_ticket("web-pool-ar", municipality="Kirchheim unter Teck", language="ar")
    german = open_ticket("web-pool-de", municipality="Kirchheim unter Teck", language="de")
    assert tigrinya.assignee.name == "Feven Probst-Tesfaye"
    assert arabic.assignee is None and german.assignee is None
    assert interpreter_needed(arabic) and not interpreter_needed(german)
    Ticket.objects.filter(pk=tigrinya.pk).update(assignee=None)  # a Tigrinya ticket in the pool
    assert not interpreter_needed(Ticket.objects.get(pk=tigrinya.pk))
    coordinator = http_client(inbox_login("koordination-es", district="Landkreis Esslingen"))
    page = coordinator.get("/inbox/").content.decode()
    assert page.count("Dolmetscher nötig: Arabisch") == 1 and "Dolmetscher nötig: Tigrinya" not in page


class _FormFields(HTMLParser):
    """The values a browser would submit with the page's main form (inputs, checked boxes, selections, texts)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: List[Tuple[str, str]] = []
        self._select: Optional[str] = None
        self._textarea: Optional[str] = None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.data.append((a["name"], a.get("value") or ("on" if a.get("type") == "checkbox" else "")))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.data.append((self._textarea, ""))

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._textarea:
            name, text = self.data.pop()
            self.data.append((name, text + data))


def test_languages_are_edited_in_the_admin(db):
    """A superuser ticks the languages a manager speaks in the directory's admin; the next ticket follows them."""
    from django.contrib.auth.models import User

    admin = http_client(User.objects.create_superuser("admin-lang", password="ein-langes-passwort-1"))
    samir = manager_named("Samir Erfunden-Nasser")
    url = f"/admin/directory/integrationmanager/{samir.pk}/change/"
    page = admin.get(url).content.decode()
    assert 'type="checkbox" name="languages" value="ti"' in page and "Tigrinya" in page
    fields = _FormFields()
    fields.feed(page)
    data = [(k, v) for k, v in fields.data if k != "languages"] + [("languages", c) for c in ("ar", "fa", "ti")]
    response = admin.post(url, {k: [v for key, v in data if key == k] for k, _ in data})
    assert response.status_code == 302, response.content.decode()[:2000]
    samir.refresh_from_db()
    assert samir.languages == ["ar", "fa", "ti"]
    ticket = open_ticket("web-ti-after", municipality="Rottenburg am Neckar", language="ti")
    assert ticket.assignee == samir and not interpreter_needed(ticket)

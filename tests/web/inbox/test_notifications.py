"""The notification settings: the Telegram link code for managers, nothing to link for coordinators."""

import re

from bot.channels.staff import link_code, manager_of
from tests.handover.conftest import http_client, inbox_login, manager_named


def test_a_manager_sees_their_own_link_code_and_the_nav_offers_the_page(db):
    samir = http_client(inbox_login("samir-n", "Samir Erfunden-Nasser"))
    page = samir.get("/inbox/benachrichtigungen/").content.decode()
    code = re.search(r"/start (n\d+_[0-9a-f]{10})", page).group(1)
    assert code == link_code(manager_named("Samir Erfunden-Nasser").pk) and manager_of(code) is not None
    assert 'href="/inbox/benachrichtigungen/" aria-current="page"' in page
    assert " style=" not in page and "<script" not in page


def test_a_coordinator_has_no_chat_to_link(db):
    coordinator = http_client(inbox_login("koordination-n", district="Landkreis Tübingen"))
    page = coordinator.get("/inbox/benachrichtigungen/").content.decode()
    assert "für Integrationsmanager/innen mit eigenem Profil" in page and "/start n" not in page
    assert 'href="/inbox/benachrichtigungen/"' not in coordinator.get("/inbox/").content.decode()
    assert coordinator.post("/inbox/benachrichtigungen/").status_code == 302  # nothing to unlink, no error

"""Guessing passwords: after five failures a user name is locked for 15 minutes, in the inbox and the admin."""

import pytest
from django.core.cache import cache
from django.test import Client

from bot.web.throttle import LOCKED
from tests.handover.conftest import inbox_login


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("url", ["/inbox/login/", "/admin/login/"])
def test_five_wrong_passwords_lock_the_name_even_for_the_right_one(db, url):
    user = inbox_login("elif", "Elif Musterfrau-Yıldız", password="richtiges-passwort-123")
    user.is_staff = True
    user.save()
    browser = Client(SERVER_NAME="localhost")
    for _ in range(5):
        wrong = browser.post(url, {"username": "elif", "password": "falsch"})
        assert wrong.status_code == 200 and LOCKED not in wrong.content.decode()
    locked = browser.post(url, {"username": "elif", "password": "richtiges-passwort-123"})
    assert locked.status_code == 200 and LOCKED in locked.content.decode()
    assert "_auth_user_id" not in browser.session

    other = inbox_login("samir", "Samir Erfunden-Nasser", password="anderes-passwort-456")
    assert Client(SERVER_NAME="localhost").post("/inbox/login/", {"username": other.username,
                                                                  "password": "anderes-passwort-456"}).status_code == 302

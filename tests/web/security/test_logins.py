"""Logins of staff: throttled atomically in a fixed window, per name with address; strong passwords; sessions
that end on the server; inbox access locked to superusers."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory

from bot.web import throttle
from bot.web.security.models import LoginCounter
from django.conf import settings

PASSWORD = "ein-langes-richtiges-passwort-7"


def staff(username: str) -> User:
    return User.objects.create_user(username, password=PASSWORD, is_staff=True)


def attempt(address: str = "10.0.0.1", username: str = "elif") -> bool:
    request = RequestFactory().post("/inbox/login/", REMOTE_ADDR=address)
    return throttle.take_attempt(request, username)


def test_thirty_parallel_wrong_passwords_let_at_most_five_through(committed_db):
    """Each attempt is counted before its password is checked, with one atomic UPDATE: no race lets more in."""
    user = staff("parallel")
    LoginCounter.objects.all().delete()
    outcomes = []
    start = threading.Barrier(30)

    def guess():
        from django.db import connection

        browser = Client(SERVER_NAME="localhost", REMOTE_ADDR="10.9.9.9")
        start.wait()
        page = browser.post("/inbox/login/", {"username": "parallel", "password": "falsch"}).content.decode()
        outcomes.append(throttle.LOCKED not in page)
        connection.close()

    threads = [threading.Thread(target=guess) for _ in range(30)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert len(outcomes) == 30
        assert sum(outcomes) <= throttle.MAX_FAILURES  # at most five passwords were checked
        assert sum(outcomes) >= 1
    finally:
        user.delete()
        LoginCounter.objects.all().delete()


def test_the_lock_lasts_the_full_fifteen_minutes_from_the_first_attempt(db):
    start = datetime(2030, 1, 7, 9, 0, tzinfo=timezone.utc)
    request = RequestFactory().post("/inbox/login/", REMOTE_ADDR="10.0.0.2")
    for minute in range(throttle.MAX_FAILURES):
        assert throttle.take_attempt(request, "elif", now=start + timedelta(minutes=minute))
    for minutes in (5, 10, 14.9):  # attempts while locked do not move the window
        assert not throttle.take_attempt(request, "elif", now=start + timedelta(minutes=minutes))
    assert throttle.take_attempt(request, "elif", now=start + timedelta(minutes=15, seconds=1))


def test_a_name_is_counted_with_its_address_so_others_cannot_lock_it_out(db):
    for _ in range(throttle.MAX_FAILURES):
        assert attempt("10.0.0.66")
    assert not attempt("10.0.0.66")  # the guessing address is locked for this name
    assert attempt("10.0.0.7")  # the real user at the office is not
    assert attempt("10.0.0.66", username="samir")  # and other names from that address still count on their own


def test_behind_the_proxy_each_client_address_is_counted_apart(db):
    def through_proxy(client: str) -> bool:
        request = RequestFactory().post("/inbox/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=client)
        return throttle.take_attempt(request, "elif")

    for _ in range(throttle.MAX_FAILURES):
        assert through_proxy("198.51.100.9")
    assert not through_proxy("198.51.100.9")  # the guessing client is locked
    assert through_proxy("203.0.113.5")  # the real user, through the same proxy, is not


def test_one_address_gets_twenty_attempts_for_any_names(db):
    for number in range(throttle.MAX_ADDRESS_FAILURES):
        assert attempt("10.0.0.8", username=f"name{number}")
    assert not attempt("10.0.0.8", username="another")


def test_a_successful_login_does_not_count(db):
    staff("elif")
    browser = Client(SERVER_NAME="localhost")
    for _ in range(throttle.MAX_FAILURES + 3):
        assert browser.post("/admin/login/", {"username": "elif", "password": PASSWORD}).status_code == 302
        browser.logout()


@pytest.mark.parametrize("password", ["1", "12345678", "passwort", "elif-elif"])
def test_weak_passwords_are_refused(db, password):
    from django.contrib.auth.password_validation import validate_password

    with pytest.raises(ValidationError):
        validate_password(password, User(username="elif-elif"))


def test_the_admin_refuses_a_password_of_one_character(db):
    root = User.objects.create_superuser("root-pw", "root@example.org", PASSWORD)
    browser = Client(SERVER_NAME="localhost")
    browser.force_login(root)
    page = browser.post("/admin/auth/user/add/", {"username": "neu", "password1": "1", "password2": "1",
                                                  "usable_password": "true"})
    assert page.status_code == 200 and not User.objects.filter(username="neu").exists()


def test_logging_out_ends_the_session_on_the_server(db):
    staff("elif")
    browser = Client(SERVER_NAME="localhost")
    assert browser.post("/admin/login/", {"username": "elif", "password": PASSWORD}).status_code == 302
    stolen = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert browser.get("/admin/").status_code == 200
    browser.post("/admin/logout/")
    thief = Client(SERVER_NAME="localhost")
    thief.cookies[settings.SESSION_COOKIE_NAME] = stolen
    response = thief.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("action", ["add", "change", "delete", "view"])
def test_only_superusers_may_manage_inbox_access_whatever_an_editor_was_given(db, action):
    from bot.handover.models import InboxUser

    editor = staff("editor-all-rights")
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="handover"))
    browser = Client(SERVER_NAME="localhost")
    browser.force_login(editor)
    target = InboxUser.objects.create(user=staff("samir"), district_id=1)
    url = {"add": "/admin/handover/inboxuser/add/", "change": f"/admin/handover/inboxuser/{target.pk}/change/",
           "delete": f"/admin/handover/inboxuser/{target.pk}/delete/", "view": "/admin/handover/inboxuser/"}[action]
    assert browser.get(url).status_code == 403
    if action == "add":
        assert browser.post(url, {"user": editor.pk, "district": 1}).status_code == 403
        assert not InboxUser.objects.filter(user=editor).exists()
    root = Client(SERVER_NAME="localhost")
    root.force_login(User.objects.create_superuser("root-inbox", "r@example.org", PASSWORD))
    assert root.get(url).status_code == 200

"""Web chat tests: Django's test client through the real URLconf and middleware, Rasa as a loopback stand-in."""

from __future__ import annotations

import json
from typing import Any, Iterator

import pytest
from django.core.cache import cache

from tests.channels.conftest import fake_rasa, web_client  # noqa: F401 - the shared Rasa stand-in
from tests.directory.conftest import db, directory_db  # noqa: F401, F811 - the shared database fixtures


@pytest.fixture(autouse=True)
def fresh_counters() -> Iterator[None]:
    """Rate-limit counters of one test do not leak into the next."""
    cache.clear()
    yield
    cache.clear()


def open_page(query: str = "", **defaults: Any):  # type: ignore[no-untyped-def]
    """A browser that opened the chat page (which sets the CSRF cookie); CSRF checks are on."""
    from django.test import Client

    browser = Client(SERVER_NAME="localhost", enforce_csrf_checks=True, **defaults)
    assert browser.get(f"/{query}").status_code == 200
    return browser


@pytest.fixture()
def browser(db):  # type: ignore[no-untyped-def] # noqa: F811 - the database fixture
    """A browser on the German chat page."""
    return open_page()


def post_raw(browser, body: bytes, query: str = "", content_type: str = "application/json",
             **extra: Any):  # type: ignore[no-untyped-def]
    """POST ``body`` as it is to the message API, with the CSRF token as the page sends it."""
    return browser.post(f"/chat/api/messages{query}", body, content_type=content_type,
                        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value, **extra)


def say(browser, text: Any, query: str = "", **extra: Any):  # type: ignore[no-untyped-def]
    """POST ``{"text": text}`` as the page does."""
    return post_raw(browser, json.dumps({"text": text}).encode(), query, **extra)

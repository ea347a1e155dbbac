"""Content tests: on the directory tests' databases (SQLite, and PostgreSQL when configured).

The database fixtures are those of ``tests/directory/conftest.py`` (imported, not copied); the
migrations load the initial FAQ content. Here: users with roles and a small FAQ entry of our own.
"""

from __future__ import annotations

from typing import Dict, Iterable

import pytest

from tests.directory.conftest import committed_db, db, directory_db  # noqa: F401 - the shared database fixtures

#: German text of the test entry (version 1).
GERMAN = "Der Kurs ist kostenlos."
#: Translations of the test entry, each version 1, written for German version 1.
TRANSLATIONS = {"en": "The course is free.", "ar": "الدورة مجانية.", "uk": "Курс безкоштовний."}


def make_user(username: str, groups: Iterable[str] = (), superuser: bool = False):  # type: ignore[no-untyped-def]
    """A staff user in the named groups (created when missing)."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password="geheim-123", is_staff=True, is_superuser=superuser)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


@pytest.fixture()
def entry(db):  # type: ignore[no-untyped-def]  # noqa: F811 - the shared fixture
    """A test FAQ entry with German, English, Arabic and Ukrainian texts, all unreviewed at version 1."""
    from bot.content.models import FaqEntry

    entry = FaqEntry.objects.create(key="test_kurs", topic="Sprachkurse")
    add_text(entry, "de", GERMAN, "ist der kurs kostenlos\nwas kostet der kurs")
    for code, answer in TRANSLATIONS.items():
        add_text(entry, code, answer, "", source_version=1)
    return entry


def add_text(entry, language: str, answer: str, examples: str = "",  # type: ignore[no-untyped-def]
             source_version: int = 0, state: str = "unreviewed"):
    """A text at version 1 with its first revision, written directly (as the initial content is)."""
    from bot.content.models import FaqRevision, FaqText

    text = FaqText.objects.create(entry=entry, language=language, answer=answer, examples=examples, state=state,
                                  version=1, source_version=source_version)
    FaqRevision.objects.create(text=text, version=1, answer=answer, examples=examples, state=state, note="Erstinhalt")
    return text


def texts(entry) -> Dict[str, object]:  # type: ignore[no-untyped-def]
    """The entry's texts by language, fresh from the database."""
    return {text.language: text for text in entry.texts.all()}


def staff_client(user=None, csrf: bool = False):  # type: ignore[no-untyped-def]
    """A django.test.Client (real URLconf and middleware), logged in as ``user`` when given."""
    from django.test import Client

    client = Client(SERVER_NAME="localhost", enforce_csrf_checks=csrf)
    if user is not None:
        client.force_login(user)
    return client

"""Login throttling for the inbox and the admin.

Every login attempt is counted before its password is checked, in a fixed window of
:data:`WINDOW` (15 minutes from the first attempt): at most :data:`MAX_FAILURES` attempts for one
user name from one address, and :data:`MAX_ADDRESS_FAILURES` from one address for any names (an
office may share one address), :data:`MAX_NAME_FAILURES` for one user name from anywhere (against
guessing from many addresses). An attempt over a limit is refused, even with the right password,
until that window has passed; a successful login does not count.

The counters are rows of :class:`bot.web.security.models.LoginCounter` in the bot's database,
changed only by single conditional ``UPDATE`` statements (``count = count + 1 WHERE count < limit``),
so parallel attempts (several web workers and threads) cannot pass the limit together; keys are
hashes of the name and the address. The address is the client's also behind a trusted reverse proxy
(:func:`login_address`). django-axes was not taken: it checks the lock and records the
failure in two steps, so parallel wrong passwords all get through before the first is counted.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from typing import List, Optional, Tuple

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.db import IntegrityError
from django.db.models import F
from django.http import HttpRequest

from bot.web.security.models import LoginCounter

MAX_FAILURES = 5
MAX_ADDRESS_FAILURES = 20
MAX_NAME_FAILURES = 50
WINDOW = timedelta(minutes=15)
LOCKED = "Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut."


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:64]


def login_address(request: Optional[HttpRequest]) -> str:
    """The address an attempt is counted for: the client's, also behind a trusted reverse proxy
    (``LOTSE_TRUSTED_PROXIES``, the last address it appended to ``X-Forwarded-For``), so that the
    proxy's own address does not lock every user out together."""
    from bot.web.rate_limit import client_address

    if request is None:
        return "-"
    return client_address(request.META) or str(request.META.get("REMOTE_ADDR") or "-")


def keys(request: Optional[HttpRequest], username: str) -> List[Tuple[str, int]]:
    """The counters of an attempt and their limits: address, name, name with address."""
    name = username.strip().casefold()
    address = login_address(request)
    return [(_hash("address", address), MAX_ADDRESS_FAILURES), (_hash("name", name), MAX_NAME_FAILURES),
            (_hash("pair", name, address), MAX_FAILURES)]


def _take(key: str, limit: int, now: datetime) -> bool:
    """Count one attempt on ``key`` unless its window is full; True when counted."""
    LoginCounter.objects.filter(key=key, started__lte=now - WINDOW).update(started=now, count=0)
    if LoginCounter.objects.filter(key=key, count__lt=limit).update(count=F("count") + 1):
        return True
    if LoginCounter.objects.filter(key=key).exists():
        return False
    try:
        LoginCounter.objects.create(key=key, started=now, count=1)
        return True
    except IntegrityError:  # created by a parallel attempt meanwhile: count on it
        return bool(LoginCounter.objects.filter(key=key, count__lt=limit).update(count=F("count") + 1))


def _give_back(key: str) -> None:
    LoginCounter.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)


def take_attempt(request: Optional[HttpRequest], username: str, now: Optional[datetime] = None) -> bool:
    """Count one login attempt; False (and nothing counted) when a limit is reached: refuse the login."""
    now = now or datetime.now(timezone.utc)
    taken: List[str] = []
    for key, limit in keys(request, username):
        if not _take(key, limit, now):
            for earlier in taken:
                _give_back(earlier)
            return False
        taken.append(key)
    return True


def succeeded(request: Optional[HttpRequest], username: str) -> None:
    """A login with the right password does not count against the limits."""
    for key, _ in keys(request, username):
        _give_back(key)


def is_locked(request: Optional[HttpRequest], username: str, now: Optional[datetime] = None) -> bool:
    """Whether an attempt for ``username`` from this address would be refused right now (counts nothing)."""
    now = now or datetime.now(timezone.utc)
    return any(LoginCounter.objects.filter(key=key, started__gt=now - WINDOW, count__gte=limit).exists()
               for key, limit in keys(request, username))


class ThrottledLogin:
    """Counts each attempt first and refuses it over a limit (mixed into Django's login forms)."""

    def clean(self):  # type: ignore[no-untyped-def]
        """Count the attempt, then check the credentials."""
        username = str(self.data.get("username") or "")[:150]
        if not take_attempt(self.request, username):
            raise forms.ValidationError(LOCKED, code="throttled")
        cleaned = super().clean()
        succeeded(self.request, username)
        return cleaned


class ThrottledAuthenticationForm(ThrottledLogin, AuthenticationForm):
    """The inbox's login form."""


class ThrottledAdminAuthenticationForm(ThrottledLogin, AdminAuthenticationForm):
    """The admin's login form."""

"""Login throttling for the inbox and the admin.

After ``MAX_FAILURES`` failed logins for one user name within ``WINDOW`` seconds, further attempts
for that name are refused until the window has passed, even with the right password; one address
gets ``MAX_ADDRESS_FAILURES`` (higher, since an office may share one address). The counters live
in Django's cache (a file cache in ``var/``, shared by the web workers of one machine).
"""

from __future__ import annotations

import hashlib
from typing import List

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.http import HttpRequest

MAX_FAILURES = 5
MAX_ADDRESS_FAILURES = 20
WINDOW = 15 * 60
LOCKED = "Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut."


def _keys(request: HttpRequest, username: str) -> List[tuple]:
    name = hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]
    address = (request.META.get("REMOTE_ADDR") or "-") if request else "-"
    return [(f"login-failures:user:{name}", MAX_FAILURES), (f"login-failures:addr:{address}", MAX_ADDRESS_FAILURES)]


def is_locked(request: HttpRequest, username: str) -> bool:
    """Whether logins for ``username`` (or from this address) are refused right now."""
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(request, username))


def record_failure(request: HttpRequest, username: str) -> None:
    """Count one failed login for the name and the address."""
    for key, _ in _keys(request, username):
        if not cache.add(key, 1, WINDOW):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, WINDOW)


class ThrottledLogin:
    """Refuses a login while throttled; counts failures (mixed into Django's login forms)."""

    def clean(self):  # type: ignore[no-untyped-def]
        """Check the throttle first, then the credentials."""
        username = self.data.get("username") or ""
        if is_locked(self.request, username):
            raise forms.ValidationError(LOCKED, code="throttled")
        try:
            return super().clean()
        except forms.ValidationError:
            record_failure(self.request, username)
            raise


class ThrottledAuthenticationForm(ThrottledLogin, AuthenticationForm):
    """The inbox's login form."""


class ThrottledAdminAuthenticationForm(ThrottledLogin, AdminAuthenticationForm):
    """The admin's login form."""

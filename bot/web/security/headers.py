"""Security headers on every response of the web process.

- ``Content-Security-Policy``: scripts, styles, images, fonts and requests only from this origin,
  no inline scripts or styles, no plugins, no framing (:data:`POLICY`);
- ``Cache-Control: no-store`` on the staff pages (inbox, FAQ editor, admin): tickets and
  conversations must not stay in a browser's or a proxy's cache;
- ``Permissions-Policy``: no camera, microphone, geolocation or payment.

Django's ``SecurityMiddleware`` adds HSTS, the HTTPS redirect, ``X-Content-Type-Options`` and the
referrer policy (see ``bot/web/settings.py``).
"""

from __future__ import annotations

from typing import Callable

from django.http import HttpRequest, HttpResponse

#: The Content-Security-Policy of every page.
POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
    "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
])
#: What the pages may not use.
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
#: Paths of the staff pages, never cached.
PRIVATE_PREFIXES = ("/inbox/", "/content/", "/admin/")


class SecurityHeadersMiddleware:
    """Adds the headers above to each response (unless a view set its own)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        if request.path.startswith(PRIVATE_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
        return response

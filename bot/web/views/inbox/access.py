"""Who may use the inbox, and finding a ticket the user may see."""

from __future__ import annotations

import functools
from typing import Any, Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from bot.handover.models import Ticket
from bot.handover.scoping import may_use_inbox, visible_tickets


def inbox_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged-in users with an inbox only: others go to the login page or get a 403 page."""
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_use_inbox(request.user):
            return render(request, "inbox/no_access.html", status=403)
        return view(request, *args, **kwargs)
    return wrapper


def visible_ticket(request: HttpRequest, reference: str) -> Ticket:
    """The ticket with this reference if the user may see it, else 404."""
    return get_object_or_404(visible_tickets(request.user), reference=reference)

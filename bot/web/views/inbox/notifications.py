"""The manager's notification settings: link a Telegram chat for new-ticket announcements, or unlink it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from bot.channels import config
from bot.channels.staff import link_code
from bot.handover.models import TelegramSubscription
from bot.handover.scoping import inbox_user
from bot.web.views.inbox.access import inbox_required


@require_http_methods(["GET", "POST"])
@inbox_required
def notifications_page(request: HttpRequest) -> HttpResponse:
    """GET: the Telegram status and, when unlinked, the code to send the bot; POST: unlink."""
    link = inbox_user(request.user)
    manager = link.manager if link is not None else None
    subscription = TelegramSubscription.objects.filter(manager=manager).first() if manager else None
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
            messages.success(request, "Telegram-Benachrichtigungen sind ausgeschaltet.")
        return redirect("inbox:notifications")
    return render(request, "inbox/notifications.html", {
        "link": link, "section": "notifications", "manager": manager, "subscription": subscription,
        "code": link_code(manager.pk) if manager else "", "telegram_configured": config.telegram() is not None,
    })

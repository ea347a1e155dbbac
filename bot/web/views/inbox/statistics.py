"""The statistics page for coordinators: tickets per week, language, topic and place, response times.

Scoped like the ticket list (``visible_tickets``): a district's users see their district only;
statewide users (superusers) see every district and can pick one.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from bot.directory.models import District
from bot.directory.opening import BERLIN
from bot.handover.forms import STATEWIDE_POOL, StatisticsForm
from bot.handover.scoping import inbox_user, visible_tickets
from bot.handover.statistics import compute
from bot.web.views.inbox.access import inbox_required
from bot.web.views.inbox.charts import bar_chart, column_chart


def scoped(tickets: QuerySet, choice: str) -> QuerySet:
    """``tickets`` of the chosen district (its id), of the statewide pool, or all ("")."""
    if choice == STATEWIDE_POOL:
        return tickets.filter(district__isnull=True)
    return tickets.filter(district_id=int(choice)) if choice else tickets


@require_GET
@inbox_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    """The figures of the chosen period for what the user may see."""
    statewide = bool(request.user.is_superuser)
    districts = District.objects.order_by("name") if statewide else None
    form = StatisticsForm(request.GET or None, districts=districts)
    now = timezone.now()
    start, end = form.period_dates(now.astimezone(BERLIN).date())
    choice = form.district_choice() if statewide else ""
    stats = compute(scoped(visible_tickets(request.user), choice), start, end, now)
    link = inbox_user(request.user)
    if statewide:
        scope = dict(form.fields["district"].choices).get(choice, "Alle Kreise") if choice else "Alle Kreise"
    elif link is not None and link.manager_id:
        scope = f"Ihre Tickets und der Pool von {link.district.name}"
    else:
        scope = link.district.name if link else ""
    share = stats.in_time_share
    return render(request, "inbox/statistics.html", {
        "form": form, "stats": stats, "link": link, "section": "statistics", "scope": scope,
        "weeks": column_chart(stats.per_week), "languages": bar_chart(stats.by_language),
        "topics": bar_chart(stats.by_topic), "places": bar_chart(stats.by_place),
        "in_time_percent": round(100 * share) if share is not None else None,
    })

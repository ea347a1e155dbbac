"""Forms of the inbox, with German error messages (bad input never becomes a server error)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django import forms
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from bot.directory.opening import BERLIN
from bot.handover import constants as c
from bot.handover.summary import language_label
from bot.languages import registry

REQUIRED = {"required": "Bitte füllen Sie dieses Feld aus."}
TOO_LONG = f"Höchstens {c.MAX_TEXT_LENGTH} Zeichen."
#: Filter values of the list: "open" (default) and "all" besides the statuses.
OPEN, ALL = "open", "all"
TODAY, WEEK, OLDER = "today", "7d", "older"
#: Filter values of the promised reply time.
OVERDUE, DUE_TODAY, ANSWERED = "overdue", "due_today", "answered"
#: Orders of the list: urgent and unanswered first by reply time (default), by reply time, newest first.
URGENT_FIRST, BY_REPLY_TIME, NEWEST = "urgent", "reply_by", "newest"


def awaiting_answer() -> Q:
    """Tickets whose client has not had an answer yet and that are not resolved."""
    return Q(first_response__isnull=True) & ~Q(status=c.RESOLVED)


def overdue(now: datetime) -> Q:
    """Tickets whose promised reply time has passed without an answer or resolution."""
    return awaiting_answer() & Q(reply_by__lt=now)


def ordered(tickets: QuerySet, order: str) -> QuerySet:
    """``tickets`` in one of the list's orders (ties: newest first)."""
    if order == NEWEST:
        return tickets.order_by("-created")
    by_reply_time = F("reply_by").asc(nulls_last=True)
    if order == BY_REPLY_TIME:
        return tickets.order_by(by_reply_time, "-created")
    return tickets.order_by(
        Case(When(urgency=c.URGENT, then=Value(0)), default=Value(1), output_field=IntegerField()),
        Case(When(awaiting_answer(), then=Value(0)), default=Value(1), output_field=IntegerField()),
        by_reply_time, "-created")


class TicketFilterForm(forms.Form):
    """Filters of the ticket list; invalid values are reported and ignored."""

    status = forms.ChoiceField(label="Status", required=False,
                               choices=[(OPEN, "Alle offenen"), *c.STATUSES.items(), (ALL, "Alle")],
                               error_messages={"invalid_choice": "Unbekannter Status."})
    urgency = forms.ChoiceField(label="Dringlichkeit", required=False, choices=[("", "Alle"), *c.URGENCIES.items()],
                                error_messages={"invalid_choice": "Unbekannte Dringlichkeit."})
    language = forms.ChoiceField(label="Sprache", required=False,
                                 error_messages={"invalid_choice": "Unbekannte Sprache."})
    age = forms.ChoiceField(label="Eingang", required=False,
                            choices=[("", "Jederzeit"), (TODAY, "Heute"), (WEEK, "Letzte 7 Tage"),
                                     (OLDER, "Älter als 7 Tage")],
                            error_messages={"invalid_choice": "Unbekannter Zeitraum."})
    due = forms.ChoiceField(label="Antwortfrist", required=False,
                            choices=[("", "Alle"), (OVERDUE, "Überfällig"), (DUE_TODAY, "Heute fällig"),
                                     (ANSWERED, "Beantwortet")],
                            error_messages={"invalid_choice": "Unbekannte Antwortfrist."})
    order = forms.ChoiceField(label="Sortierung", required=False,
                              choices=[(URGENT_FIRST, "Dringende zuerst, dann Frist"), (BY_REPLY_TIME, "Nach Frist"),
                                       (NEWEST, "Neueste zuerst")],
                              error_messages={"invalid_choice": "Unbekannte Sortierung."})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "Alle")] + [(lang.code, language_label(lang.code))
                                                             for lang in registry()]

    def apply(self, tickets: QuerySet) -> QuerySet:
        """``tickets`` filtered by the valid fields (call after ``is_valid()``)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        status = data.get("status") or OPEN
        if status == OPEN:
            tickets = tickets.filter(status__in=c.OPEN_STATUSES)
        elif status != ALL:
            tickets = tickets.filter(status=status)
        if data.get("urgency"):
            tickets = tickets.filter(urgency=data["urgency"])
        if data.get("language"):
            tickets = tickets.filter(language=data["language"])
        now = timezone.now()
        if data.get("age") == TODAY:
            midnight = datetime.combine(now.astimezone(BERLIN).date(), datetime.min.time(), tzinfo=BERLIN)
            tickets = tickets.filter(created__gte=midnight)
        elif data.get("age") == WEEK:
            tickets = tickets.filter(created__gte=now - timedelta(days=7))
        elif data.get("age") == OLDER:
            tickets = tickets.filter(created__lt=now - timedelta(days=7))
        if data.get("due") == OVERDUE:
            tickets = tickets.filter(overdue(now))
        elif data.get("due") == DUE_TODAY:
            midnight = datetime.combine(now.astimezone(BERLIN).date() + timedelta(days=1), datetime.min.time(),
                                        tzinfo=BERLIN)
            tickets = tickets.filter(awaiting_answer(), reply_by__gte=now, reply_by__lt=midnight)
        elif data.get("due") == ANSWERED:
            tickets = tickets.filter(~awaiting_answer())
        return ordered(tickets, data.get("order") or URGENT_FIRST)


class AssignForm(forms.Form):
    """Assign a ticket to a colleague of its district."""

    manager = forms.ModelChoiceField(label="Zuweisen an", queryset=None, empty_label=None,  # type: ignore[arg-type]
                                     error_messages={**REQUIRED, "invalid_choice":
                                                     "Diese Person gehört nicht zum Kreis des Tickets."})

    def __init__(self, *args: Any, managers: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = managers


class StatusForm(forms.Form):
    """Change a ticket's status."""

    status = forms.ChoiceField(label="Status", choices=list(c.STATUSES.items()),
                               error_messages={**REQUIRED, "invalid_choice": "Unbekannter Status."})


class NoteForm(forms.Form):
    """An internal note."""

    text = forms.CharField(label="Interne Notiz", max_length=c.MAX_TEXT_LENGTH, strip=True,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "Bitte schreiben Sie eine Notiz.", "max_length": TOO_LONG})


class ReplyForm(forms.Form):
    """A reply to the client."""

    text = forms.CharField(label="Antwort an die Person", max_length=c.MAX_TEXT_LENGTH, strip=True,
                           widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
                           error_messages={"required": "Bitte schreiben Sie eine Antwort.", "max_length": TOO_LONG})


#: Periods of the statistics page, in weeks back from today ("custom": from the dates given).
PERIODS = {"4": "Letzte 4 Wochen", "12": "Letzte 12 Wochen", "26": "Letzte 26 Wochen", "52": "Letzte 52 Wochen",
           "custom": "Eigener Zeitraum"}
DEFAULT_PERIOD = "12"
#: The district filter's value for the statewide pool (tickets without a district).
STATEWIDE_POOL = "pool"


class StatisticsForm(forms.Form):
    """Period and, for statewide users, district of the statistics; invalid values are reported and ignored."""

    period = forms.ChoiceField(label="Zeitraum", required=False, choices=list(PERIODS.items()),
                               error_messages={"invalid_choice": "Unbekannter Zeitraum."})
    start = forms.DateField(label="Von (eigener Zeitraum)", required=False,
                            widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": "Bitte ein Datum angeben, z. B. 2026-01-31."})
    end = forms.DateField(label="Bis", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                          error_messages={"invalid": "Bitte ein Datum angeben, z. B. 2026-01-31."})
    district = forms.ChoiceField(label="Kreis", required=False,
                                 error_messages={"invalid_choice": "Unbekannter Kreis."})

    def __init__(self, *args: Any, districts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if districts is None:
            del self.fields["district"]
        else:
            self.fields["district"].choices = ([("", "Alle Kreise"), (STATEWIDE_POOL, "Landesweiter Pool (ohne Kreis)")]
                                               + [(str(d.pk), d.name) for d in districts])

    def clean(self) -> dict:
        """A custom period needs its start before its end."""
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "Das Ende liegt vor dem Anfang.")
        return data

    def period_dates(self, today: date) -> tuple:
        """(start, end) of the chosen period; the default period when the input is invalid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        period = data.get("period") or DEFAULT_PERIOD
        if period == "custom" and (data.get("start") or data.get("end")):
            end = min(data.get("end") or today, today)
            start = data.get("start") or end - timedelta(weeks=int(DEFAULT_PERIOD))
            return min(start, end), end
        weeks = int(period if period in PERIODS and period != "custom" else DEFAULT_PERIOD)
        monday = today - timedelta(days=today.weekday())
        return monday - timedelta(weeks=weeks - 1), today

    def district_choice(self) -> str:
        """The chosen district's id, :data:`STATEWIDE_POOL`, or "" for all."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return str(data.get("district") or "")

"""Forms of the inbox, with German error messages (bad input never becomes a server error)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
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
        return tickets


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

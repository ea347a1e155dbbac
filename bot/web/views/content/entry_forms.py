"""The forms of one FAQ entry: its settings and sources, and a new entry."""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional

from django import forms

from bot.content.entries import MAX_KEY_LENGTH, MIN_EXAMPLES, RESERVED_KEYS
from bot.content.models import FaqEntry
from bot.content.models.faq import Handover
from bot.web.views.content.forms import MAX_ANSWER_LENGTH, clean_example_field, clean_text, text_attributes

#: How a month is written in the Stand field (``<input type="month">`` sends ``2026-12``).
MONTH_FORMATS = ["%Y-%m", "%m.%Y", "%m/%Y", "%Y-%m-%d", "%d.%m.%Y"]
#: How a day is written in the date fields (``<input type="date">`` sends ``2027-06-01``).
DAY_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
#: Keys are used in Rasa's names (``utter_faq/<key>``): lower-case letters, digits and ``_``.
KEY_PATTERN = r"^[a-z0-9][a-z0-9_]*$"


class MonthField(forms.DateField):
    """A month (``2026-12``), stored as its first day."""

    widget = forms.DateInput(format="%Y-%m", attrs={"type": "month", "placeholder": "JJJJ-MM"})
    input_formats = MONTH_FORMATS

    def to_python(self, value: Any) -> Optional[dt.date]:
        """The first day of the month entered."""
        day = super().to_python(value)
        return day.replace(day=1) if day else None


class EntryForm(forms.ModelForm):
    """An entry's title, topic, what follows the answer, Stand, review date (``updated`` guards against overwriting)."""

    stand = MonthField(label="Stand (Monat der neuesten geprüften Angabe)", required=False)
    review_due = forms.DateField(label="Prüfen bis", required=False, input_formats=DAY_FORMATS,
                                 widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
                                 help_text="Leer oder unverändert: sechs Monate nach dem Stand.")
    updated = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FaqEntry
        fields = ["title", "topic", "handover", "legal", "stand", "review_due"]
        widgets = {"topic": forms.TextInput(attrs={"list": "topics"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True
        self.fields["handover"].widget.attrs["aria-describedby"] = "handover-help"
        if not self.is_bound and self.instance.pk:
            self.initial["updated"] = self.instance.updated_at.isoformat()


class SourceForm(forms.Form):
    """One source of an entry: a page the editor read (all fields empty: no source)."""

    title = forms.CharField(label="Titel", required=False, max_length=300)
    url = forms.URLField(label="Link", required=False, max_length=500, assume_scheme="https")
    publisher = forms.CharField(label="Herausgeber", required=False, max_length=200)
    read = forms.DateField(label="Gelesen am", required=False, input_formats=DAY_FORMATS,
                           widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    date = forms.CharField(label="Datum der Quelle", required=False, max_length=120,
                           widget=forms.TextInput(attrs={"placeholder": "z. B. 2025-12-11 oder undatiert"}))

    def clean(self) -> Dict[str, Any]:
        """A source that is not empty needs a title and a link."""
        data = super().clean()
        filled = any(data.get(name) for name in ("title", "url", "publisher", "read", "date"))
        if filled and not (data.get("title") and data.get("url")):
            raise forms.ValidationError("Eine Quelle braucht einen Titel und einen Link.")
        return data

    def source(self) -> Optional[Dict[str, str]]:
        """The source as stored in ``FaqEntry.sources``; None for an empty or deleted row."""
        data = self.cleaned_data
        if not data or data.get("DELETE") or not data.get("title"):
            return None
        read = data.get("read")
        return {"title": data["title"], "url": data["url"], "publisher": data.get("publisher", ""),
                "read": read.isoformat() if read else "", "date": data.get("date", "")}


SourceFormSet = forms.formset_factory(SourceForm, extra=1, can_delete=True, max_num=30)


def source_initial(sources: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The stored sources as the formset's initial rows (dates read parsed where they are dates).

    >>> rows = source_initial([{"title": "BAMF", "url": "https://bamf.de", "read": "2026-12-06", "date": "undatiert"}])
    >>> rows[0]["read"], rows[0]["date"]
    (datetime.date(2026, 12, 6), 'undatiert')
    """
    rows = []
    for source in sources or []:
        row = {name: source.get(name, "") for name in ("title", "url", "publisher", "date")}
        try:
            row["read"] = dt.date.fromisoformat(str(source.get("read") or ""))
        except ValueError:
            row["read"] = None
        rows.append(row)
    return rows


class NewEntryForm(forms.Form):
    """A new FAQ entry: title (the key follows from it), topic, what follows, German answer and example questions."""

    title = forms.CharField(label="Titel (deutsch)", max_length=120,
                            help_text="So finden Redakteure den Eintrag, z. B. „Familiennachzug“.")
    key = forms.RegexField(label="Schlüssel (optional)", required=False, max_length=MAX_KEY_LENGTH, regex=KEY_PATTERN,
                           error_messages={"invalid": "Nur Kleinbuchstaben a–z, Ziffern und _ (z. B. kita_platz)."},
                           help_text="Leer lassen: Lotse bildet ihn aus dem Titel. Er ist später nicht mehr änderbar.")
    topic = forms.CharField(label="Thema", max_length=80, widget=forms.TextInput(attrs={"list": "topics"}))
    handover = forms.ChoiceField(label="Danach", choices=Handover.choices, initial=Handover.OFFER)
    answer = forms.CharField(label="Deutsche Antwort", max_length=MAX_ANSWER_LENGTH,
                             error_messages={"required": "Ein neuer Eintrag braucht eine deutsche Antwort."},
                             widget=forms.Textarea(attrs={"rows": 8, **text_attributes("de")}))
    examples = forms.CharField(label=f"Deutsche Beispielfragen (eine pro Zeile, mindestens {MIN_EXAMPLES})",
                               required=False, widget=forms.Textarea(attrs={"rows": 7, **text_attributes("de")}))

    def clean_key(self) -> str:
        """A key that no entry has yet (empty: made from the title later)."""
        key = self.cleaned_data["key"].strip()
        if key in RESERVED_KEYS or (key and FaqEntry.objects.filter(key=key).exists()):
            raise forms.ValidationError(f"Den Schlüssel „{key}“ gibt es schon.")
        return key

    def clean_answer(self) -> str:
        """The German answer without trailing blanks."""
        answer = clean_text(self.cleaned_data["answer"])
        if not answer:
            raise forms.ValidationError("Ein neuer Eintrag braucht eine deutsche Antwort.")
        return answer

    def clean_examples(self) -> str:
        """The example questions, one per line (fewer than the minimum are allowed: the entry waits)."""
        return clean_example_field(self.cleaned_data["examples"])

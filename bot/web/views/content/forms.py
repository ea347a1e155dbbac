"""The editor's forms: one FAQ text, and the filters of the lists (entries, gaps)."""

from __future__ import annotations

from typing import Any, Dict, List, Set

from django import forms

from bot.content.constants import SOURCE_LANGUAGE, ReviewState
from bot.languages import registry
from bot.web.views.content.access import ETHIOPIC_SCRIPT

#: Longest answer the editor accepts (a chat message stays readable, Telegram allows 4096 characters).
MAX_ANSWER_LENGTH = 3500
#: Longest example question, in characters.
MAX_EXAMPLE_LENGTH = 300
#: Longest revision note (FaqRevision.note).
MAX_NOTE_LENGTH = 200


def example_lines(examples: str) -> List[str]:
    """The example questions of a textarea: one per non-empty line, trimmed, YAML list dashes removed.

    >>> example_lines("  Wo lerne ich Deutsch? \\n\\n- Gibt es Kurse?\\n")
    ['Wo lerne ich Deutsch?', 'Gibt es Kurse?']
    """
    lines = (line.strip() for line in examples.splitlines())
    return [line[2:].strip() if line.startswith("- ") else line for line in lines if line and line != "-"]


def duplicates(lines: List[str]) -> List[str]:
    """Lines that occur more than once (ignoring case), each named once, in order.

    >>> duplicates(["Kurs?", "kurs?", "Termin", "Kurs?"])
    ['kurs?']
    """
    seen: Set[str] = set()
    found: List[str] = []
    for line in lines:
        key = line.casefold()
        if key in seen and all(other.casefold() != key for other in found):
            found.append(line)
        seen.add(key)
    return found


def clean_text(text: str) -> str:
    """A text field as stored: trimmed, without trailing blanks on its lines.

    >>> clean_text("  Erste Zeile  \\nzweite \\n")
    'Erste Zeile\\nzweite'
    """
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def clean_example_field(value: str) -> str:
    """The example questions of a textarea, one per line; too long or repeated questions are errors."""
    lines = example_lines(value)
    too_long = [line for line in lines if len(line) > MAX_EXAMPLE_LENGTH]
    if too_long:
        raise forms.ValidationError(f"Beispielfragen dürfen höchstens {MAX_EXAMPLE_LENGTH} Zeichen lang sein: "
                                    f"„{too_long[0][:60]}…“")
    repeated = duplicates(lines)
    if repeated:
        raise forms.ValidationError(f"Diese Beispielfrage steht doppelt da: „{repeated[0]}“")
    return "\n".join(lines)


def text_attributes(language: str) -> Dict[str, str]:
    """``lang``, ``dir`` and, for Ethiopic script, the font class of a text field in ``language``."""
    written = registry().get(language)
    attrs = {"lang": language, "dir": written.direction if written else "ltr"}
    if written is not None and written.script == ETHIOPIC_SCRIPT:
        attrs["class"] = "ethiopic"
    return attrs


class FaqTextForm(forms.Form):
    """An FAQ entry's answer, longer text ("Mehr dazu") and example questions in one language.

    ``minor`` exists for the German source only, ``reviewed`` only for users who may review the
    language (and not for German under four-eyes review, where the approval is the review).
    ``version`` is the text's version the editor started from (a conflict check).
    """

    answer = forms.CharField(label="Antwort", required=False, max_length=MAX_ANSWER_LENGTH,
                             widget=forms.Textarea(attrs={"rows": 9}))
    more = forms.CharField(label="Mehr dazu (längerer Text hinter dem Knopf „Mehr dazu“, optional)", required=False,
                           max_length=MAX_ANSWER_LENGTH, widget=forms.Textarea(attrs={"rows": 6}))
    examples = forms.CharField(label="Beispielfragen (eine pro Zeile)", required=False,
                               widget=forms.Textarea(attrs={"rows": 8}))
    minor = forms.BooleanField(label="Kleine Änderung (Tippfehler, Formatierung): Übersetzungen bleiben aktuell",
                               required=False)
    reviewed = forms.BooleanField(label="Muttersprachlich geprüft", required=False)
    note = forms.CharField(label="Vermerk (optional)", required=False, max_length=MAX_NOTE_LENGTH)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, language: str, reviewer: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        attrs = text_attributes(language)
        for name in ("answer", "more", "examples"):
            self.fields[name].widget.attrs.update(attrs)
        if language != SOURCE_LANGUAGE:
            del self.fields["minor"]
        if not reviewer:
            del self.fields["reviewed"]

    def clean_answer(self) -> str:
        """The answer without trailing blanks; the German source must not be empty."""
        answer = clean_text(self.cleaned_data["answer"])
        if not answer and self.language == SOURCE_LANGUAGE:
            raise forms.ValidationError("Der deutsche Text ist die Vorlage aller Übersetzungen "
                                        "und darf nicht leer sein.")
        return answer

    def clean_more(self) -> str:
        """The longer text without trailing blanks (may be empty: then there is no "Mehr dazu" button)."""
        return clean_text(self.cleaned_data["more"])

    def clean_examples(self) -> str:
        """The example questions, one per line; too long or repeated questions are errors."""
        return clean_example_field(self.cleaned_data["examples"])

    def options(self) -> Dict[str, Any]:
        """The keyword arguments of ``review.save_text`` from the cleaned data (a form sent without the
        longer text keeps it)."""
        data = self.cleaned_data
        return {"answer": data["answer"], "more": data["more"] if "more" in self.data else None,
                "examples": data["examples"],
                "minor": bool(data.get("minor")), "reviewed": bool(data.get("reviewed")), "note": data.get("note", "")}


class LanguageFilterForm(forms.Form):
    """A filter by one language."""

    language = forms.ChoiceField(label="Sprache", required=False)

    def __init__(self, *args: Any, languages: List[tuple], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "alle")] + languages

    def value(self, name: str) -> str:
        """The valid value of a filter, or ``""`` (no filter)."""
        return str(self.cleaned_data.get(name) or "") if self.is_valid() else ""


class CoverageFilterForm(LanguageFilterForm):
    """The list's filters: words to search for, one topic, one language, one review state."""

    q = forms.CharField(label="Suche", required=False, max_length=200,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "z. B. Führerschein, Kita",
                                                      "autocomplete": "off"}))
    topic = forms.ChoiceField(label="Thema", required=False)
    state = forms.ChoiceField(label="Status", required=False,
                              choices=[("", "alle")] + list(ReviewState.choices))
    field_order = ["q", "topic", "language", "state"]

    def __init__(self, *args: Any, topics: List[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "alle")] + [(topic, topic) for topic in topics]

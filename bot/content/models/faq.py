"""FAQ entries and their text per language (answer, example questions, review state)."""

from __future__ import annotations

from typing import List

from django.conf import settings
from django.db import models

from bot.content.constants import ReviewState


class Handover(models.TextChoices):
    """What follows an FAQ answer."""

    #: The answer alone.
    NONE = "none", "nur die Antwort"
    #: A button to ask the integration manager.
    OFFER = "offer", "Antwort und Knopf „Integrationsmanagement fragen“"
    #: Always to a person: the answer, then the handover (place, consent, ticket).
    TICKET = "ticket", "Antwort, dann immer Weitergabe an das Integrationsmanagement"
    #: The answer, then an urgent ticket at once (deadlines).
    URGENT = "urgent", "Antwort, dann sofort dringende Anfrage"


class FaqEntry(models.Model):
    """One question clients ask, answered by the FAQ response ``utter_faq/<key>``.

    Every answer carries its sources and the month of its newest verified fact (``stand``); it
    must be checked again by ``review_due``. A legal answer shows the client its Stand and source.
    """

    key = models.SlugField("Schlüssel", max_length=64, unique=True,
                           help_text="Teil des Antwortnamens utter_faq/<Schlüssel>, z. B. dff")
    title = models.CharField("Titel", max_length=120, blank=True,
                             help_text="Deutscher Titel, nach dem Redakteure suchen, z. B. „Familiennachzug“")
    topic = models.CharField("Thema", max_length=80, help_text="Gruppiert Einträge im Editor, z. B. Sprachkurse")
    handover = models.CharField("Danach", max_length=8, choices=Handover.choices, default=Handover.OFFER)
    legal = models.BooleanField("Rechtliche Auskunft", default=False,
                                help_text="Der Chat zeigt Stand und Quelle unter der Antwort")
    stand = models.DateField("Stand", null=True, blank=True, help_text="Monat der neuesten geprüften Angabe")
    review_due = models.DateField("Prüfen bis", null=True, blank=True)
    #: Whether an editor chose ``review_due`` (else it follows ``stand``: six months later).
    review_due_by_hand = models.BooleanField("Prüfdatum von Hand gesetzt", default=False)
    sources = models.JSONField("Quellen", default=list, blank=True,
                               help_text="Liste von {title, url, publisher, read, date}: nur gelesene Seiten")
    services = models.ManyToManyField("directory.Service", blank=True, related_name="faq_entries",
                                      verbose_name="Verweise auf Angebote im Verzeichnis")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["topic", "key"]
        verbose_name = "FAQ-Eintrag"
        verbose_name_plural = "FAQ-Einträge"

    def __str__(self) -> str:
        return self.key

    @property
    def response_name(self) -> str:
        """The Rasa response this entry answers (the FAQ selector's key)."""
        return f"utter_faq/{self.key}"


class FaqText(models.Model):
    """An FAQ entry's answer and example questions in one language, with its review state.

    ``version`` counts saved changes of this text. For translations, ``source_version`` is the
    version of the German text they were last brought up to date with.
    """

    entry = models.ForeignKey(FaqEntry, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField("Sprache", max_length=8)
    answer = models.TextField("Antwort", blank=True)
    more = models.TextField("Mehr dazu", blank=True, help_text="Längerer Text hinter dem Knopf „Mehr dazu“")
    examples = models.TextField("Beispielfragen", blank=True, help_text="Eine Frage pro Zeile")
    state = models.CharField("Prüfstatus", max_length=16, choices=ReviewState.choices, default=ReviewState.MISSING)
    version = models.PositiveIntegerField(default=0)
    source_version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["entry", "language"]
        constraints = [models.UniqueConstraint(fields=["entry", "language"], name="content_text_once_per_language")]
        permissions = [("review_faqtext", "Kann Übersetzungen als muttersprachlich geprüft markieren")]
        verbose_name = "FAQ-Text"
        verbose_name_plural = "FAQ-Texte"

    def __str__(self) -> str:
        return f"{self.entry.key} [{self.language}]"

    def example_list(self) -> List[str]:
        """The example questions, one per non-empty line."""
        return [line.strip() for line in self.examples.splitlines() if line.strip()]

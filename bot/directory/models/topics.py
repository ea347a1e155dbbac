"""Topics that always go to a person (deportation, the asylum procedure, …), kept by editors."""

from django.db import models


class AlwaysHumanTopic(models.Model):
    """A topic the bot never answers itself: messages naming it are handed over to a person."""

    key = models.SlugField(max_length=60, unique=True)
    #: What the integration manager reads in the ticket.
    label = models.CharField("Bezeichnung (für das Integrationsmanagement)", max_length=120)
    #: Words that name the topic, per language code, e.g. {"de": ["Abschiebung"], "ar": ["ترحيل"]}.
    keywords = models.JSONField("Stichwörter je Sprache", default=dict)
    active = models.BooleanField("aktiv", default=True)

    class Meta:
        ordering = ["key"]
        verbose_name = "Immer-persönlich-Thema"
        verbose_name_plural = "Immer-persönlich-Themen"

    def __str__(self) -> str:
        return self.label

"""Saved states of an FAQ text: the history behind diff and revert."""

from django.conf import settings
from django.db import models

from bot.content.constants import ReviewState
from bot.content.models.faq import FaqText


class FaqRevision(models.Model):
    """One saved version of an FAQ text, written whenever the text or its state changes."""

    text = models.ForeignKey(FaqText, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    answer = models.TextField(blank=True)
    more = models.TextField(blank=True)
    examples = models.TextField(blank=True)
    state = models.CharField(max_length=16, choices=ReviewState.choices)
    minor = models.BooleanField("kleine Änderung", default=False,
                                help_text="Übersetzungen bleiben aktuell (nur für den deutschen Text)")
    note = models.CharField("Vermerk", max_length=200, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    #: The second person who approved the change (four-eyes review, :func:`bot.content.review.four_eyes`).
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="freigegeben von")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["text", "-version"]
        constraints = [models.UniqueConstraint(fields=["text", "version"], name="content_revision_once")]
        verbose_name = "FAQ-Version"
        verbose_name_plural = "FAQ-Versionen"

    def __str__(self) -> str:
        return f"{self.text} v{self.version}"

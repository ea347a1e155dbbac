"""Publishing: retraining the model on the current example questions, guarded by an evaluation."""

from django.conf import settings
from django.db import models

from bot.content.constants import PublicationStatus


class Publication(models.Model):
    """One attempt to train, evaluate and activate a model; the latest ``active`` one is live."""

    status = models.CharField(max_length=16, choices=PublicationStatus.choices, default=PublicationStatus.QUEUED)
    #: What is happening now or why it ended, in German for editors.
    message = models.TextField(blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    model_file = models.CharField(max_length=500, blank=True)
    #: Intent accuracy (0–1) on the held-out set of the new model and of the model it would replace.
    accuracy = models.FloatField(null=True, blank=True)
    baseline_accuracy = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Veröffentlichung"
        verbose_name_plural = "Veröffentlichungen"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.status}"

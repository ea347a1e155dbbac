"""Content gaps: client messages the bot could not answer, redacted, for editors."""

from django.db import models

from bot.content.constants import GapReason


class ContentGap(models.Model):
    """One unanswered message with names, numbers and addresses redacted, and no client identifier."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    language = models.CharField(max_length=8)
    reason = models.CharField(max_length=16, choices=GapReason.choices)
    #: The intent or FAQ key the bot guessed or answered with (groups gaps by topic).
    topic = models.CharField(max_length=80, blank=True)
    text = models.TextField()
    #: The sentence encoder's vector of ``text`` (float32, L2-normalized), computed when editors first
    #: group the gaps by meaning; deleted with the gap.
    embedding = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Inhaltslücke"
        verbose_name_plural = "Inhaltslücken"

    def __str__(self) -> str:
        return f"{self.language} {self.topic or '?'}: {self.text[:40]}"

"""The editorial policy the operating district sets in the admin: whether four-eyes review applies."""

from django.conf import settings
from django.db import models


class ReviewPolicy(models.Model):
    """One row (``pk=1``): the district's choice of four-eyes review for German FAQ changes.

    Superusers switch it in the admin, without a restart; ``LOTSE_FOUR_EYES=1`` forces it on for a
    deployment whatever the row says (:func:`bot.content.review.four_eyes`).
    """

    four_eyes = models.BooleanField(
        "Vier-Augen-Prinzip", default=False,
        help_text="Änderungen deutscher FAQ-Texte gelten erst, wenn eine zweite Person sie freigegeben hat.")
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)

    class Meta:
        """German names in the admin."""

        verbose_name = "Redaktionsregel"
        verbose_name_plural = "Redaktionsregeln"

    def __str__(self) -> str:
        return "Vier-Augen-Prinzip an" if self.four_eyes else "Vier-Augen-Prinzip aus"

    @classmethod
    def current(cls) -> "ReviewPolicy":
        """The policy row (an unsaved default when the district never set it)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

"""Changes of the German text waiting for a second person's approval (four-eyes review)."""

from django.conf import settings
from django.db import models

from bot.content.models.faq import FaqText


class FaqProposal(models.Model):
    """A change of a German FAQ text that is not live yet: the chat shows the text's saved version.

    Only while four-eyes review is on (:func:`bot.content.review.four_eyes`). A text has at most one open
    proposal; saving again replaces it. Approval by a second person (``reviewer:de`` or superuser,
    not the author) saves it through :func:`bot.content.review.save_text`; then the proposal is deleted.
    """

    text = models.OneToOneField(FaqText, on_delete=models.CASCADE, related_name="proposal")
    answer = models.TextField(blank=True)
    more = models.TextField(blank=True)
    examples = models.TextField(blank=True)
    minor = models.BooleanField(default=False)
    note = models.CharField(max_length=200, blank=True)
    #: The text's version the change was written against (approval refuses when it changed since).
    base_version = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Änderung zur Freigabe"
        verbose_name_plural = "Änderungen zur Freigabe"

    def __str__(self) -> str:
        return f"{self.text} → v{self.base_version + 1} (zur Freigabe)"

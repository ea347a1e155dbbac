"""The audit log: who viewed or changed which ticket, and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bot.handover import constants as c


class AuditEntry(models.Model):
    """One view or change of a ticket by a user (``detail`` never holds client text)."""

    ticket = models.ForeignKey("handover.Ticket", on_delete=models.CASCADE, related_name="audit")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    action = models.CharField(max_length=20, choices=list(c.AUDIT_ACTIONS.items()))
    detail = models.CharField(max_length=200, blank=True, default="")
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = "Protokolleintrag"
        verbose_name_plural = "Protokoll"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.ticket}"

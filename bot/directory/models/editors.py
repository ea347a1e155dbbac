"""Editors: staff users who maintain the directory of one district."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Editor(models.Model):
    """Links a user to the district they may edit (superusers edit everything)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_editor")
    district = models.ForeignKey("directory.District", on_delete=models.CASCADE, related_name="editors")

    class Meta:
        verbose_name = "Redakteur/in"
        verbose_name_plural = "Redakteur/innen"

    def __str__(self) -> str:
        return f"{self.user} ({self.district})"

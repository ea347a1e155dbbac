"""Districts (Stadt- and Landkreise) and municipalities of Baden-Württemberg."""

from __future__ import annotations

from django.db import models

from bot.directory.constants import DISTRICT_KINDS


class District(models.Model):
    """A Stadtkreis or Landkreis: the unit editors and integration managers belong to."""

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=[(k, k) for k in DISTRICT_KINDS])
    #: Other names per language code, e.g. {"ar": ["مقاطعة إسلينغن"]}.
    aliases = models.JSONField(default=dict, blank=True)
    #: The district's offices and courses are the invented sample data (demo mode): the chat says so.
    sample_data = models.BooleanField("Beispieldaten", default=False,
                                      help_text="Angebote dieses Kreises sind erfundene Beispieldaten")

    class Meta:
        ordering = ["name"]
        verbose_name = "Kreis"
        verbose_name_plural = "Kreise"

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A town or city with its official name, district and names in other languages and scripts."""

    name = models.CharField(max_length=100, unique=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="municipalities")
    kind = models.CharField(max_length=40, blank=True, default="")
    population = models.PositiveIntegerField(null=True, blank=True)
    #: Other names per language code, e.g. {"uk": ["Тюбінген"], "de": ["Tuebingen"]}.
    aliases = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "Gemeinde"
        verbose_name_plural = "Gemeinden"

    def __str__(self) -> str:
        return self.name

"""Lotse's German course extension of an HSDS service."""

from __future__ import annotations

from django.db import models

from bot.directory.constants import COURSE_TYPES, LEVELS


class Course(models.Model):
    """A German course. Title, provider, location, weekly schedule and registration contact are
    those of its HSDS ``service`` (provider = the service's organization)."""

    service = models.OneToOneField("directory.Service", on_delete=models.CASCADE, related_name="course")
    course_type = models.CharField(max_length=40, choices=list(COURSE_TYPES.items()))
    level = models.CharField(max_length=5, choices=[(level, level) for level in LEVELS])
    start_date = models.DateField()
    end_date = models.DateField()
    free_seats = models.PositiveIntegerField(null=True, blank=True, help_text="leer = unbekannt")
    childcare = models.BooleanField(default=False)
    women_only = models.BooleanField(default=False)
    cost = models.CharField(max_length=200, blank=True, default="", help_text="e.g. '2,29 € je Unterrichtseinheit'")
    payer = models.CharField(max_length=200, blank=True, default="", help_text="e.g. 'BAMF; Befreiung möglich'")

    class Meta:
        ordering = ["start_date"]
        verbose_name = "Sprachkurs"
        verbose_name_plural = "Sprachkurse"
        constraints = [models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                              name="course_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.service.name} ({self.level}, {self.start_date})"

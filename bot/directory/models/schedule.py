"""HSDS schedule (opening hours as RFC 5545 recurrence parts) and Lotse's closures."""

from __future__ import annotations

from django.db import models

from bot.directory.models.base import HsdsModel, link, text

FREQUENCIES = ("WEEKLY", "MONTHLY")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Schedule(HsdsModel):
    """HSDS ``schedule``: e.g. ``freq=WEEKLY, byday=MO,TU, opens_at=08:00, closes_at=12:00``."""

    service = link("directory.Service", "schedules")
    location = link("directory.Location", "schedules")
    service_at_location = link("directory.ServiceAtLocation", "schedules")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    timezone = models.FloatField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.IntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=2, blank=True, default="", choices=[(d, d) for d in WEEKDAY_CODES])
    freq = models.CharField(max_length=10, blank=True, default="", choices=[(f, f) for f in FREQUENCIES])
    interval = models.IntegerField(null=True, blank=True)
    byday = models.CharField(max_length=40, blank=True, default="", help_text="e.g. MO,TU,WE")
    byweekno = text()
    bymonthday = text()
    byyearday = text()
    description = text()
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = text()
    attending_type = text()
    notes = text()

    class Meta:
        verbose_name = "Öffnungszeit"
        verbose_name_plural = "Öffnungszeiten"

    def __str__(self) -> str:
        hours = f"{self.opens_at:%H:%M}–{self.closes_at:%H:%M}" if self.opens_at and self.closes_at else ""
        return f"{self.byday} {hours}".strip() or self.description or self.id


class Closure(models.Model):
    """Lotse: days a service (or all services at a location) is closed, e.g. 'Betriebsausflug'."""

    service = models.ForeignKey("directory.Service", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="closures")
    location = models.ForeignKey("directory.Location", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="closures")
    first_day = models.DateField()
    last_day = models.DateField()
    reason = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ["first_day"]
        verbose_name = "Schließtag"
        verbose_name_plural = "Schließtage"
        constraints = [models.CheckConstraint(condition=models.Q(last_day__gte=models.F("first_day")),
                                              name="closure_last_day_after_first_day")]

    def __str__(self) -> str:
        return f"{self.first_day}–{self.last_day} {self.reason}".strip()

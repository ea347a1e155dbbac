"""Integration managers, their weekly availability, and appointments with clients."""

from __future__ import annotations

from django.db import models

from bot.directory.constants import BOOKED, CANCELLED


class IntegrationManager(models.Model):
    """An Integrationsmanager/in: serves municipalities of one district, speaks some languages."""

    name = models.CharField(max_length=200)
    district = models.ForeignKey("directory.District", on_delete=models.PROTECT, related_name="managers")
    municipalities = models.ManyToManyField("directory.Municipality", related_name="managers", blank=True)
    #: Language codes spoken, e.g. ["de", "ar", "en"].
    languages = models.JSONField(default=list, blank=True)
    email = models.EmailField(blank=True, default="")
    phone = models.CharField(max_length=50, blank=True, default="")
    office_address = models.CharField(max_length=300, blank=True, default="", help_text="where appointments take place")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "Integrationsmanager/in"
        verbose_name_plural = "Integrationsmanager/innen"

    def __str__(self) -> str:
        return self.name


class Availability(models.Model):
    """A weekly window in which a manager takes appointments, cut into slots."""

    manager = models.ForeignKey(IntegrationManager, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(choices=[(0, "Mo"), (1, "Di"), (2, "Mi"), (3, "Do"), (4, "Fr"),
                                                        (5, "Sa"), (6, "So")])
    start = models.TimeField()
    end = models.TimeField()
    slot_minutes = models.PositiveSmallIntegerField(default=30)

    class Meta:
        ordering = ["weekday", "start"]
        verbose_name = "Sprechzeit"
        verbose_name_plural = "Sprechzeiten"
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")),
                                              name="availability_ends_after_start"),
                       models.CheckConstraint(condition=models.Q(slot_minutes__gt=0), name="availability_slot_positive")]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class Appointment(models.Model):
    """An appointment of a client (pseudonymous reference only) with a manager."""

    STATUSES = [(BOOKED, "gebucht"), (CANCELLED, "abgesagt")]

    manager = models.ForeignKey(IntegrationManager, on_delete=models.CASCADE, related_name="appointments")
    client_ref = models.CharField(max_length=100, db_index=True, help_text="pseudonym, never a name or number")
    start = models.DateTimeField()
    end = models.DateTimeField()
    purpose = models.CharField(max_length=100, blank=True, default="")
    language = models.CharField(max_length=10, blank=True, default="")
    status = models.CharField(max_length=10, choices=STATUSES, default=BOOKED)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start"]
        verbose_name = "Termin"
        verbose_name_plural = "Termine"
        constraints = [
            # Never two booked appointments of one manager at the same start (SQLite and PostgreSQL).
            models.UniqueConstraint(fields=["manager", "start"], condition=models.Q(status=BOOKED),
                                    name="one_booked_appointment_per_manager_and_start"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="appointment_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.manager} {self.start:%Y-%m-%d %H:%M} ({self.status})"

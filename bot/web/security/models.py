"""The login counters: attempts per key in a fixed window, counted with atomic updates."""

from __future__ import annotations

from django.db import models


class LoginCounter(models.Model):
    """Login attempts for one key (a user name with an address, an address, a user name) since ``started``."""

    #: A hash of what is counted (never the user name or the address in clear).
    key = models.CharField(max_length=80, unique=True)
    started = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "Anmeldezähler"
        verbose_name_plural = "Anmeldezähler"

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.count}"

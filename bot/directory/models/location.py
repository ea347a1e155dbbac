"""HSDS location, address and service_at_location."""

from __future__ import annotations

from django.db import models

from bot.directory.models.base import HsdsModel, link, text

#: HSDS location and address types.
LOCATION_TYPES = ("physical", "postal", "virtual")


class Location(HsdsModel):
    """HSDS ``location``: a place where services are offered."""

    location_type = models.CharField(max_length=10, choices=[(t, t) for t in LOCATION_TYPES], default="physical")
    url = text()
    organization = link("directory.Organization", "locations")
    name = text()
    alternate_name = text()
    description = text()
    transportation = text()
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = text()
    external_identifier_type = text()

    class Meta:
        ordering = ["name"]
        verbose_name = "Ort"
        verbose_name_plural = "Orte"

    def __str__(self) -> str:
        return self.name or self.id


class Address(HsdsModel):
    """HSDS ``address`` of a location; ``city`` is the municipality."""

    location = link("directory.Location", "addresses")
    attention = text()
    address_1 = models.TextField()
    address_2 = text()
    city = models.CharField(max_length=100)
    region = text()
    state_province = models.CharField(max_length=100, default="Baden-Württemberg")
    postal_code = models.CharField(max_length=20)
    country = models.CharField(max_length=2, default="DE")
    address_type = models.CharField(max_length=10, choices=[(t, t) for t in LOCATION_TYPES], default="physical")

    class Meta:
        verbose_name = "Adresse"
        verbose_name_plural = "Adressen"

    def __str__(self) -> str:
        return self.one_line()

    def one_line(self) -> str:
        """The address on one line, e.g. 'Wilhelmstraße 1, 72074 Tübingen'."""
        street = ", ".join(part for part in (self.address_1, self.address_2) if part)
        return f"{street}, {self.postal_code} {self.city}".strip(", ")


class ServiceAtLocation(HsdsModel):
    """HSDS ``service_at_location``: a service offered at a location."""

    service = link("directory.Service", "service_at_locations")
    location = link("directory.Location", "service_at_locations")
    description = text()

    class Meta:
        verbose_name = "Dienst am Ort"
        verbose_name_plural = "Dienste an Orten"

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"

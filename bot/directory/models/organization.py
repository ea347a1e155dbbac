"""HSDS organization, contact and phone."""

from __future__ import annotations

from django.db import models

from bot.directory.models.base import HsdsModel, link, text


class Organization(HsdsModel):
    """HSDS ``organization``: who delivers services (an office, a course provider)."""

    name = models.TextField()
    alternate_name = text()
    description = models.TextField()
    email = text()
    website = text()
    tax_status = text()
    tax_id = text()
    year_incorporated = models.IntegerField(null=True, blank=True)
    legal_status = text()
    logo = text()
    uri = text()
    parent_organization_id = models.CharField(max_length=36, blank=True, default="")
    #: Lotse: the district whose editors maintain this organization.
    district = models.ForeignKey("directory.District", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="organizations")

    class Meta:
        ordering = ["name"]
        verbose_name = "Organisation"
        verbose_name_plural = "Organisationen"

    def __str__(self) -> str:
        return self.name


class Contact(HsdsModel):
    """HSDS ``contact``: a named person or desk."""

    organization = link("directory.Organization", "contacts")
    service = link("directory.Service", "contacts")
    service_at_location = link("directory.ServiceAtLocation", "contacts")
    location = link("directory.Location", "contacts")
    name = text()
    title = text()
    department = text()
    email = text()

    class Meta:
        verbose_name = "Kontakt"
        verbose_name_plural = "Kontakte"

    def __str__(self) -> str:
        return self.name or self.department or self.email or self.id


class Phone(HsdsModel):
    """HSDS ``phone``: a telephone number of an organization, service, location or contact."""

    location = link("directory.Location", "phones")
    service = link("directory.Service", "phones")
    organization = link("directory.Organization", "phones")
    contact = link("directory.Contact", "phones")
    service_at_location = link("directory.ServiceAtLocation", "phones")
    number = models.CharField(max_length=100)
    extension = models.IntegerField(null=True, blank=True)
    type = text()
    description = text()

    class Meta:
        verbose_name = "Telefon"
        verbose_name_plural = "Telefone"

    def __str__(self) -> str:
        return self.number

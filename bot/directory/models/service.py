"""HSDS service, service area and language, with Lotse's service type."""

from __future__ import annotations

from django.db import models

from bot.directory.constants import SERVICE_TYPES
from bot.directory.models.base import HsdsModel, link, text

#: HSDS service statuses.
STATUSES = ("active", "inactive", "defunct", "temporarily closed")


class Service(HsdsModel):
    """HSDS ``service``: what an organization offers, e.g. the Jobcenter's counter or a course."""

    organization = models.ForeignKey("directory.Organization", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="services")
    program_id = models.CharField(max_length=36, blank=True, default="")
    name = models.TextField()
    alternate_name = text()
    description = text()
    url = text()
    email = text()
    status = models.CharField(max_length=20, choices=[(s, s) for s in STATUSES], default="active")
    interpretation_services = text()
    application_process = text()
    fees_description = text()
    wait_time = text()
    fees = text()
    accreditations = text()
    eligibility_description = text()
    minimum_age = models.IntegerField(null=True, blank=True)
    maximum_age = models.IntegerField(null=True, blank=True)
    assured_date = models.DateField(null=True, blank=True)
    assurer_email = text()
    licenses = text()
    alert = text()
    last_modified = models.DateTimeField(null=True, blank=True)
    #: Lotse: service type key (gazetteer/service_types.yml); empty for services Lotse does not route to.
    lotse_type = models.CharField(max_length=40, blank=True, default="", choices=list(SERVICE_TYPES.items()))
    #: Lotse: visits only with an appointment ("nur mit Termin").
    by_appointment_only = models.BooleanField(default=False)
    #: Lotse: the district whose editors maintain this service.
    district = models.ForeignKey("directory.District", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="services")

    class Meta:
        ordering = ["name"]
        verbose_name = "Dienst"
        verbose_name_plural = "Dienste"

    def __str__(self) -> str:
        return self.name


class ServiceArea(HsdsModel):
    """HSDS ``service_area``: where a service is available; Lotse names a municipality or district."""

    service = link("directory.Service", "service_areas")
    name = text(help_text="Official name of a municipality or district (e.g. 'Tübingen', 'Landkreis Tübingen').")
    description = text()
    extent = text()
    extent_type = text()
    uri = text()

    class Meta:
        verbose_name = "Einzugsgebiet"
        verbose_name_plural = "Einzugsgebiete"

    def __str__(self) -> str:
        return self.name


class Language(HsdsModel):
    """HSDS ``language``: a language a service, location or phone line is offered in."""

    service = link("directory.Service", "languages")
    location = link("directory.Location", "languages")
    phone = link("directory.Phone", "languages")
    name = text()
    code = text()
    note = text()

    class Meta:
        verbose_name = "Sprache"
        verbose_name_plural = "Sprachen"

    def __str__(self) -> str:
        return self.code or self.name

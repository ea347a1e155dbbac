"""Which services serve a place: by HSDS service_area name, else by the city of their address."""

from __future__ import annotations

from typing import Iterable, List, Tuple

from bot.directory.api.places import Place, key
from bot.directory.models import Municipality, Service

#: Related rows the answers need, fetched with the services.
PREFETCH = ("service_areas", "service_at_locations__location__addresses", "service_at_locations__location__phones",
            "phones", "contacts__phones", "organization__phones")


def _area_keys(service: Service) -> set:
    return {key(area.name) for area in service.service_areas.all() if area.name}


def _city_keys(service: Service) -> set:
    return {key(address.city) for sal in service.service_at_locations.all() if sal.location
            for address in sal.location.addresses.all()}


def serves_municipality(service: Service, place: Place) -> bool:
    """Whether ``service`` is for ``place``'s municipality itself (its area, or its address if it has no area)."""
    names = place.names()
    areas = _area_keys(service)
    return bool(areas & names) if areas else bool(_city_keys(service) & names)


def serves_district(service: Service, place: Place) -> bool:
    """Whether ``service`` is for the whole district of ``place``: an area named after the district, or no
    areas at all and maintained by the district."""
    areas = _area_keys(service)
    return key(place.district.name) in areas if areas else service.district_id == place.district.id


def for_place(services: Iterable[Service], place: Place, other_towns: bool = False) -> Tuple[List[Service], bool]:
    """The services of the municipality itself; if none, those for its whole district (second value True).

    With ``other_towns``, the fallback also takes services in the district's other municipalities
    (a course in the next town is an alternative; another town's Kita office is not).
    """
    services = list(services)
    if place.municipality is not None:
        own = [s for s in services if serves_municipality(s, place)]
        if own:
            return own, False
    towns = {key(m.name) for m in Municipality.objects.filter(district=place.district)} if other_towns else set()
    fallback = [s for s in services if serves_district(s, place) or (_area_keys(s) | _city_keys(s)) & towns]
    return fallback, place.municipality is not None

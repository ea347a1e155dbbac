"""A shared location answered with the nearest offices, when the directory has coordinates.

``bot.directory.queries`` has no geo search; this reads the HSDS locations that carry latitude
and longitude and picks the nearest by great-circle distance. The sample directory has no
coordinates, so there the client is asked for their town instead.

>>> round(distance_km(48.52, 9.05, 48.78, 9.18))  # Tübingen to Stuttgart
30
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import List

from django.db import DatabaseError

logger = logging.getLogger(__name__)

#: How many offices a location answer names.
NEAREST = 3
#: Farther than this is not "near" (km).
MAX_DISTANCE_KM = 50.0


@dataclass(frozen=True)
class NearbyOffice:
    """An office near the client: its name, one-line address and distance."""

    name: str
    address: str
    km: float


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def nearest_offices(latitude: float, longitude: float, limit: int = NEAREST) -> List[NearbyOffice]:
    """The offices nearest to the point, nearest first; empty without coordinates or directory."""
    from bot.directory.models import Location

    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return []
    try:
        located = list(Location.objects.filter(latitude__isnull=False, longitude__isnull=False)
                       .prefetch_related("addresses"))
    except DatabaseError as error:
        logger.warning("directory unavailable for a location: %s", type(error).__name__)
        return []
    offices = []
    for location in located:
        km = distance_km(latitude, longitude, location.latitude, location.longitude)
        if km <= MAX_DISTANCE_KM:
            address = next(iter(location.addresses.all()), None)
            offices.append(NearbyOffice(location.name, address.one_line() if address else "", round(km, 1)))
    return sorted(offices, key=lambda o: o.km)[:limit]


def office_lines(offices: List[NearbyOffice]) -> str:
    """One line per office: name, address and distance."""
    return "\n".join(f"• {o.name}{', ' + o.address if o.address and o.address not in o.name else ''} ({o.km:g} km)"
                     for o in offices)

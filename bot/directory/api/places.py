"""Resolving a place name (official or alias, any script) to a municipality or a district."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from bot.directory.models import District, Municipality
from bot.gazetteer.normalize import fold


def key(name: str) -> str:
    """Comparison key of a place name: case, diacritics and spelling variants folded.

    >>> key("Tübingen") == key("TUEBINGEN"), key("Esslingen  am Neckar")
    (True, 'esslingen am neckar')
    """
    return " ".join(fold(part) for part in name.split())


@dataclass(frozen=True)
class Place:
    """A resolved place: a municipality (with its district) or a whole district."""

    municipality: Optional[Municipality]
    district: District

    @property
    def name(self) -> str:
        """The official name of the municipality, else of the district."""
        return self.municipality.name if self.municipality else self.district.name

    def names(self) -> set:
        """Folded keys of every name of the municipality (or district): official name and aliases."""
        target = self.municipality or self.district
        return {key(target.name)} | {key(alias) for alias in _aliases(target.aliases)}


def _aliases(aliases: dict) -> Iterable[str]:
    for names in (aliases or {}).values():
        yield from names


def resolve(name: str) -> Optional[Place]:
    """The municipality named ``name`` (official or alias), else the district so named, else None.

    The official name, which the NLU's gazetteer gives, is found by one indexed query; any other
    spelling by comparing the folded keys of every name.
    """
    wanted = key(name or "")
    if not wanted:
        return None
    official = Municipality.objects.select_related("district").filter(name=name).first()
    if official is not None:
        return Place(official, official.district)
    for municipality in Municipality.objects.select_related("district"):
        if wanted == key(municipality.name) or wanted in {key(a) for a in _aliases(municipality.aliases)}:
            return Place(municipality, municipality.district)
    for district in District.objects.all():
        if wanted == key(district.name) or wanted in {key(a) for a in _aliases(district.aliases)}:
            return Place(None, district)
    return None


def districts_served() -> list:
    """The names of the districts whose editors keep at least one service in the directory, sorted."""
    return sorted(District.objects.filter(services__isnull=False).values_list("name", flat=True).distinct())

"""Districts and municipalities between ``gazetteer/municipalities.yml`` and the directory.

The gazetteer lists Stadtkreise (a district and a municipality at once), Landkreise (districts
only) and towns (municipalities of a Landkreis). It seeds the directory; what editors then add or
change in the admin is written back as a gazetteer overlay (:func:`write_overlay`), which the NLU's
gazetteer reads at run time, so a new place or spelling needs no retraining.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Tuple

import yaml

from bot.directory.constants import LANDKREIS, STADTKREIS
from bot.gazetteer import overlay


@dataclass
class Place:
    """One gazetteer entry: a district, a municipality or both (a Stadtkreis)."""

    name: str
    kind: str
    district: str
    population: int | None = None
    aliases: Dict[str, List[str]] = field(default_factory=dict)


def read_gazetteer(path: Path) -> Tuple[List[Place], List[Place]]:
    """The (districts, municipalities) listed in the gazetteer file at ``path``."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["municipalities"]
    places = [Place(e["name"], e.get("kind", ""), e["district"], e.get("population"), e.get("aliases") or {})
              for e in entries]
    districts = [p for p in places if p.kind in (STADTKREIS, LANDKREIS)]
    municipalities = [p for p in places if p.kind != LANDKREIS]
    return districts, municipalities


def sync_places(district_model: Any, municipality_model: Any, path: Path) -> int:
    """Create or update districts and municipalities from the gazetteer; returns how many were written.

    Takes the model classes so that migrations can pass their historical models.
    """
    districts, municipalities = read_gazetteer(path)
    by_name = {}
    for place in districts:
        by_name[place.name], _ = district_model.objects.update_or_create(
            name=place.name, defaults={"kind": place.kind, "aliases": place.aliases})
    for place in municipalities:
        municipality_model.objects.update_or_create(
            name=place.name, defaults={"district": by_name[place.district], "kind": place.kind,
                                       "population": place.population, "aliases": place.aliases})
    return len(districts) + len(municipalities)


def write_overlay(municipality_model: Any, target: Path) -> int:
    """Write every municipality of the directory (name, district, aliases) as gazetteer data; returns how many."""
    places = [{"name": m.name, "kind": m.kind, "district": m.district.name, "aliases": m.aliases or {}}
              for m in municipality_model.objects.select_related("district").order_by("name")]
    overlay.write_section(target, "municipalities", places, "municipalities")
    return len(places)

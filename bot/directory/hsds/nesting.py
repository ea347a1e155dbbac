"""Nested HSDS objects (a service with its phones, locations, …) to table rows and back.

>>> rows = flatten_service({"id": "s1", "name": "A", "status": "active",
...                         "phones": [{"id": "p1", "number": "0711 1"}],
...                         "service_at_locations": [{"id": "sl1", "location": {"id": "l1", "location_type": "physical"}}]},
...                        "services.json [0]")
>>> sorted((table, row.get("service_id"), row.get("location_id")) for table, where, row in rows)
[('location', None, None), ('phone', 's1', None), ('service', None, None), ('service_at_location', 's1', 'l1')]
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from bot.directory.hsds.schema import scalar_fields

#: Nested arrays per table: key -> (child table, the child's reference to the parent).
CHILDREN: Dict[str, Dict[str, Tuple[str, str]]] = {
    "service": {"phones": ("phone", "service_id"), "schedules": ("schedule", "service_id"),
                "service_areas": ("service_area", "service_id"),
                "service_at_locations": ("service_at_location", "service_id"),
                "languages": ("language", "service_id"), "contacts": ("contact", "service_id")},
    "organization": {"phones": ("phone", "organization_id"), "contacts": ("contact", "organization_id"),
                     "locations": ("location", "organization_id")},
    "service_at_location": {"contacts": ("contact", "service_at_location_id"),
                            "phones": ("phone", "service_at_location_id"),
                            "schedules": ("schedule", "service_at_location_id")},
    "location": {"addresses": ("address", "location_id"), "phones": ("phone", "location_id"),
                 "schedules": ("schedule", "location_id"), "languages": ("language", "location_id"),
                 "contacts": ("contact", "location_id")},
    "contact": {"phones": ("phone", "contact_id")},
    "phone": {"languages": ("language", "phone_id")},
}
#: Nested single objects: key -> (table, the parent's reference to it).
SINGLE: Dict[str, Dict[str, Tuple[str, str]]] = {
    "service": {"organization": ("organization", "organization_id")},
    "service_at_location": {"location": ("location", "location_id")},
}

Row = Tuple[str, str, Dict[str, Any]]


def flatten(table: str, obj: Dict[str, Any], where: str) -> List[Row]:
    """``obj`` and every nested object as (table, where, row) with references filled in from the nesting."""
    row = {k: v for k, v in obj.items() if k in scalar_fields(table) and v is not None}
    rows: List[Row] = [(table, where, row)]
    for key, (child_table, link) in SINGLE.get(table, {}).items():
        child = obj.get(key)
        if isinstance(child, dict):
            if child.get("id") and not row.get(link):
                row[link] = child["id"]
            rows += flatten(child_table, child, f"{where}.{key}")
    for key, (child_table, link) in CHILDREN.get(table, {}).items():
        for index, child in enumerate(obj.get(key) or []):
            if isinstance(child, dict):
                nested = flatten(child_table, child, f"{where}.{key}[{index}]")
                if obj.get("id"):
                    nested[0][2].setdefault(link, obj["id"])
                rows += nested
    return rows


def flatten_service(obj: Dict[str, Any], where: str) -> List[Row]:
    """The rows of one nested HSDS service object."""
    return flatten("service", obj, where)


def nest(table: str, row: Dict[str, Any], children: Dict[Tuple[str, str], List[Dict[str, Any]]],
         singles: Dict[Tuple[str, str], Dict[str, Any]]) -> Dict[str, Any]:
    """The nested object of ``row``: ``children[(table, id)]`` / ``singles[(table, id)]`` give what goes inside."""
    obj = dict(row)
    for key, (child_table, link) in SINGLE.get(table, {}).items():
        target = singles.get((child_table, row.get(link) or ""))
        if target is not None:
            obj[key] = nest(child_table, target, children, singles)
    for key, (child_table, _link) in CHILDREN.get(table, {}).items():
        nested = [nest(child_table, child, children, singles) for child in children.get((f"{table}.{key}", row["id"]), [])]
        if nested:
            obj[key] = nested
    return obj

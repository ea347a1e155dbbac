"""Which model stores which HSDS table, and converting between row values and model values."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Dict, Type

from django.db import models

from bot.directory import models as m
from bot.directory.hsds.schema import scalar_fields

#: The model of each stored HSDS table.
MODELS: Dict[str, Type[models.Model]] = {
    "organization": m.Organization, "location": m.Location, "service": m.Service,
    "service_at_location": m.ServiceAtLocation, "contact": m.Contact, "phone": m.Phone, "address": m.Address,
    "schedule": m.Schedule, "language": m.Language, "service_area": m.ServiceArea,
}


def references(table: str) -> Dict[str, str]:
    """The table's reference columns and the table each points to, e.g. {'organization_id': 'organization'}."""
    model = MODELS[table]
    tables = {model_class: name for name, model_class in MODELS.items()}
    return {f.attname: tables[f.related_model] for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in tables}


def model_values(table: str, row: Dict[str, Any]) -> Dict[str, Any]:
    """Keyword arguments for the table's model from a validated row (absent fields get their defaults)."""
    model = MODELS[table]
    values: Dict[str, Any] = {}
    for name in scalar_fields(table):
        if name == "id":
            continue
        field = model._meta.get_field(name)  # references are found by their column name, e.g. service_id
        values[field.attname] = to_model(field, row.get(name))
    return values


def to_model(field: models.Field, value: Any) -> Any:
    """A JSON value as the value of ``field``; None becomes the field's empty value."""
    if value is None:
        return None if field.null else ("" if isinstance(field, (models.CharField, models.TextField))
                                        else field.get_default())
    if isinstance(field, models.DateTimeField):
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if isinstance(field, models.DateField):
        return date.fromisoformat(value)
    if isinstance(field, models.TimeField):
        return time.fromisoformat(value)
    if isinstance(field, models.IntegerField):
        return int(value)
    if isinstance(field, models.FloatField):
        return float(value)
    return str(value) if isinstance(field, (models.CharField, models.TextField)) else value


def to_row(table: str, instance: models.Model) -> Dict[str, Any]:
    """A model instance as an HSDS row (JSON values; empty values left out)."""
    row: Dict[str, Any] = {}
    for name in scalar_fields(table):
        row_value = to_json(getattr(instance, "pk" if name == "id" else name))
        if row_value not in (None, ""):
            row[name] = row_value
    return row


def to_json(value: Any) -> Any:
    """A model value as a JSON value (dates ISO 8601, times HH:MM:SS, whole floats as integers)."""
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value

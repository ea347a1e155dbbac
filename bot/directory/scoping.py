"""Which rows an editor may see and change: those of their own district (superusers: all).

Each model names the path from its rows to a district; a row belongs to the editor's district
when any of its paths leads there.
"""

from __future__ import annotations

from typing import Dict, Optional, Tuple

from django.db.models import Model, Q, QuerySet

#: Paths from each model to the district its editors maintain.
DISTRICT_PATHS: Dict[str, Tuple[str, ...]] = {
    "district": ("pk",),
    "municipality": ("district",),
    "organization": ("district",),
    "service": ("district",),
    "location": ("organization__district",),
    "address": ("location__organization__district",),
    "serviceatlocation": ("service__district",),
    "schedule": ("service__district", "location__organization__district", "service_at_location__service__district"),
    "closure": ("service__district", "location__organization__district"),
    "contact": ("service__district", "organization__district", "location__organization__district"),
    "phone": ("service__district", "organization__district", "location__organization__district",
              "contact__service__district"),
    "language": ("service__district", "location__organization__district"),
    "servicearea": ("service__district",),
    "course": ("service__district",),
    "integrationmanager": ("district",),
    "availability": ("manager__district",),
    "appointment": ("manager__district",),
    "editor": ("district",),
}


def editor_district_id(user) -> Optional[int]:  # type: ignore[no-untyped-def]
    """The district id of an editor, None for superusers (no limit); -1 for staff without a district."""
    if user.is_superuser:
        return None
    editor = getattr(user, "directory_editor", None)
    return editor.district_id if editor else -1


def limit(queryset: QuerySet, user) -> QuerySet:  # type: ignore[no-untyped-def]
    """``queryset`` restricted to the rows of the user's district."""
    district = editor_district_id(user)
    if district is None:
        return queryset
    paths = DISTRICT_PATHS.get(queryset.model._meta.model_name)
    if not paths:
        return queryset.none()
    condition = Q()
    for path in paths:
        condition |= Q(**{path if path == "pk" else f"{path}__id": district})
    return queryset.filter(condition).distinct()


def allows(obj: Model, user) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``obj`` (saved) is within the user's district."""
    return limit(type(obj)._default_manager.filter(pk=obj.pk), user).exists()

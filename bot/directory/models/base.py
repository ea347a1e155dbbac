"""Shared pieces of the HSDS models: UUID string ids and optional text fields."""

from __future__ import annotations

import uuid

from django.db import models


def new_id() -> str:
    """A fresh HSDS identifier (a UUID string)."""
    return str(uuid.uuid4())


class HsdsModel(models.Model):
    """An HSDS table row: the primary key is the HSDS ``id``, a UUID string."""

    id = models.CharField(primary_key=True, max_length=36, default=new_id, editable=False)

    class Meta:
        abstract = True


def text(**kwargs) -> models.TextField:  # type: ignore[no-untyped-def]
    """An optional free-text HSDS field (empty string when absent)."""
    return models.TextField(blank=True, default="", **kwargs)


def link(to: str, related_name: str, **kwargs) -> models.ForeignKey:  # type: ignore[no-untyped-def]
    """An optional HSDS reference (``<table>_id``) that cascades on delete."""
    return models.ForeignKey(to, null=True, blank=True, on_delete=models.CASCADE, related_name=related_name, **kwargs)

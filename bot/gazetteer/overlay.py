"""Gazetteer data written from the directory (``var/gazetteer/``), replaced atomically.

The NLU re-reads changed gazetteer files within seconds, so it must never see half a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def write_section(target: Path, section: str, data: Any, edited_where: str) -> None:
    """Write ``{section: data}`` to ``target`` via a temporary file and an atomic rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp")
    partial.write_text(f"# Written by Lotse from the directory; edit {edited_where} in the admin.\n"
                       + yaml.safe_dump({section: data}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    partial.replace(target)

"""Loading the sample directory, and telling whether the directory is empty."""

from __future__ import annotations

from bot.directory.hsds.importer import ImportReport, import_package
from bot.directory.models import Service
from bot.directory.sample import PACKAGE


def is_empty() -> bool:
    """True when the directory has no services yet."""
    return not Service.objects.exists()


def load_sample() -> ImportReport:
    """Import the sample directory (Beispieldaten); existing rows with the same ids are updated."""
    return import_package(PACKAGE)

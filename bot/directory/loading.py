"""Loading the sample directory, and telling whether the directory is empty."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Optional

from django.utils import timezone

from bot.directory.hsds.importer import ImportReport, import_package
from bot.directory.models import Service
from bot.directory.sample import write_shifted_package


def is_empty() -> bool:
    """True when the directory has no services yet."""
    return not Service.objects.exists()


def load_sample(today: Optional[date] = None) -> ImportReport:
    """Import the sample directory (Beispieldaten), its dates moved to the week of ``today``.

    Existing rows with the same ids are updated, so loading again moves the dates again.
    """
    today = today or timezone.localdate()
    with tempfile.TemporaryDirectory(prefix="lotse-sample-") as folder:
        return import_package(write_shifted_package(Path(folder) / "package", today), sample=True)

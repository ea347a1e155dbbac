"""The FAQ entries' handover settings for the NLU's router, written whenever an entry changes.

The always-human router (:class:`bot.nlu.always_human.FaqHandover`) reads what follows each FAQ
answer (none, offer, ticket, urgent) from ``var/gazetteer/faq_handover.yml`` when that file exists,
else from ``content/faq.yml``, and re-reads it within seconds of a change. Editors change the
setting in the database (editor or admin); after every committed change of an entry this module
writes all entries' settings there, atomically (:func:`bot.gazetteer.overlay.write_section`), so the
next parse follows the editor without retraining.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Optional

from bot import paths
from bot.gazetteer import overlay

#: The file name the router reads (``bot.nlu.always_human.FAQ_HANDOVER_OVERLAY``; not imported from there,
#: which would load Rasa and TensorFlow into the web process; a test keeps the two equal).
FAQ_HANDOVER_OVERLAY = "faq_handover.yml"
#: The section the router reads (as in ``content/faq.yml``).
SECTION = "entries"


def overlay_path() -> Path:
    """Where the router looks for the editors' settings."""
    return paths.gazetteer_overlay_dir() / FAQ_HANDOVER_OVERLAY


def settings_by_key() -> Dict[str, Dict[str, str]]:
    """Every entry's handover setting from the database, in the router's format, by key."""
    from bot.content.models import FaqEntry

    return {key: {"handover": handover}
            for key, handover in FaqEntry.objects.order_by("key").values_list("key", "handover")}


def write_overlay(target: Optional[Path] = None) -> Path:
    """Write all entries' handover settings for the router; returns the file."""
    target = target or overlay_path()
    overlay.write_section(target, SECTION, settings_by_key(), "the FAQ entries' handover in the editor or")
    return target


def entry_changed(sender: Any, **kwargs: Any) -> None:
    """Signal receiver (FaqEntry saved or deleted): write the overlay once the transaction is committed."""
    from django.db import transaction

    transaction.on_commit(write_overlay)

"""Rasa's tracker store on PostgreSQL: its tables are created once, before the Rasa workers start.

Every Rasa worker creates the tables when it loads the model; several at once on an empty
PostgreSQL database collide, log an error and retry after five seconds. ``lotse run`` creates
them first with Rasa's own schema (:class:`rasa.core.tracker_store.SQLTrackerStore`).
"""

from __future__ import annotations

from typing import Mapping

from bot.runtime import endpoints


def create_tables(env: Mapping[str, str]) -> None:
    """Create the tracker store's tables (if missing) in the database the environment names."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    config = dict(endpoints.tracker_store(env))
    config.pop("type")
    store = SQLTrackerStore(Domain.empty(), host=config.pop("url", None), **config)
    store.engine.dispose()

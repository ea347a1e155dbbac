"""The plain results of :mod:`bot.handover.tickets`: dataclasses, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Optional


@dataclass(frozen=True)
class TicketInfo:
    """A ticket as the bot tells the client about it.

    ``manager_name`` None means the district's pool (or, with ``district`` None, the statewide pool).
    ``expected_reply_by`` is an aware datetime in Europe/Berlin.
    """

    id: int
    reference: str
    manager_name: Optional[str]
    district: Optional[str]
    urgent: bool
    expected_reply_by: Optional[datetime]

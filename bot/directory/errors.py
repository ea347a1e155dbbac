"""Errors of the directory, raised to callers such as the Rasa actions."""

from __future__ import annotations

import functools
import logging
from typing import Any, Callable, TypeVar, cast

logger = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


class DirectoryError(Exception):
    """Base class of the directory's errors."""


class DirectoryUnavailable(DirectoryError):
    """The directory database cannot be read or written (down, missing, not migrated)."""


class SlotTaken(DirectoryError):
    """The requested appointment slot is booked already or is not a free slot."""


class UnknownManager(DirectoryError):
    """No active integration manager has this id."""


def guarded(function: F) -> F:
    """Turn database errors of ``function`` into :class:`DirectoryUnavailable` (logged, without arguments)."""
    from django.db import DatabaseError

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DatabaseError as error:
            # Log the error class and query name only: arguments may hold client references.
            logger.error("directory unavailable in %s: %s", function.__name__, type(error).__name__)
            raise DirectoryUnavailable(f"{function.__name__}: {type(error).__name__}") from error

    return cast(F, wrapper)

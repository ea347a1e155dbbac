"""Errors of the handover, raised to callers such as the Rasa actions."""

from __future__ import annotations

import functools
import logging
from typing import Any, Callable, TypeVar, cast

from bot.directory.errors import DirectoryUnavailable

logger = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


class HandoverError(Exception):
    """Base class of the handover's errors."""


class HandoverUnavailable(HandoverError):
    """The ticket database cannot be read or written (down, missing, not migrated)."""


class DeliveryFailed(HandoverError):
    """A reply could not be handed to the client's channel (it stays queued)."""


class UnknownChannel(DeliveryFailed):
    """No outbound adapter is registered for the ticket's channel."""


class LiveChatUnavailable(HandoverError):
    """Rasa did not accept a pause or resume event, or its tracker could not be read."""


class LiveChatNotPossible(HandoverError):
    """The ticket's channel has no conversation in Rasa to pause (not web, Telegram or WhatsApp)."""


def guarded(function: F) -> F:
    """Turn database errors of ``function`` into :class:`HandoverUnavailable` (logged, without arguments)."""
    from django.db import DatabaseError

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (DatabaseError, DirectoryUnavailable) as error:
            # Log the error class and function name only: arguments hold client references and texts.
            logger.error("handover unavailable in %s: %s", function.__name__, type(error).__name__)
            raise HandoverUnavailable(f"{function.__name__}: {type(error).__name__}") from error

    return cast(F, wrapper)

"""Errors of the channels: what a sender tells the outbox about one message."""

from __future__ import annotations

from typing import Optional


class ChannelError(Exception):
    """Base class of the channels' errors."""


class TransientSendError(ChannelError):
    """The platform did not take the message now (outage, 5xx, rate limit): it stays pending.

    ``retry_after`` is the platform's wish in seconds, when it named one (Telegram's 429).
    """

    def __init__(self, message: str, retry_after: Optional[float] = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentSendError(ChannelError):
    """The platform refused the message for good (blocked bot, bad request): it is marked failed."""


class WindowClosed(ChannelError):
    """WhatsApp's 24-hour window is closed and no template is configured: the message waits."""


class AssistantUnavailable(ChannelError):
    """Rasa could not be reached or answered with an error."""

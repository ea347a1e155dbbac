"""What a client sent and what the assistant answers, whatever the channel."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional


@dataclass(frozen=True)
class Inbound:
    """One message of a client, as the channel adapter understood it.

    ``address`` (chat id or phone number) lives only in memory; it is encrypted before it is
    stored and never logged. ``text`` is the message text, the button payload or the command's
    argument; ``kind`` is one of :data:`bot.channels.constants.KINDS`.
    """

    channel: str
    address: str
    kind: str
    external_id: str
    text: str = ""
    command: str = ""
    language_code: str = ""
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    #: Telegram's callback query id, answered with answerCallbackQuery.
    callback_id: str = ""

    def __repr__(self) -> str:  # keep the address and text out of tracebacks and logs
        return f"Inbound(channel={self.channel!r}, kind={self.kind!r})"


@dataclass(frozen=True)
class Button:
    """A button of a bot message: the title shown and the payload sent to Rasa."""

    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    """One message of the bot to the client."""

    text: str
    buttons: List[Button] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The reply as stored in the outbox."""
        return {"text": self.text, "buttons": [{"title": b.title, "payload": b.payload} for b in self.buttons]}

    @classmethod
    def from_dict(cls, data: dict) -> "Reply":
        """A reply from its outbox form (or Rasa's REST answer)."""
        buttons = [Button(str(b.get("title") or ""), str(b.get("payload") or b.get("title") or ""))
                   for b in data.get("buttons") or [] if isinstance(b, dict)]
        return cls(str(data.get("text") or ""), buttons)

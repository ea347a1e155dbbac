"""Who to reply to: the encrypted address of a client, under the client's pseudonym."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Optional

from bot import settings
from bot.channels import crypto
from bot.channels.models import Recipient
from bot.privacy import pseudonym


def client_ref(channel: str, address: str) -> str:
    """The pseudonymous client reference of ``address`` (chat id, phone number) on ``channel``."""
    return pseudonym(channel, address, settings.PSEUDONYM_KEY)


def remember(channel: str, address: str, language_code: str = "", inbound_at: Optional[datetime] = None) -> str:
    """Store how to reach the client (encrypted) and when they last wrote; returns their client_ref."""
    ref = client_ref(channel, address)
    defaults = {"channel": channel, "address": crypto.encrypt(address),
                "last_inbound_at": inbound_at or datetime.now(timezone.utc)}
    if language_code:
        defaults["language_code"] = language_code[:10]
    Recipient.objects.update_or_create(client_ref=ref, defaults=defaults)
    return ref


def find(ref: str) -> Optional[Recipient]:
    """The recipient row of a client, or None when the client never wrote on a channel."""
    return Recipient.objects.filter(client_ref=ref).first()


def address_of(recipient: Recipient) -> str:
    """The decrypted address; raises :class:`bot.channels.crypto.UndecryptableAddress`."""
    return crypto.decrypt(recipient.address)


def window_open(recipient: Recipient, now: Optional[datetime] = None, hours: int = 24) -> bool:
    """Whether the client wrote within the last ``hours`` (WhatsApp's customer service window)."""
    if recipient.last_inbound_at is None:
        return False
    return (now or datetime.now(timezone.utc)) - recipient.last_inbound_at < timedelta(hours=hours)


def forget(ref: str) -> int:
    """Delete what is stored to reach the client, and their pending messages; returns rows deleted."""
    from bot.channels.models import OutboxMessage

    deleted, _ = OutboxMessage.objects.filter(client_ref=ref).delete()
    gone, _ = Recipient.objects.filter(client_ref=ref).delete()
    return deleted + gone

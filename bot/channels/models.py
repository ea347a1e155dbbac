"""Tables of the channels: recipients (encrypted addresses), outbox, processed updates, long payloads."""

from __future__ import annotations

from django.db import models

from bot.channels import constants as c

_CHANNELS = [(c.TELEGRAM, "Telegram"), (c.WHATSAPP, "WhatsApp")]


class Recipient(models.Model):
    """How to reach one client: the chat id or phone number, encrypted, under the client's pseudonym."""

    client_ref = models.CharField(max_length=100, unique=True, help_text="pseudonym, never a name or number")
    channel = models.CharField(max_length=20, choices=_CHANNELS)
    #: The Telegram chat id or WhatsApp phone number, Fernet-encrypted (bot.channels.crypto).
    address = models.TextField()
    #: The app's language (Telegram language_code), a hint only.
    language_code = models.CharField(max_length=10, blank=True, default="")
    #: When the client last wrote: opens WhatsApp's 24-hour customer service window.
    last_inbound_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Empfänger"
        verbose_name_plural = "Empfänger"

    def __str__(self) -> str:
        return f"{self.channel} {self.client_ref[:16]}…"


class OutboxMessage(models.Model):
    """One message to a client, stored before sending and marked sent when the platform accepted it."""

    channel = models.CharField(max_length=20, choices=_CHANNELS)
    client_ref = models.CharField(max_length=100, db_index=True)
    #: The message ({"text", "buttons", …}) as Fernet-encrypted JSON.
    body = models.TextField()
    status = models.CharField(max_length=10, choices=list(c.OUTBOX_STATUSES.items()), default=c.PENDING,
                              db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    #: The class of the last error (never a text or an address).
    last_error = models.CharField(max_length=100, blank=True, default="")
    #: A keyed hash of the platform's id of the sent message (a WhatsApp wamid, which embeds the phone
    #: number), for delivery status callbacks (bot.channels.dedup.key).
    external_id = models.CharField(max_length=200, blank=True, default="", db_index=True)
    #: WhatsApp's latest delivery status (sent, delivered, read, failed).
    delivery = models.CharField(max_length=10, blank=True, default="")
    #: The integration manager's reply this message carries, if any.
    ticket_message = models.ForeignKey("handover.TicketMessage", on_delete=models.CASCADE, null=True, blank=True,
                                       related_name="channel_messages")
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = "Ausgehende Nachricht"
        verbose_name_plural = "Ausgehende Nachrichten"

    def __str__(self) -> str:
        return f"{self.channel} {self.pk} ({self.status})"


class ProcessedUpdate(models.Model):
    """An update (Telegram update_id, WhatsApp message id) already handled: each is processed once.
    ``external_id`` is a keyed hash of the id (bot.channels.dedup.key), never the id itself."""

    channel = models.CharField(max_length=20, choices=_CHANNELS)
    external_id = models.CharField(max_length=200)
    received = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "Verarbeitete Nachricht"
        verbose_name_plural = "Verarbeitete Nachrichten"
        constraints = [models.UniqueConstraint(fields=["channel", "external_id"], name="channels_update_once")]

    def __str__(self) -> str:
        return f"{self.channel} {self.external_id}"


class ButtonPayload(models.Model):
    """A Rasa payload too long for a platform's button data, kept under a short digest."""

    digest = models.CharField(max_length=32, unique=True)
    payload = models.TextField()

    class Meta:
        verbose_name = "Button-Payload"
        verbose_name_plural = "Button-Payloads"

    def __str__(self) -> str:
        return self.digest

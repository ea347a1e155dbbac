"""A manager's Telegram chat that announces new tickets (opt-in: only managers who linked their chat)."""

from __future__ import annotations

from django.db import models


class TelegramSubscription(models.Model):
    """New tickets of this manager (and of their district's pool) are announced in this Telegram chat.

    The chat is reached through the bot's own Telegram channel: ``client_ref`` is the chat's
    pseudonym there (bot.channels.recipients keeps its encrypted chat id). The announcement holds
    the ticket number, urgency and inbox link only, never client data.
    """

    manager = models.OneToOneField("directory.IntegrationManager", on_delete=models.CASCADE,
                                   related_name="telegram_subscription")
    client_ref = models.CharField(max_length=100, help_text="pseudonym of the chat, never the chat id")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Telegram-Benachrichtigung"
        verbose_name_plural = "Telegram-Benachrichtigungen"

    def __str__(self) -> str:
        return f"{self.manager} → Telegram"

"""Channel configuration from the environment, in one place.

Without ``TELEGRAM_BOT_TOKEN`` there is no Telegram channel, without ``WHATSAPP_TOKEN`` and
``WHATSAPP_PHONE_NUMBER_ID`` no WhatsApp channel; the web chat works either way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

#: Telegram's Bot API base, the token is appended.
TELEGRAM_API_URL = "https://api.telegram.org/bot"
#: Meta's Graph API base for the WhatsApp Cloud API.
WHATSAPP_API_URL = "https://graph.facebook.com/v21.0"


def _env(name: str) -> str:
    return os.environ.get(name, "").strip()


@dataclass(frozen=True)
class TelegramConfig:
    """How to reach Telegram: the token, and the webhook when Telegram should push updates."""

    token: str
    api_url: str = TELEGRAM_API_URL
    webhook_url: str = ""
    webhook_secret: str = ""

    @property
    def uses_webhook(self) -> bool:
        """Whether updates arrive by webhook (a public URL is configured) rather than long polling."""
        return bool(self.webhook_url)

    def __repr__(self) -> str:  # never print the token
        return f"TelegramConfig(api_url={self.api_url!r}, webhook={self.uses_webhook})"


@dataclass(frozen=True)
class WhatsAppConfig:
    """How to reach the WhatsApp Cloud API and check its webhook."""

    token: str
    phone_number_id: str
    app_secret: str = ""
    verify_token: str = ""
    api_url: str = WHATSAPP_API_URL
    template_name: str = ""

    @property
    def messages_url(self) -> str:
        """The Cloud API endpoint that sends messages."""
        return f"{self.api_url.rstrip('/')}/{self.phone_number_id}/messages"

    def __repr__(self) -> str:  # never print the token or secrets
        return f"WhatsAppConfig(api_url={self.api_url!r}, template={self.template_name!r})"


def telegram() -> Optional[TelegramConfig]:
    """The Telegram configuration, or None when ``TELEGRAM_BOT_TOKEN`` is not set."""
    token = _env("TELEGRAM_BOT_TOKEN")
    if not token:
        return None
    return TelegramConfig(token=token, api_url=_env("TELEGRAM_API_URL") or TELEGRAM_API_URL,
                          webhook_url=_env("TELEGRAM_WEBHOOK_URL"), webhook_secret=_env("TELEGRAM_WEBHOOK_SECRET"))


def whatsapp() -> Optional[WhatsAppConfig]:
    """The WhatsApp configuration, or None without ``WHATSAPP_TOKEN`` and ``WHATSAPP_PHONE_NUMBER_ID``."""
    token, phone_number_id = _env("WHATSAPP_TOKEN"), _env("WHATSAPP_PHONE_NUMBER_ID")
    if not token or not phone_number_id:
        return None
    return WhatsAppConfig(token=token, phone_number_id=phone_number_id, app_secret=_env("WHATSAPP_APP_SECRET"),
                          verify_token=_env("WHATSAPP_VERIFY_TOKEN"),
                          api_url=_env("WHATSAPP_API_URL") or WHATSAPP_API_URL,
                          template_name=_env("WHATSAPP_TEMPLATE_NAME"))

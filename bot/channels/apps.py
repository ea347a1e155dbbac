"""Django app configuration of the channels."""

from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    """The ``channels`` app: recipients, outbox, processed updates, button payloads."""

    name = "bot.channels"
    label = "channels"
    verbose_name = "Kanäle (Telegram, WhatsApp)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the Telegram and WhatsApp adapters for integration managers' replies, and the
        Telegram announcements of new tickets to managers who opted in."""
        from bot.channels import outbound  # noqa: F401 - registers with bot.handover.outbound
        from bot.channels import staff  # noqa: F401 - registers with bot.handover.notify

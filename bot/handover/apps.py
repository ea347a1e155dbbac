"""Django app configuration of the handover."""

from django.apps import AppConfig


class HandoverConfig(AppConfig):
    """The ``handover`` app: tickets, notes, replies, inbox users and client bindings."""

    name = "bot.handover"
    label = "handover"
    verbose_name = "Übergabe an das Integrationsmanagement"
    default_auto_field = "django.db.models.BigAutoField"

"""Django app configuration of the editors' content."""

from django.apps import AppConfig


class ContentConfig(AppConfig):
    """The ``content`` app: FAQ entries, their translations and revisions, gaps, publications."""

    name = "bot.content"
    label = "content"
    verbose_name = "Inhalte (FAQ und Übersetzungen)"
    default_auto_field = "django.db.models.BigAutoField"

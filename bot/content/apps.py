"""Django app configuration of the editors' content."""

from django.apps import AppConfig


class ContentConfig(AppConfig):
    """The ``content`` app: FAQ entries, their translations and revisions, gaps, publications."""

    name = "bot.content"
    label = "content"
    verbose_name = "Inhalte (FAQ und Übersetzungen)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Keep the NLU router's copy of the FAQ entries' handover settings in step with the database."""
        from django.db.models.signals import post_delete, post_save

        from bot.content.handover_overlay import entry_changed
        from bot.content.models import FaqEntry

        post_save.connect(entry_changed, sender=FaqEntry, dispatch_uid="faq-handover-overlay-save")
        post_delete.connect(entry_changed, sender=FaqEntry, dispatch_uid="faq-handover-overlay-delete")

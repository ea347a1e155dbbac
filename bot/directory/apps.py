"""Django app configuration of the directory."""

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The ``directory`` app: HSDS tables and Lotse's extensions."""

    name = "bot.directory"
    label = "directory"
    verbose_name = "Verzeichnis"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Keep the NLU's gazetteer overlay in step with the municipalities and topics editors change."""
        from django.db.models.signals import post_delete, post_save

        from bot.directory.models import AlwaysHumanTopic, Municipality

        for model in (Municipality, AlwaysHumanTopic):
            post_save.connect(_write_gazetteer_overlay, sender=model, dispatch_uid=f"overlay-save-{model.__name__}")
            post_delete.connect(_write_gazetteer_overlay, sender=model, dispatch_uid=f"overlay-delete-{model.__name__}")


def _write_gazetteer_overlay(sender, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from django.db import transaction

    from bot import paths
    from bot.directory import municipalities, topics
    from bot.gazetteer.matcher import TOPICS_FILE

    filename, write = {"Municipality": ("municipalities.yml", municipalities.write_overlay),
                       "AlwaysHumanTopic": (TOPICS_FILE, topics.write_overlay)}[sender.__name__]
    transaction.on_commit(lambda: write(sender, paths.gazetteer_overlay_dir() / filename))

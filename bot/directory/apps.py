"""Django app configuration of the directory."""

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The ``directory`` app: HSDS tables and Lotse's extensions."""

    name = "bot.directory"
    label = "directory"
    verbose_name = "Verzeichnis"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Keep the NLU's gazetteer overlay in step with the municipalities editors change."""
        from django.db.models.signals import post_delete, post_save

        from bot.directory.models import Municipality

        post_save.connect(_write_gazetteer_overlay, sender=Municipality, dispatch_uid="gazetteer-overlay-save")
        post_delete.connect(_write_gazetteer_overlay, sender=Municipality, dispatch_uid="gazetteer-overlay-delete")


def _write_gazetteer_overlay(sender, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from django.db import transaction

    from bot import paths
    from bot.directory.municipalities import write_overlay

    transaction.on_commit(lambda: write_overlay(sender, paths.gazetteer_overlay_dir() / "municipalities.yml"))

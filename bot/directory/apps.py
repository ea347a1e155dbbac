"""Django app configuration of the directory."""

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The ``directory`` app: HSDS tables and Lotse's extensions."""

    name = "bot.directory"
    label = "directory"
    verbose_name = "Verzeichnis"
    default_auto_field = "django.db.models.BigAutoField"

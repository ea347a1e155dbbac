"""Seed districts and municipalities from gazetteer/municipalities.yml."""

from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Create the districts and municipalities the gazetteer knows."""
    from bot import paths
    from bot.directory.municipalities import sync_places

    sync_places(apps.get_model("directory", "District"), apps.get_model("directory", "Municipality"),
                paths.gazetteer_dir() / "municipalities.yml")


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""Always-human topics, seeded from gazetteer/always_human_topics.yml."""

from django.db import migrations, models


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Create the shipped topics."""
    from bot import paths
    from bot.directory.topics import seed_topics

    seed_topics(apps.get_model("directory", "AlwaysHumanTopic"), paths.gazetteer_dir() / "always_human_topics.yml")


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_seed_places")]
    operations = [
        migrations.CreateModel(
            name="AlwaysHumanTopic",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.SlugField(max_length=60, unique=True)),
                ("label", models.CharField(max_length=120, verbose_name="Bezeichnung (für das Integrationsmanagement)")),
                ("keywords", models.JSONField(default=dict, verbose_name="Stichwörter je Sprache")),
                ("active", models.BooleanField(default=True, verbose_name="aktiv")),
            ],
            options={"ordering": ["key"], "verbose_name": "Immer-persönlich-Thema",
                     "verbose_name_plural": "Immer-persönlich-Themen"},
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]

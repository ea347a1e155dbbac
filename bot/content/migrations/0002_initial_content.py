"""Initial content: the core's FAQ (domain.yml, catalogs, nlu/) and the editor and reviewer groups."""

from django.db import migrations


def create_content(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Create the content permissions now (not after migrate), the groups and the initial FAQ entries."""
    from django.contrib.auth.management import create_permissions

    from bot.content.seed import seed_faq, seed_roles

    app_config = apps.get_app_config("content")
    app_config.models_module = True  # a historical app has none; create_permissions needs one
    create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    seed_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))
    seed_faq(apps.get_model("content", "FaqEntry"), apps.get_model("content", "FaqText"),
             apps.get_model("content", "FaqRevision"))


class Migration(migrations.Migration):

    dependencies = [
        ("content", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_content, migrations.RunPython.noop),
    ]

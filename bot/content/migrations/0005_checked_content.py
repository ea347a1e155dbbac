"""The FAQ brought to the checked content of December 2026: sources, Stand, review dates, new topics."""

from django.db import migrations


def update_content(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Add the new entries, every entry's metadata, and the checked answers where nobody edited them."""
    from bot.content.seed import update_faq

    update_faq(apps.get_model("content", "FaqEntry"), apps.get_model("content", "FaqText"),
               apps.get_model("content", "FaqRevision"))


class Migration(migrations.Migration):

    dependencies = [("content", "0004_faq_sources_and_review")]

    operations = [migrations.RunPython(update_content, migrations.RunPython.noop)]

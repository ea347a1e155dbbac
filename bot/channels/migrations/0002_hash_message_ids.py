"""Platform message ids are stored as keyed hashes (a WhatsApp wamid embeds the phone number)."""

from __future__ import annotations

import os

from django.db import migrations

from bot.privacy import message_key


def hash_ids(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Replace the stored ids by their keyed hashes; without a key, drop them (they only stop repeats)."""
    key = os.environ.get("LOTSE_PSEUDONYM_KEY", "")
    processed = apps.get_model("channels", "ProcessedUpdate")
    outbox = apps.get_model("channels", "OutboxMessage")
    if not key:
        processed.objects.all().delete()
        outbox.objects.exclude(external_id="").update(external_id="")
        return
    for row in processed.objects.all():
        if len(row.external_id) != 64:
            row.external_id = message_key(row.channel, row.external_id, key)
            row.save(update_fields=["external_id"])
    for row in outbox.objects.exclude(external_id=""):
        if len(row.external_id) != 64:
            row.external_id = message_key(row.channel, row.external_id, key)
            row.save(update_fields=["external_id"])


class Migration(migrations.Migration):
    dependencies = [("channels", "0001_initial")]
    operations = [migrations.RunPython(hash_ids, migrations.RunPython.noop)]

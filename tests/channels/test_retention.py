"""The channels' tables are under retention: `lotse retention` deletes what is older than the period."""

from __future__ import annotations

import datetime as dt

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

from bot import retention
from bot.channels import constants as c
from bot.channels import dedup, outbox, recipients
from bot.channels.models import OutboxMessage, ProcessedUpdate, Recipient

NOW = dt.datetime.now(dt.timezone.utc)
LONG_AGO = NOW - dt.timedelta(days=120)


def test_old_channel_rows_and_expired_sessions_are_deleted_recent_ones_kept(db, monkeypatch, tmp_path):
    monkeypatch.setenv("LOTSE_TRACKER_DB", str(tmp_path / "none.sqlite3"))
    gone = recipients.remember(c.WHATSAPP, "4915100000001", inbound_at=LONG_AGO)
    kept = recipients.remember(c.TELEGRAM, "777", inbound_at=NOW)
    outbox.enqueue(c.WHATSAPP, gone, {"text": "alt"})
    stale = outbox.enqueue(c.TELEGRAM, kept, {"text": "alt, nie gesendet"})
    OutboxMessage.objects.filter(pk=stale.pk).update(created=LONG_AGO, status=c.FAILED)
    fresh = outbox.enqueue(c.TELEGRAM, kept, {"text": "neu"})
    with dedup.handled(c.WHATSAPP, "wamid.OLD"):
        pass
    with dedup.handled(c.WHATSAPP, "wamid.NEW"):
        pass
    ProcessedUpdate.objects.filter(external_id=dedup.key(c.WHATSAPP, "wamid.OLD")).update(received=LONG_AGO)
    expired = SessionStore()
    expired["x"] = 1
    expired.save()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=LONG_AGO)

    deleted = retention.delete_expired(days=90, now=NOW)
    assert deleted.channel_rows >= 4
    assert list(Recipient.objects.values_list("client_ref", flat=True)) == [kept]
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert dedup.seen(c.WHATSAPP, "wamid.NEW") and not dedup.seen(c.WHATSAPP, "wamid.OLD")
    assert not Session.objects.filter(session_key=expired.session_key).exists()

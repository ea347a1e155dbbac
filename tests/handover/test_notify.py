"""New tickets notify by e-mail: reference, urgency, German summary and link, never the transcript."""

import email
import logging
from email import policy

from django.core import mail
from django.test import TestCase, override_settings

from bot.handover.models import Ticket
from tests.handover.conftest import ARABIC_TRANSCRIPT, open_ticket
from tests.handover.smtp_server import LoopbackSMTPServer

LOCMEM = {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend", "HANDOVER_EMAIL_ENABLED": True}


def _open_and_commit(**kwargs):
    """Open a ticket and run what happens after its commit (the tests' transaction never commits)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return open_ticket(**kwargs)


@override_settings(**LOCMEM)
def test_the_assignee_gets_an_email_without_the_transcript(db):
    mail.outbox = []
    ticket = _open_and_commit(client_ref="web-mail", language="ar", transcript=ARABIC_TRANSCRIPT, urgency="urgent",
                              intent="find_language_course", entities={"course_level": "A1"})
    [message] = mail.outbox
    assert message.to == ["im.nasser@example.org"]
    assert message.subject == f"[Lotse] Neues Ticket {ticket.reference} – DRINGEND"
    assert "Dringlichkeit: Dringend" in message.body and "sucht einen Deutschkurs" in message.body
    assert "Deutschniveau: A1" in message.body and "find_language_course" not in message.body
    assert "Der Gesprächsverlauf liegt bei." in message.body  # attached in the inbox, not in the mail
    assert f"http://127.0.0.1:8000/inbox/tickets/{ticket.reference}/" in message.body
    assert all(line["text"] not in message.body for line in ARABIC_TRANSCRIPT)
    assert "web-mail" not in message.body and "web-mail" not in message.subject
    assert Ticket.objects.get(pk=ticket.pk).notified_at is not None


@override_settings(**LOCMEM)
def test_a_pool_ticket_goes_to_the_districts_managers(db):
    mail.outbox = []
    _open_and_commit(client_ref="web-pool-mail", municipality="Kirchheim unter Teck")
    [message] = mail.outbox
    assert sorted(message.to) == ["im.karimi@example.org", "im.tesfaye@example.org"]
    assert "Zuständig: Pool Landkreis Esslingen" in message.body


def test_without_smtp_the_notification_is_skipped_and_logged_without_content(db, caplog):
    mail.outbox = []
    with caplog.at_level(logging.INFO, logger="bot.handover"):
        ticket = _open_and_commit(client_ref="web-nosmtp", transcript=ARABIC_TRANSCRIPT)
    assert mail.outbox == []
    assert f"notification skipped for {ticket.reference}" in caplog.text
    assert "web-nosmtp" not in caplog.text and ARABIC_TRANSCRIPT[0]["text"] not in caplog.text
    assert Ticket.objects.get(pk=ticket.pk).notified_at is None


def test_a_real_smtp_server_on_loopback_receives_the_notification(db):
    with LoopbackSMTPServer() as server:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                               EMAIL_PORT=server.port, EMAIL_USE_TLS=False, EMAIL_USE_SSL=False, EMAIL_HOST_USER="",
                               EMAIL_HOST_PASSWORD="", HANDOVER_EMAIL_ENABLED=True,
                               DEFAULT_FROM_EMAIL="lotse@example.org"):
            ticket = _open_and_commit(client_ref="web-smtp", language="ti", municipality="Esslingen am Neckar")
    [received] = server.messages
    assert received["from"] == "lotse@example.org" and received["to"] == ["im.tesfaye@example.org"]
    parsed = email.message_from_bytes(received["data"], policy=policy.default)
    assert parsed["Subject"] == f"[Lotse] Neues Ticket {ticket.reference}"
    body = parsed.get_body().get_content()
    assert "schreibt auf Tigrinya" in body and "Wohnort: Esslingen am Neckar (Landkreis Esslingen)" in body
    assert Ticket.objects.get(pk=ticket.pk).notified_at is not None


def test_a_failed_smtp_delivery_keeps_the_ticket_and_is_retried(db, caplog):
    from bot.handover.notify import notify_new_ticket

    refused = dict(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                   EMAIL_PORT=9, EMAIL_USE_TLS=False, EMAIL_USE_SSL=False, HANDOVER_EMAIL_ENABLED=True)
    with override_settings(**refused), caplog.at_level(logging.ERROR, logger="bot.handover"):
        ticket = _open_and_commit(client_ref="web-smtp-down")
    assert Ticket.objects.get(pk=ticket.pk).notified_at is None
    assert f"notification failed for {ticket.reference}" in caplog.text
    mail.outbox = []
    with override_settings(**LOCMEM):
        assert notify_new_ticket(ticket.pk) is True
    assert len(mail.outbox) == 1

"""No message text, client id, token or exception detail in any log line (bot/runtime/log_privacy.py)."""

from __future__ import annotations

import json
import logging

import pytest
import structlog

from bot.runtime import log_privacy, rasa_server

TEXT = "Ich habe Angst vor der Abschiebung"
SENDER = "web-0123456789abcdef0123456789abcdef"


@pytest.fixture()
def rasa_logging(monkeypatch):
    """Rasa's structlog set-up (JSON lines, as when Rasa runs without a terminal) with Lotse's redaction."""
    import rasa.utils.log_utils

    monkeypatch.setattr(logging, "_logRecordFactory", logging.getLogRecordFactory())
    monkeypatch.setattr(rasa.utils.log_utils, "_anonymizer", rasa.utils.log_utils._anonymizer)
    monkeypatch.setattr(rasa.utils.log_utils, "FORCE_JSON_LOGGING", "1")
    rasa.utils.log_utils._anonymizer = rasa_server.redact
    log_privacy.install()
    rasa.utils.log_utils.configure_structlog(logging.DEBUG)
    yield structlog.get_logger()
    structlog.reset_defaults()


def failing_turn(text: str, sender_id: str) -> None:
    """Fails like Rasa's processor does, with the message and the sender in local variables."""
    message = {"text": text, "sender_id": sender_id}  # noqa: F841 - a local variable of the failing frame
    raise KeyError(f"no tracker for {sender_id}: {text}")


def logged_values(caplog) -> str:
    """Every logged line, JSON lines decoded (the raw log stores non-ASCII escaped), as one text."""
    texts = []
    for record in caplog.records:
        line = record.getMessage()
        texts.append(line)
        try:
            texts.append(json.dumps(json.loads(line), ensure_ascii=False))
        except ValueError:
            pass
        if record.exc_text:
            texts.append(record.exc_text)
    return "\n".join(texts)


def test_a_failure_in_rasas_rest_channel_logs_neither_text_nor_sender_nor_locals(rasa_logging, caplog):
    caplog.set_level(logging.DEBUG)
    try:
        failing_turn(TEXT, SENDER)
    except KeyError:
        rasa_logging.exception("rest.message.received.failure", text=TEXT,
                               nested={"tracker": {"sender_id": SENDER}, "events": [{"user_text": TEXT}]})
    logged = logged_values(caplog)
    assert "rest.message.received.failure" in logged and "KeyError" in logged and "failing_turn" in logged
    assert TEXT not in logged and SENDER not in logged and "Angst" not in logged


def test_stdlib_exceptions_messages_and_arguments_are_cleaned(monkeypatch, caplog):
    monkeypatch.setattr(logging, "_logRecordFactory", logging.getLogRecordFactory())
    log_privacy.install()
    caplog.set_level(logging.INFO)
    logger = logging.getLogger("sanic.error")
    try:
        failing_turn(TEXT, SENDER)
    except KeyError as error:
        logger.exception("Exception occurred while handling uri: %s", f"http://x/conversations/{SENDER}?token=s3cret")
        logger.error(error)
        logger.error("failed: %s", error)
    try:
        raise ConnectionRefusedError(111, "Connection refused")
    except OSError:
        logger.exception("database down")
    logged = logged_values(caplog)
    assert TEXT not in logged and SENDER not in logged and "s3cret" not in logged
    assert "[client]" in logged and "KeyError" in logged and "Connection refused" in logged


def test_redaction_reaches_any_depth():
    deep: dict = {"text": TEXT}
    for _ in range(40):
        deep = {"inner": [deep]}
    assert TEXT not in json.dumps(log_privacy.redact_value(deep), ensure_ascii=False)

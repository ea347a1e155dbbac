"""Long polling (``lotse channels telegram-poll``): the default mode, works behind a firewall.

The loop asks getUpdates for new updates (offset = last update_id + 1 confirms the earlier
ones), handles each once and then sends whatever the outbox still holds, so messages that
could not go out during an outage leave as soon as Telegram is back.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Optional

from django.db import Error as DjangoDatabaseError
from django.db import connections

from bot.channels import dedup, outbox
from bot.channels.config import TelegramConfig
from bot.channels.errors import ChannelError
from bot.channels.telegram import commands, sender
from bot.channels.telegram.client import TelegramClient
from bot.channels.telegram.updates import ALLOWED_UPDATES, handle_update

logger = logging.getLogger(__name__)

#: Seconds Telegram holds a getUpdates request open when there is nothing new.
POLL_TIMEOUT = 30
#: Seconds to wait after getUpdates or the database failed.
PAUSE = 5.0


def prepare(client: TelegramClient) -> None:
    """Before polling: remove a webhook (it would block getUpdates) and register the commands."""
    try:
        client.call(client.bot.delete_webhook)
    except ChannelError as error:
        logger.warning("webhook not removed: %s", type(error).__name__)
    commands.register(client)


def poll_once(client: TelegramClient, offset: Optional[int], timeout: int = POLL_TIMEOUT) -> Optional[int]:
    """One round: fetch, handle and confirm updates, flush the outbox; returns the next offset."""
    try:
        updates = client.call(client.bot.get_updates, offset=offset, timeout=timeout,
                              allowed_updates=ALLOWED_UPDATES)
    except ChannelError as error:
        logger.warning("getUpdates failed: %s", type(error).__name__)
        time.sleep(PAUSE)
        updates = ()
    for update in updates:
        handle_update(client, update)
        offset = update.update_id + 1
    sender.flush(client)
    return offset


def run(config: TelegramConfig, stop: Optional[threading.Event] = None, timeout: int = POLL_TIMEOUT) -> None:
    """Poll until ``stop`` is set (or the process is stopped)."""
    stop = stop or threading.Event()
    with TelegramClient(config, poll_timeout=timeout) as client:
        prepare(client)
        logger.info("telegram long polling started")
        offset: Optional[int] = None
        rounds = 0
        while not stop.is_set():
            try:
                offset = poll_once(client, offset, timeout)
            except DjangoDatabaseError as error:  # the one boundary of this process: wait for the database
                logger.error("database unavailable while polling: %s", type(error).__name__)
                connections.close_all()  # an outage leaves a dead connection behind; the next round opens one
                stop.wait(PAUSE)
                continue
            rounds += 1
            if rounds % 1000 == 0:
                dedup.prune()
                outbox.prune()

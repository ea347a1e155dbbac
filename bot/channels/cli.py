"""``lotse channels``: run and set up the Telegram and WhatsApp channels (Django set up and migrated).

    lotse channels telegram-poll      long polling (started by ``lotse run`` without a webhook URL)
    lotse channels telegram-setup     register the commands, and the webhook when TELEGRAM_WEBHOOK_URL is set
    lotse channels flush              send what the outboxes still hold (cron, or after an outage)
    lotse channels manager-code ID    the /start code that binds clients to integration manager ID
"""

from __future__ import annotations

import argparse
import logging
import sys


def add_parser(commands: argparse._SubParsersAction, handler) -> None:  # type: ignore[no-untyped-def]
    """Add ``channels …`` to the ``lotse`` parser."""
    channels = commands.add_parser("channels", help="Telegram and WhatsApp channels")
    actions = channels.add_subparsers(dest="action", required=True)
    actions.add_parser("telegram-poll", help="receive Telegram updates by long polling")
    actions.add_parser("telegram-setup", help="register Telegram commands (and the webhook when configured)")
    actions.add_parser("flush", help="send pending messages of both channels")
    code = actions.add_parser("manager-code", help="the /start code binding clients to a manager")
    code.add_argument("manager_id", type=int)
    channels.set_defaults(func=handler)


def telegram_poll() -> int:
    """Poll Telegram until stopped."""
    from bot.channels import config
    from bot.channels.telegram import polling

    settings = config.telegram()
    if settings is None:
        print("TELEGRAM_BOT_TOKEN is not set: no Telegram channel.", file=sys.stderr)
        return 1
    try:
        polling.run(settings)
    except KeyboardInterrupt:
        pass
    return 0


def telegram_setup() -> int:
    """Register the commands; set (or, without a URL, delete) the webhook."""
    from bot.channels import config
    from bot.channels.errors import ChannelError
    from bot.channels.telegram import commands
    from bot.channels.telegram.client import TelegramClient
    from bot.channels.telegram.updates import ALLOWED_UPDATES

    settings = config.telegram()
    if settings is None:
        print("TELEGRAM_BOT_TOKEN is not set: no Telegram channel.", file=sys.stderr)
        return 1
    if settings.uses_webhook and not settings.webhook_secret:
        print("TELEGRAM_WEBHOOK_SECRET is not set: the webhook would refuse every update.", file=sys.stderr)
        return 1
    with TelegramClient(settings) as client:
        print(f"commands registered for {commands.register(client)} languages")
        try:
            if settings.uses_webhook:
                client.call(client.bot.set_webhook, url=settings.webhook_url, secret_token=settings.webhook_secret,
                            allowed_updates=ALLOWED_UPDATES)
                print("webhook set")
            else:
                client.call(client.bot.delete_webhook)
                print("webhook removed (long polling)")
        except ChannelError as error:
            print(f"webhook not set: {type(error).__name__}", file=sys.stderr)
            return 1
    return 0


def flush() -> int:
    """Send pending messages; exit status 1 while some remain."""
    import httpx

    from bot.channels import config, dedup, outbox
    from bot.channels.constants import TELEGRAM, WHATSAPP
    from bot.channels.telegram import sender as telegram_sender
    from bot.channels.telegram.client import TelegramClient
    from bot.channels.whatsapp import sender as whatsapp_sender

    telegram, whatsapp = config.telegram(), config.whatsapp()
    if telegram is not None:
        with TelegramClient(telegram) as client:
            result = telegram_sender.flush(client)
        print(f"telegram: sent {result.sent}, pending {outbox.pending_count(TELEGRAM)}, failed {result.failed}")
    if whatsapp is not None:
        with httpx.Client() as http:
            result = whatsapp_sender.flush(http, whatsapp)
        print(f"whatsapp: sent {result.sent}, pending {outbox.pending_count(WHATSAPP)}, failed {result.failed}")
    dedup.prune()
    outbox.prune()
    return 1 if outbox.pending_count(TELEGRAM) + outbox.pending_count(WHATSAPP) else 0


def manager_code(manager_id: int) -> int:
    """Print the code (and how to use it) for an active manager."""
    from bot.channels.codes import manager_code as code_for
    from bot.directory.models import IntegrationManager

    if not IntegrationManager.objects.filter(pk=manager_id, active=True).exists():
        print(f"no active integration manager with id {manager_id}", file=sys.stderr)
        return 1
    code = code_for(manager_id)
    print(code)
    print(f"Telegram link: https://t.me/<bot username>?start={code}", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    """Carry out a ``lotse channels`` action; returns the exit status."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.action == "telegram-poll":
        return telegram_poll()
    if args.action == "telegram-setup":
        return telegram_setup()
    if args.action == "flush":
        return flush()
    if args.action == "manager-code":
        return manager_code(args.manager_id)
    raise ValueError(args.action)

"""``lotse handover``: resend what could not go out (needs Django set up and migrated).

``lotse handover retry`` sends queued replies again and the e-mail notifications that failed.
Run it from cron or a systemd timer, e.g. every 5 minutes.
"""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta, timezone

#: Notifications older than this are not sent any more (the ticket is in the inbox anyway).
NOTIFY_WITHIN = timedelta(days=2)


def add_parser(commands: argparse._SubParsersAction, handler) -> None:  # type: ignore[no-untyped-def]
    """Add ``handover retry`` to the ``lotse`` parser."""
    handover = commands.add_parser("handover", help="handover to integration managers: resend queued replies")
    actions = handover.add_subparsers(dest="action", required=True)
    actions.add_parser("retry", help="resend queued replies and failed new-ticket e-mails")
    handover.set_defaults(func=handler)


def retry() -> int:
    """Resend queued replies and missing notifications; prints counts, returns the exit status."""
    from bot.handover.models import Ticket
    from bot.handover.notify import notify_new_ticket
    from bot.handover.outbound import retry_queued

    sent, queued = retry_queued()
    print(f"replies sent: {sent}, still queued: {queued}")
    since = datetime.now(timezone.utc) - NOTIFY_WITHIN
    pending = Ticket.objects.filter(notified_at__isnull=True, created__gte=since).values_list("pk", flat=True)
    notified = sum(1 for pk in pending if notify_new_ticket(pk))
    print(f"notifications sent: {notified} of {len(pending)}")
    return 0 if queued == 0 else 1


def run(args: argparse.Namespace) -> int:
    """Carry out a ``lotse handover`` action; returns the exit status."""
    if args.action == "retry":
        return retry()
    raise ValueError(args.action)

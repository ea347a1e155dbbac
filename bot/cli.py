"""The ``lotse`` command for operations.

    lotse run                 train when needed, start Rasa, actions and web; Ctrl-C stops
    lotse train [--force]     train a model for the current training data
    lotse messages extract|update|compile|check
    lotse directory import PATH | export PATH [--format csv|json] | load-sample
    lotse retention           delete what is older than LOTSE_RETENTION_DAYS (default 90)
    lotse handover retry      resend queued manager replies and failed notification e-mails
    lotse channels telegram-poll | telegram-setup | flush | manager-code ID
    lotse content check | export LANG PATH | import PATH | publish
    lotse bench               load and memory benchmark against a stock rasa init bot
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional

from bot import paths


def cmd_run(args: argparse.Namespace) -> int:
    """Start everything `make run` promises."""
    from bot.runtime import dotenv, model, supervisor

    dotenv.load_dotenv(paths.PROJECT_ROOT / ".env", generate=True)
    _compile_messages()
    _migrate()
    _load_sample_in_demo_mode()
    return supervisor.run_all(model.ensure_model(), daily=_delete_expired)


def _delete_expired() -> None:
    from bot import retention

    try:
        deleted = retention.delete_expired()
    except Exception as error:  # noqa: BLE001 - the daily job must not stop the services
        print(f"Retention failed ({type(error).__name__}); it runs again tomorrow.", file=sys.stderr)
        return
    print(f"Retention ({retention.retention_days():g} days): deleted {deleted.conversations} conversations, "
          f"{deleted.tickets} resolved tickets, {deleted.appointments} past appointments, {deleted.gaps} content gaps, "
          f"{deleted.channel_rows} channel and session rows.",
          flush=True)


def cmd_retention(args: argparse.Namespace) -> int:
    """Delete what is older than the retention period (LOTSE_RETENTION_DAYS, default 90)."""
    _migrate()
    _delete_expired()
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """Train a model for the current training data (skipped when one exists)."""
    from bot.runtime import model

    _migrate()  # the FAQ's example questions come from the database
    if args.force and model.current_model_path().exists():
        model.current_model_path().unlink()
    print(model.ensure_model())
    return 0


def _compile_messages() -> None:
    from bot.i18n import catalogs
    from bot.languages import registry

    catalogs.compile_all(paths.locales_dir(), registry().codes)


def _migrate() -> None:
    from bot.runtime.database import migrate

    migrate()


def _load_sample_in_demo_mode() -> None:
    """In demo mode (``LOTSE_DEMO=1``, as `make run` starts) load the sample directory, its dates moved to this week.

    A production configuration never loads it; an empty directory is only reported.
    """
    from bot import settings
    from bot.directory.loading import is_empty, load_sample

    if settings.DEMO:
        load_sample()
        print("Demo mode: loaded the sample directory (Beispieldaten: invented offices, courses and managers).")
    elif is_empty():
        print("The directory is empty: import your district's data with `lotse directory import PATH`.")


def cmd_directory(args: argparse.Namespace) -> int:
    """Import or export the service directory, or load the sample directory."""
    from bot.directory import cli

    _migrate()
    return cli.run(args)


def cmd_handover(args: argparse.Namespace) -> int:
    """Resend queued manager replies and failed new-ticket e-mails."""
    from bot.handover import cli

    _migrate()
    return cli.run(args)


def cmd_channels(args: argparse.Namespace) -> int:
    """Telegram long polling and set-up, the channel outboxes, manager codes."""
    from bot.channels import cli

    _migrate()
    return cli.run(args)


def cmd_content(args: argparse.Namespace) -> int:
    """Check translations, exchange them with translators, publish a retrained model."""
    from bot.content import cli

    _migrate()
    return cli.run(args)


def cmd_messages(args: argparse.Namespace) -> int:
    """Extract, update, compile or check the gettext catalogs."""
    from bot.i18n import catalogs
    from bot.languages import registry

    locales, codes = paths.locales_dir(), registry().codes
    if args.action == "extract":
        print(catalogs.extract(paths.domain_file(), locales, paths.PROJECT_ROOT / "bot"))
    elif args.action == "update":
        for path in catalogs.update(locales, codes):
            print(path)
    elif args.action == "compile":
        for path in catalogs.compile_all(locales, codes):
            print(path)
    else:
        from bot.content.check import check_messages

        return check_messages()
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    """Load and memory benchmark of the full stack against a stock rasa init bot."""
    from bot.benchmark import run

    return run.main(args)


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``lotse``."""
    root = argparse.ArgumentParser(prog="lotse", description="Lotse operations.")
    commands = root.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="start Lotse (trains a model when needed)").set_defaults(func=cmd_run)
    commands.add_parser("retention", help="delete conversations, resolved tickets and appointments past the "
                                          "retention period").set_defaults(func=cmd_retention)
    train = commands.add_parser("train", help="train a model for the current training data")
    train.add_argument("--force", action="store_true", help="retrain even when a model exists")
    train.set_defaults(func=cmd_train)
    messages = commands.add_parser("messages", help="gettext catalogs")
    messages.add_argument("action", choices=["extract", "update", "compile", "check"])
    messages.set_defaults(func=cmd_messages)
    from bot.directory.cli import add_parser as add_directory_parser
    from bot.channels.cli import add_parser as add_channels_parser
    from bot.content.cli import add_parser as add_content_parser
    from bot.handover.cli import add_parser as add_handover_parser

    add_directory_parser(commands, cmd_directory)
    add_handover_parser(commands, cmd_handover)
    add_channels_parser(commands, cmd_channels)
    add_content_parser(commands, cmd_content)
    from bot.benchmark.run import add_parser as add_bench_parser

    add_bench_parser(commands, cmd_bench)
    return root


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of the ``lotse`` console command."""
    from bot.runtime import log_privacy

    os.umask(0o077)  # databases and files in var/ are readable by their owner only
    log_privacy.install()  # no message text, client id or token in any log line of the commands
    args = parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())

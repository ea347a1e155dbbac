"""The ``lotse`` command for operations.

    lotse run                 train when needed, start Rasa, actions and web; Ctrl-C stops
    lotse train [--force]     train a model for the current training data
    lotse messages extract|update|compile|check
    lotse eval                NLU evaluation on the held-out test set
    lotse bench-sib200        the NLU pipeline on the SIB-200 benchmark
    lotse directory import PATH | export PATH [--format csv|json] | load-sample
    lotse retention           delete what is older than LOTSE_RETENTION_DAYS (default 90)
    lotse handover retry      resend queued manager replies and failed notification e-mails
    lotse channels telegram-poll | telegram-setup | flush | manager-code ID
    lotse content check | export LANG PATH | import PATH | publish
    lotse bench               load and memory benchmark against a stock rasa init bot
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from bot import paths


def cmd_run(args: argparse.Namespace) -> int:
    """Start everything `make run` promises."""
    from bot.runtime import dotenv, model, supervisor

    dotenv.load_dotenv(paths.PROJECT_ROOT / ".env", generate=True)
    _compile_messages()
    _migrate()
    _load_sample_if_empty()
    return supervisor.run_all(model.ensure_model(), daily=_delete_expired)


def _delete_expired() -> None:
    from bot import retention

    try:
        deleted = retention.delete_expired()
    except Exception as error:  # noqa: BLE001 - the daily job must not stop the services
        print(f"Retention failed ({type(error).__name__}); it runs again tomorrow.", file=sys.stderr)
        return
    print(f"Retention ({retention.retention_days():g} days): deleted {deleted.conversations} conversations, "
          f"{deleted.tickets} resolved tickets, {deleted.appointments} past appointments, {deleted.gaps} content gaps.",
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
    """Bring the database up to date; on a fresh checkout first create ``.env``'s secrets, as `make run` does."""
    import os

    import django
    from django.core.management import call_command

    from bot.runtime import dotenv

    dotenv.load_dotenv(paths.PROJECT_ROOT / ".env", generate=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bot.web.settings")
    paths.var_dir().mkdir(parents=True, exist_ok=True)
    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _load_sample_if_empty() -> None:
    from bot.directory.loading import is_empty, load_sample

    if is_empty():
        load_sample()
        print("Loaded the sample directory (Beispieldaten).")


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


def cmd_eval(args: argparse.Namespace) -> int:
    """Evaluate the NLU on the held-out test set."""
    from bot.evaluation import nlu_eval

    if not args.model:
        _migrate()  # training a model reads the FAQ's example questions from the database
    return nlu_eval.main(args)


def cmd_bench_sib200(args: argparse.Namespace) -> int:
    """Run the NLU pipeline on SIB-200."""
    from bot.evaluation import sib200

    return sib200.main(args)


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
    evaluate = commands.add_parser("eval", help="NLU evaluation on the held-out test set")
    evaluate.add_argument("--model", help="model file (default: train one for the current data)")
    evaluate.add_argument("--out", default="reports", help="folder for the report and confusion matrix")
    evaluate.set_defaults(func=cmd_eval)
    sib = commands.add_parser("bench-sib200", help="NLU pipeline on the SIB-200 benchmark")
    sib.add_argument("--data", default=str(paths.PROJECT_ROOT.parent / "shared" / "benchmarks" / "sib200"))
    sib.add_argument("languages", nargs="*", help="language folders to run (default: all)")
    sib.set_defaults(func=cmd_bench_sib200)
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
    args = parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())

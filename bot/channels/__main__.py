"""``python -m bot.channels <action>``: the ``lotse channels`` commands (used by the supervisor)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional


def main(argv: Optional[List[str]] = None) -> int:
    """Set up Django, migrate, and run one ``lotse channels`` action."""
    import django
    from django.core.management import call_command

    from bot import paths
    from bot.channels import cli
    from bot.runtime import log_privacy

    os.umask(0o077)  # files in var/ are readable by their owner only
    log_privacy.install()  # the poller's log lines carry no message text, client id or token
    root = argparse.ArgumentParser(prog="python -m bot.channels")
    cli.add_parser(root.add_subparsers(dest="command", required=True), cli.run)
    args = root.parse_args(["channels", *(sys.argv[1:] if argv is None else argv)])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bot.web.settings")
    paths.var_dir().mkdir(parents=True, exist_ok=True)
    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())

"""``lotse content``: check translations, exchange them with translators, publish a model.

- ``lotse content check``: missing and unreviewed translations per language, of the interface texts
  (``locales/`` catalogs) and of the FAQ answers (database); exit status 1 when any are missing.
- ``lotse content export LANG PATH [--format po|xliff]`` and ``lotse content import PATH``: FAQ texts
  for professional translators; an import reports conflicts and never overwrites a newer reviewed text.
- ``lotse content publish [--publication ID]``: retrain on the current example questions, validate,
  evaluate and activate the model in the running Rasa server, unless its accuracy dropped.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(commands: argparse._SubParsersAction, handler) -> None:  # type: ignore[no-untyped-def]
    """Add ``content check|export|import|publish`` to the ``lotse`` parser."""
    content = commands.add_parser("content", help="FAQ content and translations: check, export, import, publish")
    actions = content.add_subparsers(dest="action", required=True)
    actions.add_parser("check", help="report missing and unreviewed translations; fail on missing ones")
    exporting = actions.add_parser("export", help="export one language's FAQ texts for translators")
    exporting.add_argument("language", help="ISO 639-1 code, e.g. ar")
    exporting.add_argument("path", type=Path, help="file to write")
    exporting.add_argument("--format", choices=["po", "xliff"], default="po")
    importing = actions.add_parser("import", help="import a translated PO or XLIFF 1.2 file")
    importing.add_argument("path", type=Path)
    importing.add_argument("--reviewed", action="store_true",
                           help="the translator is a native speaker: mark imported texts reviewed")
    publish = actions.add_parser("publish", help="retrain, evaluate and activate a model with the current FAQ")
    publish.add_argument("--publication", type=int, help="carry out this queued publication (started by the editor)")
    content.set_defaults(func=handler)


def run(args: argparse.Namespace) -> int:
    """Carry out a ``lotse content`` action; returns the exit status."""
    if args.action == "check":
        from bot.content.check import run_check

        return run_check()
    if args.action in ("export", "import"):
        from bot.content.exchange import run_export, run_import

        return run_export(args) if args.action == "export" else run_import(args)
    from bot.content.publish import run_publish

    return run_publish(args)

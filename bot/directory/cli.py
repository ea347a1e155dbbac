"""``lotse directory``: import, export and the sample directory (needs Django set up and migrated)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(commands: argparse._SubParsersAction, handler) -> None:  # type: ignore[no-untyped-def]
    """Add ``directory import|export|load-sample`` to the ``lotse`` parser."""
    directory = commands.add_parser("directory", help="service directory: HSDS import/export, sample data")
    actions = directory.add_subparsers(dest="action", required=True)
    importing = actions.add_parser("import", help="import an HSDS data package (all or nothing)")
    importing.add_argument("path", type=Path, help="package folder (CSV or JSON) or a JSON file of services")
    exporting = actions.add_parser("export", help="export the directory as an HSDS data package")
    exporting.add_argument("path", type=Path, help="folder to write")
    exporting.add_argument("--format", choices=["csv", "json"], default="csv")
    actions.add_parser("load-sample", help="load the sample directory (Beispieldaten)")
    directory.set_defaults(func=handler)


def run(args: argparse.Namespace) -> int:
    """Carry out a ``lotse directory`` action; returns the exit status."""
    from bot.directory.hsds.importer import ImportFailed, import_package

    if args.action == "export":
        from bot.directory.hsds.exporter import export_csv, export_json

        counts = (export_csv if args.format == "csv" else export_json)(args.path)
        for name, count in counts.items():
            print(f"{name}: {count}")
        return 0
    try:
        if args.action == "load-sample":
            from bot.directory.loading import load_sample

            report = load_sample()
        else:
            report = import_package(args.path)
    except ImportFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    for table, count in report.counts.items():
        if count:
            print(f"{table}: {count}")
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if report.ignored:
        print(f"not imported (tables Lotse does not store): {', '.join(report.ignored)}", file=sys.stderr)
    return 0

"""``python -m importer``: a thin command line over the importer library.

Each command lives in its own module that exposes ``add_parser(subparsers)``; the parser it adds
sets ``func``, which takes the parsed arguments and returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

#: Modules that each add one subcommand.
COMMAND_MODULES: tuple[str, ...] = (
    "importer.import_command",
    "importer.crawl.command",
    "importer.new_article",
    "importer.pageviews.command",
    "importer.profile_learning.command",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m importer",
        description="Turn article pages from model-essay sites into Markdown articles for the site.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command and return its exit code (0 ok, 1 some input failed, 2 usage error)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("Interrupted; finished articles and the manifest are saved.", file=sys.stderr)
        return 130

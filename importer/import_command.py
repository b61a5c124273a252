"""``python -m importer import PATH...``: import saved pages and text dumps into the docs folder."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from importer.manifest import ManifestError
from importer.pipeline import Importer, ImportOptions
from importer.profiles import ProfileError
from importer.reading import Unreadable, find_pages, printable_name
from importer.records import Outcome, Status
from importer.report import Reporter

HELP = """Import article pages (saved .html files in any charset, or plain-text page dumps) into
Markdown files under the docs folder: docs/<category>/<subcategory>/<title>.md.
Importing the same page again changes nothing; an article an editor changed is never overwritten
(the new version is left beside it as <name>.md.incoming). Every file or folder that cannot be
read is named on stderr with the reason. Exit code 1 if anything was skipped, 2 if the manifest
(docs/_manifest.json) or a site profile cannot be read (nothing is imported then)."""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import", help="import saved pages and text dumps", description=HELP
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="files or folders to import"
    )
    parser.add_argument(
        "--docs", type=Path, default=Path("docs"), help="the site's docs folder (default: docs)"
    )
    parser.add_argument(
        "--category",
        help="category for pages that have no breadcrumb or category metadata (default: Uncategorized)",
    )
    parser.add_argument(
        "--profile", help="use this site profile for every page instead of matching one"
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only problems and the summary"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    found = list(find_pages(args.paths))
    options = ImportOptions(docs=args.docs, category=args.category, profile=args.profile)
    try:
        importer = Importer(options)
    except (ManifestError, ProfileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    reporter = Reporter(total=len(found), quiet=args.quiet)
    reporter.removed_temp_files(importer.manifest.removed_temp_files)
    with importer, reporter:
        counts = Counter(outcome.status for outcome in _import_all(importer, found, reporter))
    reporter.summary(counts)
    return 1 if counts[Status.SKIPPED] else 0


def _import_all(
    importer: Importer, found: Iterable[Path | Unreadable], reporter: Reporter
) -> Iterator[Outcome]:
    for item in found:
        if isinstance(item, Unreadable):
            outcome = Outcome(item.name, Status.SKIPPED, message=item.reason)
        else:
            reporter.start(printable_name(str(item)))
            outcome = importer.import_file(item)
        reporter.done(outcome)
        yield outcome

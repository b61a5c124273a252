"""``python -m importer import PATH...``: import saved pages and text dumps into the docs folder."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from importer.manifest import ManifestError
from importer.parallel import convert_files, default_jobs
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
        "--profile",
        help="use this site profile (a name, or a .yaml file to try) for every page instead of "
        "matching one",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=default_jobs(),
        metavar="N",
        help="convert pages in N processes (default: all %(default)s cores); the result is the "
        "same for any N",
    )
    parser.add_argument(
        "--keep-duplicates",
        action="store_true",
        help="also write articles that nearly duplicate one already in the docs folder "
        "(default: report them as 'duplicate of <path>' and skip them)",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only problems and the summary"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    found = list(find_pages(args.paths))
    options = ImportOptions(
        docs=args.docs,
        category=args.category,
        profile=args.profile,
        keep_duplicates=args.keep_duplicates,
    )
    try:
        importer = Importer(options)
    except (ManifestError, ProfileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if importer.near_duplicates.problem:
        print(f"warning: {importer.near_duplicates.problem}", file=sys.stderr)
    reporter = Reporter(total=len(found), quiet=args.quiet)
    reporter.removed_temp_files(importer.manifest.removed_temp_files)
    with importer, reporter:
        outcomes = _import_all(importer, found, reporter, args.jobs)
        counts = Counter(outcome.status for outcome in outcomes)
    reporter.summary(counts)
    return 1 if counts[Status.SKIPPED] else 0


def _jobs(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more (got {value})")
    return value


def _import_all(
    importer: Importer, found: list[Path | Unreadable], reporter: Reporter, jobs: int
) -> Iterator[Outcome]:
    """Report what cannot be read; convert the rest in ``jobs`` processes and write each here,
    in input order, one article's write overlapping the next page's work."""
    for item in found:
        if isinstance(item, Unreadable):
            outcome = Outcome(item.name, Status.SKIPPED, message=item.reason)
            reporter.done(outcome)
            yield outcome
    files = [item for item in found if not isinstance(item, Unreadable)]
    for converted in convert_files(files, importer.options, jobs):
        reporter.start(printable_name(converted.source))
        if converted.article is None:
            finished = importer.finish()
            finished.append(Outcome(converted.source, Status.SKIPPED, message=converted.problem))
        else:
            finished = importer.submit_article(
                converted.source, converted.article, converted.signature
            )
        yield from _reported(finished, reporter)
    yield from _reported(importer.finish(), reporter)


def _reported(outcomes: list[Outcome], reporter: Reporter) -> Iterator[Outcome]:
    for outcome in outcomes:
        reporter.done(outcome)
        yield outcome

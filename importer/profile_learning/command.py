"""``python -m importer profile learn PAGE_OR_URL... --name NAME``: learn a site profile."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from importer.profile_learning.choose import MIN_PAGES, learn_profile
from importer.profile_learning.learned import NoSharedTemplate
from importer.profile_learning.sources import PoliteFetcher, SourcePage, read_sources
from importer.profile_learning.write import write_profile
from importer.profiles import PROFILE_DIR, ProfileError

HELP = f"""Learn a site profile from {MIN_PAGES} or more article pages of one site (saved files or
URLs; URLs are fetched one at a time with the crawler's User-Agent, delay and robots.txt rules).
What the pages share is the template; what differs is the article. Writes
importer/profiles/NAME.yaml (or --out FILE) with comments saying which pages each selector was
learned from: review it, then try it with `python -m importer import --profile FILE PAGES`.
Give category listing pages with --listing to learn the crawler's link rules too. Exit code 1
(and nothing written) when the pages do not share a template."""

_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("profile", help="work with site profiles", description=HELP)
    commands = parser.add_subparsers(dest="profile_command", metavar="COMMAND", required=True)
    learn = commands.add_parser(
        "learn", help="learn a site profile from a few article pages", description=HELP
    )
    learn.add_argument(
        "pages", nargs="+", metavar="PAGE_OR_URL", help="article pages of one site (files or URLs)"
    )
    learn.add_argument(
        "--name", required=True, help="the profile's name, e.g. example-zh (a-z, 0-9, -)"
    )
    learn.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="where to write (default: importer/profiles/NAME.yaml)",
    )
    learn.add_argument(
        "--listing",
        action="append",
        default=[],
        metavar="PAGE_OR_URL",
        help="a category listing page of the site, to learn link rules for the crawler; repeatable",
    )
    learn.add_argument("--force", action="store_true", help="replace an existing profile file")
    learn.set_defaults(func=run)


def run(args: argparse.Namespace, fetcher: PoliteFetcher | None = None) -> int:
    if not _NAME_RE.match(args.name):
        print(
            f"error: --name {args.name!r} must be lower-case letters, digits and -", file=sys.stderr
        )
        return 2
    target: Path = args.out or PROFILE_DIR / f"{args.name}.yaml"
    if target.exists() and not args.force:
        print(f"error: {target} exists; pass --force to replace it", file=sys.stderr)
        return 2
    fetcher = fetcher or PoliteFetcher()
    pages = _read(args.pages, fetcher)
    listings = _read(args.listing, fetcher)
    try:
        profile = learn_profile(args.name, pages, listings or None)
        write_profile(profile, target)
    except NoSharedTemplate as problem:
        print(f"error: {problem}; no profile written", file=sys.stderr)
        return 1
    except (ProfileError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    learned = ", ".join(profile.fields)
    print(f"{target}: learned {learned} and {len(profile.drop)} drop rules from {len(pages)} pages")
    if args.listing and profile.links is None:
        print("note: no list of article links found on the listing pages; no link rules written")
    return 0


def _read(sources: list[str], fetcher: PoliteFetcher) -> list[SourcePage]:
    """The readable pages; each unreadable one is named with the reason and left out."""
    pages = []
    for item in read_sources(sources, fetcher):
        if isinstance(item, SourcePage):
            pages.append(item)
        else:
            source, reason = item
            print(f"{source}: skipped: {reason}", file=sys.stderr)
    return pages

"""``python -m importer new "Title" --category ...``: start a new article where the site expects it.

Editors get the same layout and front matter as imported articles (``docs/<category>/<subcategory>/
<title>.md``, written by :func:`library.frontmatter.dump`), so the categories, recommendations and
validation treat both alike. An existing file is never overwritten: a second article with the same
title in the same place needs a different title.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from library.frontmatter import FrontMatter, FrontMatterError, dump, from_mapping
from library.names import FILE_SUFFIX, article_src_uri

HELP = """Write a new, empty article with complete front matter to
docs/<category>/<subcategory>/<title>.md and print its path. Never overwrites an existing file."""

#: Shown in the editor, never to readers: an HTML comment renders as nothing.
PLACEHOLDER = "<!-- Write the article below this line. -->"

#: Tags may be separated by ASCII or full-width commas, as Chinese keyboards type them.
_TAG_SEPARATOR_RE = re.compile(r"[,，、]")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("new", help="start a new article", description=HELP)
    parser.add_argument("title", help="the article's title")
    parser.add_argument("--category", required=True, help="its category, e.g. 'Reports' or '报告'")
    parser.add_argument("--subcategory", help="its subcategory, e.g. 'Annual reports'")
    parser.add_argument("--subtitle", help="a subtitle shown under the title")
    parser.add_argument(
        "--date", type=_iso_date, default=None, help="date of the text, YYYY-MM-DD (default: today)"
    )
    parser.add_argument("--tags", default="", help="comma-separated tags, e.g. 'speech, opening'")
    parser.add_argument(
        "--docs", type=Path, default=Path("docs"), help="the site's docs folder (default: docs)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the article; exit code 1, with the reason, if its front matter or its path is wrong."""
    tags = [tag.strip() for tag in _TAG_SEPARATOR_RE.split(args.tags) if tag.strip()]
    today = dt.date.today()
    meta = {
        "title": args.title,
        "category": args.category,
        "subcategory": args.subcategory,
        "subtitle": args.subtitle,
        "date": args.date or today,
        # The day the article joins the library, as for imported ones: the feed of new articles
        # is ordered by it.
        "imported": today,
        "tags": tags or None,
    }
    path = article_path(args.docs, args.title, args.category, args.subcategory)
    try:
        front = from_mapping({k: v for k, v in meta.items() if v is not None}, str(path))
        write_new_article(path, front)
    except (FrontMatterError, FileExistsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(path)
    return 0


def article_path(docs: Path, title: str, category: str, subcategory: str | None) -> Path:
    """Where the site expects the article: the same place the importer would put it.

    A folder of the same name beside it (a subcategory's list) would share the article's address,
    so the article then takes the name ``<slug>-article.md`` instead.
    """
    path = docs / article_src_uri(category, subcategory, title)
    if path.with_suffix("").is_dir():
        path = path.with_name(f"{path.stem}{FILE_SUFFIX}.md")
    return path


def write_new_article(path: Path, front: FrontMatter) -> None:
    """Create ``path`` with ``front`` and a placeholder body; FileExistsError if it exists.

    Opening with mode "x" makes the existence check and the creation one step, so two editors (or an
    import running at the same time) cannot overwrite each other.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(dump(front, PLACEHOLDER))
    except FileExistsError:
        raise FileExistsError(
            f"'{path}' already exists; edit that file, or give the new article another title"
        ) from None


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-03-05"
        ) from None

"""Reading page views exported from an analytics tool, and matching them to the site's pages.

The format is what Google Analytics, Plausible, Matomo or Umami export: a CSV file whose header
names a page column and a views column. Accepted headers (any case, spaces ignored):

* page column: ``path``, ``page``, ``url``, ``page path``, ``page URL``,
  ``page path and screen class``
* views column: ``views``, ``pageviews``, ``page views``, ``screen page views``

A page may be written as a site path (``/reports/annual/x/``), a full URL
(``https://example.org/reports/annual/x/``) or a Markdown path (``reports/annual/x.md``); all
three name the same page. Lines starting with ``#`` (Google Analytics puts notes there) and blank
lines are skipped, views may carry thousands separators (``1,234``), and rows for one page add up.
"""

from __future__ import annotations

import csv
import posixpath
import re
from collections.abc import Iterable, Set
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

PAGE_HEADERS = frozenset(
    {
        "path",
        "page",
        "url",
        "pagepath",
        "pageurl",
        "pagepathandscreenclass",
        "pagepathandquerystring",
    }
)
VIEWS_HEADERS = frozenset({"views", "pageviews", "screenpageviews"})

_HEADER_NOISE_RE = re.compile(r"[\s_-]+")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:[,\s\u00a0']\d{3})+$")


class PageviewsError(ValueError):
    """A data file that cannot be read; the message names the file and line and what to fix."""


@dataclass(frozen=True)
class PageviewRow:
    """One data row: ``views`` for the page ``target`` (as written) on line ``line`` of the file."""

    line: int
    target: str
    views: int


def read_pageviews(path: Path) -> list[PageviewRow]:
    """Read a page-views CSV file; raises :class:`PageviewsError` naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise PageviewsError(
            f"{path}: is not UTF-8 text ({error.reason}); export it as UTF-8 CSV"
        ) from None
    return parse_pageviews(text, str(path))


def parse_pageviews(text: str, name: str) -> list[PageviewRow]:
    """Parse CSV ``text`` (``name`` is the file, for messages) into rows of page and views."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if _is_data(line)]
    if not lines:
        return []
    header_line, header_text = lines[0]
    header = next(csv.reader([header_text]))
    page_col, views_col = _find_columns(header, f"{name}:{header_line}")
    rows: list[PageviewRow] = []
    for number, line in lines[1:]:
        where = f"{name}:{number}"
        try:
            fields = next(csv.reader([line], strict=True))
        except csv.Error as error:
            raise PageviewsError(f"{where}: is not valid CSV ({error})") from None
        if len(fields) != len(header):
            raise PageviewsError(
                f"{where}: has {len(fields)} fields but the header has {len(header)}; "
                "quote values that contain commas"
            )
        target = fields[page_col].strip()
        if not target:
            raise PageviewsError(f"{where}: the '{header[page_col]}' column is empty")
        rows.append(PageviewRow(number, target, _views(fields[views_col], where)))
    return rows


def page_key(target: str, base_path: str = "/") -> str:
    """The key that names a page however it is written: ``a/b`` for ``/a/b/``, ``a/b.md``, a URL...

    ``base_path`` is the path the site is served under (from ``site_url``, e.g. ``/library/``);
    it is dropped from the front of URL paths. The home page's key is the empty string.
    """
    path = unquote(urlsplit(target.strip()).path)
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    if base != "/" and (path + "/").startswith(base):
        path = path[len(base) :]
    path = path.strip("/")
    name = posixpath.basename(path)
    if name in {"index.md", "README.md", "index.html"}:
        path = posixpath.dirname(path)
    elif name.endswith((".md", ".html")):
        path = posixpath.splitext(path)[0]
    return path


def total_views(rows: Iterable[PageviewRow], base_path: str = "/") -> dict[str, int]:
    """Views per page key, adding up rows that name the same page in different ways."""
    totals: dict[str, int] = {}
    for row in rows:
        key = page_key(row.target, base_path)
        totals[key] = totals.get(key, 0) + row.views
    return totals


def match_rows(
    rows: Iterable[PageviewRow], pages: Set[str], base_path: str = "/"
) -> tuple[dict[str, int], list[PageviewRow]]:
    """Views per key of the site's ``pages``, and the rows naming no page (deleted or mistyped)."""
    views: dict[str, int] = {}
    stale: list[PageviewRow] = []
    for row in rows:
        key = page_key(row.target, base_path)
        if key in pages:
            views[key] = views.get(key, 0) + row.views
        else:
            stale.append(row)
    return views, stale


def _is_data(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _find_columns(header: list[str], where: str) -> tuple[int, int]:
    names = [_HEADER_NOISE_RE.sub("", h).casefold() for h in header]
    page = next((i for i, n in enumerate(names) if n in PAGE_HEADERS), None)
    views = next((i for i, n in enumerate(names) if n in VIEWS_HEADERS), None)
    if page is None or views is None:
        missing = "a page column (path, page, url, Page path)" if page is None else ""
        if views is None:
            missing += (" and " if missing else "") + "a views column (views, pageviews)"
        raise PageviewsError(
            f"{where}: the header {header!r} lacks {missing}; the first row that is not a '#' "
            "comment must name the columns"
        )
    return page, views


def _views(value: str, where: str) -> int:
    text = value.strip()
    if _THOUSANDS_RE.match(text):
        text = re.sub(r"\D", "", text)
    if not text.isdigit():
        raise PageviewsError(
            f"{where}: views must be a whole number of 0 or more, got {value.strip()!r}"
        )
    return int(text)

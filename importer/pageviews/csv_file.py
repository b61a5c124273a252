"""The page-views CSV the ``secretariat/popular`` plugin reads: only pages the site has, atomically.

Analytics services report every URL anyone asked for -- retired articles, mistyped addresses,
``/wp-login.php`` from bots. The plugin warns on each row naming no page (so a strict build would
fail on them), so rows are matched to the site's Markdown files first, naming pages exactly as the
plugin does (:func:`hooks.popular.pageviews.page_key`), and only matching rows are written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hooks.popular.pageviews import page_key
from importer.atomic import atomic_write_text
from importer.pageviews.records import PageCount

#: The header the plugin accepts (hooks/popular/pageviews.py: a page column and a views column).
HEADER = ("path", "views")


@dataclass(frozen=True)
class Selection:
    """The rows kept for pages of the site, and how many rows named none of them."""

    kept: list[PageCount]
    dropped: list[PageCount]


def site_pages(docs: Path) -> set[str]:
    """The page keys of every Markdown page under ``docs`` (``index.md`` names its folder)."""
    return {
        page_key(path.relative_to(docs).as_posix()) for path in docs.rglob("*.md") if path.is_file()
    }


def select_site_pages(rows: Iterable[PageCount], pages: set[str], base_path: str) -> Selection:
    """Rows naming one of ``pages`` (added up per written path), and the rest."""
    totals: dict[str, int] = {}
    dropped: list[PageCount] = []
    for row in rows:
        if page_key(row.path, base_path) in pages:
            totals[row.path] = totals.get(row.path, 0) + row.views
        else:
            dropped.append(row)
    return Selection([PageCount(p, v) for p, v in totals.items()], dropped)


def render_csv(rows: Iterable[PageCount]) -> str:
    """CSV text, most viewed first (ties by path), so a diff of two fetches reads well."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for row in sorted(rows, key=lambda r: (-r.views, r.path)):
        writer.writerow((row.path, row.views))
    return buffer.getvalue()


def write_pageviews_csv(path: Path, rows: Iterable[PageCount]) -> None:
    """Replace ``path`` in one rename: a failed or killed fetch leaves the old file whole."""
    atomic_write_text(path, render_csv(rows))

"""Which Markdown files are folder index pages, for every plugin alike.

MkDocs renders ``index.md`` (and ``README.md``) as the page of its folder, not as an article: the
home page, the category list pages, and any that an editor writes. Every plugin that handles articles
must skip the same files, so the rule lives here once.
"""

from __future__ import annotations

import posixpath

INDEX_NAMES = frozenset({"index.md", "README.md"})


def is_index_page(src_uri: str) -> bool:
    """Whether MkDocs renders this Markdown file as a folder's index page rather than an article."""
    return posixpath.basename(src_uri) in INDEX_NAMES


def is_article(src_uri: str, generated: bool) -> bool:
    """Whether a file is an article: a Markdown page an editor or the importer wrote, not an index.

    ``generated`` is true for pages a plugin makes during the build (the category lists): they
    carry no article front matter.
    """
    return not generated and src_uri.endswith(".md") and not is_index_page(src_uri)

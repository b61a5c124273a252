"""Which pages are articles.

Everything an editor or the importer writes under ``docs/`` is an article, except the ``index.md``
landing pages of the site and its folders, and pages that a plugin generates during the build (the
category indexes): those carry no article front matter, so checking them would only produce noise.
"""

from __future__ import annotations

from mkdocs.structure.files import File

from library.pages import is_index_page


def is_article(file: File) -> bool:
    """True for a hand-written or imported Markdown page that is not a landing page."""
    if file.generated_by is not None or not file.src_uri.endswith(".md"):
        return False
    return not is_index_page(file.src_uri)

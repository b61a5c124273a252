"""Options of the ``secretariat/search`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from hooks.config_options import WholeNumber
from hooks.search.shards import SHARD_PAGES


class SearchConfig(Config):  # type: ignore[no-untyped-call]
    """Defaults suit the article library; every option is safe to leave out."""

    #: Off gives a site without search; put ``- search`` back in mkdocs.yml for Material's own.
    enabled = c.Type(bool, default=True)
    #: Words of context around the matched terms in each result's excerpt.
    excerpt_length = WholeNumber(minimum=5, default=30)
    #: Results shown for one query; Pagefind loads each shown result's fragment, so fewer is faster.
    result_count = WholeNumber(minimum=1, default=10)
    #: Top-level sections (category folders such as ``reports``) to index; empty indexes every article.
    sections = c.ListOfItems(c.Type(str), default=[])
    #: Index category and subcategory as Pagefind filters and offer them as chips above the results.
    category_filters = c.Type(bool, default=True)
    #: Folder of the search bundle inside the built site.
    output_dir = c.Type(str, default="pagefind")
    #: One bundle per language and top-level section, so that an edit re-indexes one section's
    #: bundle (hooks/search/shards.py); off gives one bundle per language.
    shard_by_section = c.Type(bool, default=True)
    #: The most articles one section's bundle holds before the section is split by path hash
    #: (``SHARD_PAGES`` in hooks/search/shards.py says why this many).
    shard_pages = WholeNumber(minimum=1, default=SHARD_PAGES)
    #: Pagefind processes indexing at once (each holds the shards it indexes and exits with its
    #: last); 0: one per core, at least ``hooks.search.pool.DEFAULT_PROCESSES``.
    processes = WholeNumber(minimum=0, default=0)
    #: Where written bundles are kept between builds (relative to mkdocs.yml).
    cache_dir = c.Type(str, default=".cache/")

"""The front matter this plugin reads, shared by the plugin and its background worker.

Both must validate exactly the same keys in exactly the same way: the worker's results are used
only when they were computed from the same title as the plugin's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from library.frontmatter import FrontMatter, from_mapping

#: The front-matter keys this plugin reads; the categories plugin validates the rest.
KEYS = ("title", "category", "subcategory", "tags", "recommended", "not_recommended")


def article_front_matter(meta: Mapping[str, Any], where: str) -> FrontMatter:
    """This plugin's keys of ``meta``, validated by the shared schema (raises ``FrontMatterError``)."""
    return from_mapping({key: meta[key] for key in KEYS if key in meta}, where)

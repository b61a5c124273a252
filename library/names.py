"""Where each article and list page lives, and the names the site keeps for itself.

The importer names files and folders with these functions and the site plugins list them with the
same ones, so a category's articles and its list page can never end up in two different folders.
The built site uses some names of its own (the search bundles under ``pagefind/``, the theme's
``assets/``, the list pages ``index.md`` and ``page/2/``): a category, subcategory or title that
slugs to one of them gets a suffix instead, so no article can replace or be replaced by them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from library.slugs import slugify

#: Names every folder keeps: its list page (``index.md``; ``README.md`` is one too) and the
#: folder of its further list pages (``page/2/``).
RESERVED_IN_EVERY_FOLDER = frozenset({"index", "readme", "page"})

#: Top-level names of the built site: the theme's assets, the search bundles and the search page,
#: the error page, the sitemap and the files written beside them.
RESERVED_AT_TOP = RESERVED_IN_EVERY_FOLDER | frozenset(
    {"assets", "pagefind", "search", "404", "sitemap", "feed", "recommended"}
)

#: Files the site writes into its top folder; no page may be published under these names.
SITE_FILES = frozenset(
    {"404.html", "sitemap.xml", "sitemap.xml.gz", "feed_rss_created.xml", "recommended.json"}
)

#: Folders the site writes into its top folder (``pagefind/en/`` ...); no page may live inside.
SITE_FOLDERS = frozenset({"assets", "pagefind", "search"})

#: Appended to a slug that is a reserved name: ``pagefind`` -> ``pagefind-section``.
FOLDER_SUFFIX = "-section"
FILE_SUFFIX = "-article"

#: What a category or subcategory with nothing usable in its name (``★★``) is called.
CATEGORY_FALLBACK = "uncategorized"
SUBCATEGORY_FALLBACK = "general"


@lru_cache(maxsize=4096)  # a library has few categories and thousands of articles in each
def folder_of(category: str, subcategory: str | None = None) -> str:
    """The folder of a category's (or its subcategory's) list page and articles.

    ``folder_of("会议讲话", "开幕词")`` is ``hui-yi-jiang-hua/kai-mu-ci``. A category named only with
    symbols gets a stable ``uncategorized-<hash>`` name, one that slugs to a name the site uses
    (``Pagefind``) gets ``pagefind-section``.
    """
    top = _unreserved(slugify(category, CATEGORY_FALLBACK), RESERVED_AT_TOP, FOLDER_SUFFIX)
    if not subcategory or not subcategory.strip():
        return top
    sub = slugify(subcategory, SUBCATEGORY_FALLBACK)
    return f"{top}/{_unreserved(sub, RESERVED_IN_EVERY_FOLDER, FOLDER_SUFFIX)}"


def article_stem(title: str) -> str:
    """The file name of an article without ``.md``: ``Index`` is ``index-article``, not ``index``."""
    return _unreserved(slugify(title), RESERVED_IN_EVERY_FOLDER, FILE_SUFFIX)


def article_src_uri(category: str, subcategory: str | None, title: str) -> str:
    """Where an article lives inside ``docs/``: ``<folder_of(...)>/<article_stem(title)>.md``."""
    return f"{folder_of(category, subcategory)}/{article_stem(title)}.md"


def _unreserved(slug: str, reserved: frozenset[str], suffix: str) -> str:
    return f"{slug}{suffix}" if slug in reserved else slug


@dataclass(frozen=True)
class PathProblem:
    """Two pages published at one address, or a page where the site writes its own files."""

    message: str


def site_path_problems(pages: Iterable[tuple[str, str]]) -> list[PathProblem]:
    """Problems among ``(src_uri, dest_path)`` pairs, such as ``("a/b.md", "a/b/index.html")``.

    Two pages with one output path would overwrite each other (one vanishes, the sitemap lists the
    URL twice); a page under ``pagefind/`` would be deleted by the search step.
    """
    owners: dict[str, str] = {}
    problems: list[PathProblem] = []
    for src_uri, dest in sorted(pages):
        first = owners.setdefault(dest, src_uri)
        if first != src_uri:
            problems.append(
                PathProblem(
                    f"'{first}' and '{src_uri}' are both published as '{dest}', so one would "
                    "replace the other. Rename one of the two files (or its folder)."
                )
            )
        top = dest.split("/", 1)[0]
        if dest in SITE_FILES or ("/" in dest and top in SITE_FOLDERS):
            problems.append(
                PathProblem(
                    f"'{src_uri}' would be published as '{dest}', where the site writes its own "
                    f"files ('{top}'). Move it to another folder."
                )
            )
    return problems

"""The Pagefind bundles of the site: one bundle per article language.

Why one bundle per language rather than Pagefind's usual one bundle for the whole site: Pagefind picks
a page's language from ``<html lang>`` and the browser then searches only the index of the language of
the page it is on. On this site the interface has one language while articles come in two, and a reader
on an English page must still find Chinese articles. So each language gets its own index, built with
``force_language`` (stemming for English, word segmentation for Chinese) from the article bodies marked
with that ``lang`` only; the browser merges them (``mergeIndex``) and each loads only the chunks a query
needs.

The pages are handed to Pagefind one by one as they are rendered: see :mod:`hooks.search.session`.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

#: What to do when the binary is missing, appended to the error.
INSTALL_HINT = (
    "Install it with the project's dependencies (`pip install -c constraints.txt -e .`, which brings "
    "`pagefind[extended]`), point PAGEFIND_BINARY_PATH at a `pagefind_extended` binary, or switch the "
    "plugin off with `enabled: false` under `secretariat/search` in mkdocs.yml."
)


class PagefindMissingError(RuntimeError):
    """No Pagefind binary: the site would build without a working search box."""


class IndexingError(RuntimeError):
    """Pagefind refused the site; the message is Pagefind's own."""


@dataclass(frozen=True)
class Bundle:
    """One search bundle (a language, or one shard of it): ``folder`` is relative to the site root
    and ends with ``/``."""

    language: str
    folder: str


def bundle_for(output_dir: str, language: str, shard: str = "") -> Bundle:
    """Where a bundle lives in the site: ``pagefind/zh/`` or, for a shard, ``pagefind/zh/reports/``."""
    folder = f"{output_dir.strip('/')}/{language}/" + (f"{shard}/" if shard else "")
    return Bundle(language=language, folder=folder)


def root_selector(language: str) -> str:
    """The article bodies of one language: ``main.html`` marks them ``data-pagefind-body lang=..``."""
    return f"[data-pagefind-body][{root_attribute(language)}]"


def root_attribute(language: str) -> str:
    """The ``lang`` attribute ``main.html`` writes on an article body, as written (``lang="zh"``)."""
    return f'lang="{language}"'


def require_binary() -> Path:
    """The Pagefind binary, or a clear error saying how to get one."""
    executable = get_executable()
    if executable is None or not executable.exists():
        where = f" (looked for {executable})" if executable is not None else ""
        raise PagefindMissingError(f"The Pagefind binary was not found{where}. {INSTALL_HINT}")
    return executable


def published_files(files: Iterable[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """A bundle's files as the site publishes (and the cache keeps) them.

    Pagefind's ready-made interfaces are left out: ours drives Material's search box through
    ``pagefind.js``, so the published site carries no dead weight.
    """
    return [(name, content) for name, content in files if name not in _UNUSED_UI]


def write_bundle(site_dir: Path, bundle: Bundle, files: Iterable[tuple[str, bytes]]) -> None:
    """Write a bundle's files beside its folder, then swap them in: no stale or partial file."""
    target = site_dir / bundle.folder
    staging = target.with_name(f".{target.name}.writing")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name, content in files:
        path = staging / name
        if not path.resolve().is_relative_to(staging.resolve()):
            raise IndexingError(f"Pagefind named a bundle file outside its folder: {name!r}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)


def finish_bundle(site_dir: Path, bundle: Bundle) -> int:
    """The pages a written bundle holds."""
    return pages_in(site_dir / bundle.folder)


def pages_in(folder: Path) -> int:
    """Pages a written bundle holds, from its ``pagefind-entry.json`` (0 when nothing matched)."""
    entry = folder / "pagefind-entry.json"
    if not entry.exists():
        return 0
    try:
        languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    except (ValueError, AttributeError) as error:
        raise IndexingError(f"Pagefind wrote an unreadable '{entry}': {error}") from error
    return sum(int(language.get("page_count", 0)) for language in languages.values())


#: Pagefind's ready-made interfaces; ours drives Material's search box through ``pagefind.js``.
_UNUSED_UI = frozenset(
    {
        "pagefind-ui.js",
        "pagefind-ui.css",
        "pagefind-modular-ui.js",
        "pagefind-modular-ui.css",
        "pagefind-component-ui.js",
        "pagefind-component-ui.css",
        "pagefind-highlight.js",
    }
)

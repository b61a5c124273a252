"""Write the Pagefind bundles for a built site: one bundle per article language.

Why one bundle per language rather than Pagefind's usual one bundle for the whole site: Pagefind picks
a page's language from ``<html lang>`` and the browser then searches only the index of the language of
the page it is on. On this site the interface has one language while articles come in two, and a reader
on an English page must still find Chinese articles. So each language gets its own index, built with
``force_language`` (stemming for English, word segmentation for Chinese) from the article bodies marked
with that ``lang`` only; the browser merges them (``mergeIndex``) and each loads only the chunks a query
needs.

Each bundle is made with one ``add_directory`` call: the Python API answers one message per 0.1 s, so
adding 10,000 pages one by one would take minutes.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import PagefindService, get_executable

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
    """One language's search bundle: ``folder`` is relative to the site root and ends with ``/``."""

    language: str
    folder: str


def bundle_for(output_dir: str, language: str) -> Bundle:
    """Where the bundle of ``language`` lives in the site, e.g. ``pagefind/zh/``."""
    return Bundle(language=language, folder=f"{output_dir.strip('/')}/{language}/")


def root_selector(language: str) -> str:
    """The article bodies of one language: ``main.html`` marks them ``data-pagefind-body lang=..``."""
    return f'[data-pagefind-body][lang="{language}"]'


def require_binary() -> Path:
    """The Pagefind binary, or a clear error saying how to get one."""
    executable = get_executable()
    if executable is None or not executable.exists():
        where = f" (looked for {executable})" if executable is not None else ""
        raise PagefindMissingError(f"The Pagefind binary was not found{where}. {INSTALL_HINT}")
    return executable


def write_bundles(site_dir: Path, bundles: Iterable[Bundle]) -> dict[str, int]:
    """Index ``site_dir`` into each bundle (replacing old ones); return pages indexed per language."""
    bundles = list(bundles)
    for bundle in bundles:
        shutil.rmtree(site_dir / bundle.folder, ignore_errors=True)
    require_binary()
    try:
        _run_to_completion(_write(site_dir.resolve(), bundles))
    except Exception as error:  # the service reports its own errors as a bare Exception(message)
        raise IndexingError(f"Pagefind could not index '{site_dir}': {error}") from error
    counts = {}
    for bundle in bundles:
        _drop_unused_ui(site_dir / bundle.folder)
        counts[bundle.language] = pages_in(site_dir / bundle.folder)
    return counts


def pages_in(folder: Path) -> int:
    """Pages a written bundle holds, from its ``pagefind-entry.json`` (0 when nothing matched)."""
    entry = folder / "pagefind-entry.json"
    if not entry.exists():
        return 0
    languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    return sum(int(language.get("page_count", 0)) for language in languages.values())


#: Pagefind's ready-made interfaces; ours drives Material's search box through ``pagefind.js``.
_UNUSED_UI = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def _drop_unused_ui(folder: Path) -> None:
    """Leave only what ``pagefind.js`` loads, so the published site carries no dead weight."""
    for name in _UNUSED_UI:
        (folder / name).unlink(missing_ok=True)


def _run_to_completion(work: Coroutine[object, object, None]) -> None:
    """Run ``work`` on a fresh event loop, in a thread of its own when this one already has a loop.

    MkDocs builds synchronously, but it may be called from code that runs a loop (a notebook, a
    Playwright-driven benchmark), where ``asyncio.run`` refuses to start.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(work)
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, work).result()


async def _write(site_dir: Path, bundles: list[Bundle]) -> None:
    """All bundles at once: the service works on them side by side while this side waits."""
    async with PagefindService() as service:
        await asyncio.gather(*(_write_bundle(service, site_dir, bundle) for bundle in bundles))


async def _write_bundle(service: PagefindService, site_dir: Path, bundle: Bundle) -> None:
    index = await service.create_index(
        {"force_language": bundle.language, "root_selector": root_selector(bundle.language)}
    )
    await index.add_directory(str(site_dir))
    await index.write_files(str(site_dir / bundle.folder))

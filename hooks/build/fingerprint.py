"""What a page's output depends on, reduced to one hash per page (the engine's contract, point 4).

A page is rendered again only when its fingerprint changes. The fingerprint covers: the engine's
cache format, the build's settings (mkdocs.yml, the theme overrides, the installed distributions and
the source of local plugin packages), the navigation (titles and URLs), the page's own source and
address, and what every plugin says it contributes (``site_inputs()`` and ``page_inputs(src_uri)``).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import sys
import sysconfig
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from library.model import Library

#: Bump when the cache's layout or the meaning of a fingerprint changes: old caches are then ignored.
CACHE_FORMAT = 3

#: A page whose source holds a link or an image depends on where the other files live (a link to a
#: page that is gone renders differently and warns); other pages do not. Conservative on purpose.
_LINKS_RE = re.compile(rb"\]\(|\]:|<a\s|href=|src=")
_LINKS_TEXT_RE = re.compile(_LINKS_RE.pattern.decode("ascii"))


def digest(parts: Iterable[str | bytes]) -> str:
    """One hex hash of ``parts``, each length-prefixed so that no two sequences collide."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def describe(value: object) -> str:
    """A plugin's ``page_inputs``/``site_inputs`` text for ``value``: stable JSON of its data.

    Dataclasses are written as their fields, dates and paths as ``str``. Not
    ``dataclasses.asdict``: it deep-copies every value, and four plugins describing each of 10,000
    pages with it took 4.7 s of a one-edit rebuild.
    """
    return json.dumps(value, sort_keys=True, default=_plain, ensure_ascii=False)


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: getattr(value, name) for name in _field_names(type(value))}
    return str(value)


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names, asked once per class (``fields()`` builds them every call)."""
    return tuple(field.name for field in dataclasses.fields(kind))


def settings_digest(config: MkDocsConfig) -> str:
    """mkdocs.yml, the effective address settings, the overrides, versions and local plugin code."""
    return digest(
        [
            str(CACHE_FORMAT),
            _file_bytes(config.config_file_path),
            str(config.site_url),
            str(config.use_directory_urls),
            *_folder_parts(_custom_dir(config)),
            *_distribution_versions(),
            *_local_sources(config),
        ]
    )


def navigation_digest(nav: Navigation) -> str:
    """Titles and URLs of everything in the navigation, in order."""
    return digest(_nav_parts(nav.items, depth=0))


def files_digest(files: Files) -> str:
    """Where every file of the site is written: what a link from one page to another resolves to."""
    return digest(f"{file.src_uri}\0{file.dest_uri}" for file in files)


def site_inputs(config: MkDocsConfig) -> str:
    """What every plugin contributes to every page alike, in plugin order."""
    return digest(f"{name}\0{_call(plugin, 'site_inputs')}" for name, plugin in _plugins(config))


def page_fingerprinter(
    config: MkDocsConfig, *, site: str, files_hash: str, library: Library | None = None
) -> Callable[[Page, bool], str]:
    """The fingerprint of each page (equal fingerprints give byte-identical output).

    Each plugin's ``page_inputs`` is looked up once, and a page's parts are hashed as one JSON
    text followed by its source (a JSON array ends where it ends, so no two pages' parts run
    into each other): at 10,000 pages, a hash update per part took a third of the page loop.
    An article of ``library`` stands for its source by the hash of the text the Library read
    (MkDocs renders that same text), so its file is not read and hashed a second time.
    """
    inputs = [(name, getattr(plugin, "page_inputs", None)) for name, plugin in _plugins(config)]
    records = library.records if library is not None else {}

    def fingerprint(page: Page, excluded: bool) -> str:
        file = page.file
        src_uri = file.src_uri
        record = records.get(src_uri)
        if record is not None:
            source, linked = f"text {record.content_hash}".encode(), has_links(record.body)
        else:
            source = file.content_bytes
            linked = has_links(source)
        parts = [
            site,
            src_uri,
            file.dest_uri,
            file.url,
            excluded,
            files_hash if linked else "",
            [[name, str(method(src_uri)) if callable(method) else ""] for name, method in inputs],
        ]
        hasher = hashlib.blake2b(json.dumps(parts, ensure_ascii=False).encode(), digest_size=20)
        hasher.update(source)
        return hasher.hexdigest()

    return fingerprint


def has_links(source: bytes | str) -> bool:
    """Whether a page's source may link to another file (:data:`_LINKS_RE`, conservative).

    Each of the regular expression's forms holds ``]``, ``<`` or ``=``: most articles have none
    of the three, and looking for one character is some thirty times faster than the expression.
    """
    if isinstance(source, str):
        if "]" not in source and "<" not in source and "=" not in source:
            return False
        return _LINKS_TEXT_RE.search(source) is not None
    if b"]" not in source and b"<" not in source and b"=" not in source:
        return False
    return _LINKS_RE.search(source) is not None


def _plugins(config: MkDocsConfig) -> Iterator[tuple[str, object]]:
    seen: set[int] = set()
    for name, plugin in config.plugins.items():
        if id(plugin) not in seen:  # secretariat/search also stands in as material/search
            seen.add(id(plugin))
            yield name, plugin


def _call(plugin: object, method: str, *args: str) -> str:
    function = getattr(plugin, method, None)
    return str(function(*args)) if callable(function) else ""


def _nav_parts(items: Iterable[object], depth: int) -> Iterator[str]:
    for item in items:
        if isinstance(item, Section):
            yield f"{depth}\0section\0{item.title}"
            yield from _nav_parts(item.children, depth + 1)
        elif isinstance(item, Page):
            yield f"{depth}\0page\0{item.title}\0{item.url}"
        elif isinstance(item, Link):
            yield f"{depth}\0link\0{item.title}\0{item.url}"


def _file_bytes(path: str | None) -> bytes:
    return Path(path).read_bytes() if path and Path(path).is_file() else b""


def _custom_dir(config: MkDocsConfig) -> Path | None:
    custom = config.theme.custom_dir
    return Path(custom) if custom else None


def _folder_parts(folder: Path | None) -> Iterator[str | bytes]:
    if folder is None or not folder.is_dir():
        return
    paths = (p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(paths):
        yield path.relative_to(folder).as_posix()
        yield _source_digest(path)


#: Digests of source files by path, with the (size, mtime, inode) they were read at.
_SOURCE_DIGESTS: dict[Path, tuple[tuple[int, int, int], str]] = {}


def _source_digest(path: Path) -> str:
    """The digest of a theme override or a local plugin file, read again only once it changed.

    ``mkdocs serve`` fingerprints every rebuild: re-reading the project's ~150 source files each
    time cost 0.07 s of every save. A file is trusted while its size, modification time and inode
    stay as they were (the build engine trusts its kept pages on the same terms).
    """
    stat = path.stat()
    stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    known = _SOURCE_DIGESTS.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    value = digest([path.read_bytes()])
    _SOURCE_DIGESTS[path] = (stamp, value)
    return value


def _distribution_versions() -> list[str]:
    """Every installed distribution, pinned or not: a changed version changes the output.

    Read from the names of the ``*.dist-info`` / ``*.egg-info`` entries on ``sys.path`` (which
    carry name and version), not from each distribution's METADATA: parsing 200 METADATA files
    took over a second of every build.
    """
    found: set[str] = set()
    started_in = str(Path.cwd())
    for folder in sys.path:
        if folder in ("", started_in):
            # Where the command was started (``python -m``), not where anything is installed:
            # the project's own egg-info there would make `make site` and `python -m mkdocs`
            # disagree about every page.
            continue
        try:
            entries = [entry.name for entry in Path(folder or ".").iterdir()]
        except OSError:
            continue
        found.update(entry for entry in entries if entry.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def _local_sources(config: MkDocsConfig) -> Iterator[str | bytes]:
    """The code of the site's local plugin packages and of the packages beside them.

    An editable install (the project's own ``hooks/`` and ``library/``) keeps its version number
    while its code changes, so the code itself is part of the fingerprint. Which code: the
    top-level package of every configured plugin that is not installed in site-packages, and every
    imported top-level package in the same folder as one of those (``library/`` beside ``hooks/``).
    Not every module this process happens to hold: a profiler, a wrapper script or a test runner
    would then change every page's fingerprint, and a cache made through one entry point would be
    useless through another (a cProfile run rendered all 10,425 pages of an unchanged site).
    """
    homes = {root.parent for root in _plugin_roots(config)}
    roots = {root for root in _imported_roots() if root.parent in homes}
    for root in sorted(roots):
        yield from _folder_parts(root) if root.is_dir() else (root.as_posix(), _source_digest(root))


def _plugin_roots(config: MkDocsConfig) -> Iterator[Path]:
    """The top-level package (or module) of each plugin, when it is local code."""
    for _, plugin in _plugins(config):
        if isinstance(plugin, ModuleType):  # a ``hooks:`` entry is the module itself
            root = _local_root(plugin)
        else:
            root = _local_root(sys.modules.get(type(plugin).__module__.partition(".")[0]))
        if root is not None:
            yield root


def _imported_roots() -> Iterator[Path]:
    for name, module in list(sys.modules.items()):
        if "." not in name and name != "__main__":
            root = _local_root(module)
            if root is not None:
                yield root


def _local_root(module: object) -> Path | None:
    """The folder of a package, or the file of a module, outside site-packages and the stdlib."""
    location = getattr(module, "__file__", None)
    if not location:
        return None
    path = Path(location).resolve()
    if "site-packages" in path.parts or path.is_relative_to(_stdlib()):
        return None
    return path.parent if path.name == "__init__.py" else path


@functools.cache
def _stdlib() -> Path:
    """The standard library's folder (asked once: it is the same for every module)."""
    return Path(sysconfig.get_paths()["stdlib"]).resolve()

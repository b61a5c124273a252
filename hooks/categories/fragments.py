"""Hack: Material's navigation and tabs rendered once per section, its translations looked up once.

mkdocs-material 9.8.2 renders ``partials/nav.html`` and ``partials/tabs.html`` into every page: a
recursive macro over the whole navigation, about a quarter of a page's template time. On a page that
is not itself in the navigation (an article, a list's page 2) both partials depend only on

- which sections are open: the page's ancestors, which MkDocs marks active while it renders it;
- the navigation's links as this page writes them: the ``url`` filter makes each link relative to
  the page, so pages in one folder write the same links;
- what is the same for every page of a build (the navigation, the config, the translations).

So :class:`FragmentCache` keys each rendering by exactly those two things and renders Material's
own template only on a miss: every page in a section gets the same bytes it would have rendered.
A page that is in the navigation draws its own table of contents into it, so it is always rendered.

Our own search box (``overrides/partials/search.html``, in every page's header) depends only on its
settings and on how the page writes its three links, so it is rendered once per folder depth; the
Popular list beside an article, on its list and how the page writes the list's links.

Material's ``lang.t(key)`` (``partials/language.html``), called some thirty times a page, builds
its whole table of translations on every call; its answer depends only on the key and the site's
language, so :class:`Translations` asks it once per key and build.

How: :func:`install` puts a one-line stand-in for each partial in front of the theme's loader; the
stand-in calls the cache, which renders the theme's own file (reachable under :data:`ORIGINAL`)
with the page's context. Only when the theme's file is Material's own (no ``custom_dir`` override)
and Material is :data:`SUPPORTED_MATERIAL`; otherwise the theme renders as it always did.
``tests/hooks/test_categories_fragments.py`` fails when Material's templates change, so the key's
assumptions are read again then.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import jinja2
from jinja2.runtime import Context
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

#: The Material release whose partials were read for the key below.
SUPPORTED_MATERIAL = "9.8.2"
#: The partials cached, each the same for every page outside the navigation with one key.
CACHED_PARTIALS = ("partials/nav.html", "partials/tabs.html")
#: The prefix under which the theme's own partial stays reachable behind its stand-in.
ORIGINAL = "secretariat-theme-original"
#: Our search box (overrides/partials/search.html): the same on every page that writes its three
#: links alike. It reads only these variables (tests/hooks/test_categories_fragments.py checks).
SEARCH = "partials/search.html"
SEARCH_VARIABLES = frozenset({"config", "lang", "base_url", "secretariat_search"})
SEARCH_LINKS = (".", "assets/secretariat/search.css", "assets/secretariat/search.js")
#: The Popular list beside an article (overrides/partials/popular-sidebar.html): the same on every
#: article of a category that is not itself in the list, once its links are written alike.
POPULAR = "partials/popular-sidebar.html"
POPULAR_VARIABLES = frozenset({"config", "popular"})
#: Our partials that are cached, by what they read.
OWN_PARTIALS = (SEARCH, POPULAR)
#: The prefix under which the project's own overrides stay reachable behind a stand-in.
OURS = "secretariat-theme-custom"
#: The name of the cache among the templates' globals.
GLOBAL = "secretariat_fragment"
#: The translations partial, and the name of its memo among the templates' globals.
LANGUAGE = "partials/language.html"
TRANSLATE = "secretariat_translate"

Key = tuple[object, ...]


class FragmentCache:
    """Rendered partials of one build, keyed by a page's open sections and its links' spelling."""

    def __init__(
        self,
        env: jinja2.Environment,
        nav: Navigation,
        extra_urls: Sequence[str],
        sources: dict[str, str] | None = None,
    ) -> None:
        self._env = env
        self._in_nav = frozenset(id(page) for page in nav.pages)
        self._spelling = LinkSpelling((*extra_urls, *_link_targets(nav.items)))
        self._search_spelling = LinkSpelling(SEARCH_LINKS)
        #: Where each stand-in's own template is found (its name behind the stand-in).
        self._sources = sources or {}
        self._rendered: dict[Key, str] = {}
        self.hits = 0

    @jinja2.pass_context
    def __call__(self, context: Context, name: str) -> str:
        """The partial ``name`` as the theme renders it for this page (from the cache if it can)."""
        key = self.key(name, context.get("page"), context)
        cached = self._rendered.get(key) if key is not None else None
        if cached is not None:
            self.hits += 1
            return cached
        source = self._sources.get(name, f"{ORIGINAL}/{name}")
        html = self._env.get_template(source).render(context.get_all())
        if key is not None:
            self._rendered[key] = html
        return html

    def key(self, name: str, page: object, context: Any = None) -> Key | None:
        """What ``name`` depends on for ``page``; None when the page must render it itself."""
        if not isinstance(page, Page):
            return None
        if name == SEARCH:
            box = context.get("secretariat_search") if context is not None else None
            links = self._search_spelling.key(page.url)
            return None if links is None or not _hashable(box) else (name, links, box)
        if name == POPULAR:
            popular = context.get("popular") if context is not None else None
            if not _hashable(popular):
                return None
            items = getattr(popular, "items", ())
            return name, popular, tuple(normalize_url(item.url, page=page) for item in items)
        if id(page) in self._in_nav:
            return None
        spelling = self._spelling.key(page.url)
        if spelling is None:
            return None
        return name, tuple(id(ancestor) for ancestor in page.ancestors), spelling


class LinkSpelling:
    """Tells, cheaply, when two pages write every one of a set of site URLs alike.

    MkDocs' ``url`` filter writes a link relative to the page's folder ``P`` (its URL without a
    file name): ``..`` for each part of ``P`` past the common start, then the rest of the target.
    With ``P = D + [last]``: when no target lies inside ``D/last``, the common start with every
    target is the same as for any other such folder in ``D``, so all those pages write every link
    alike and share the key ``(D, len(P))``. A page that holds a target inside its own folder gets
    no key. This saves working out fifty relative links per page to compare them.
    """

    def __init__(self, targets: Iterable[str]) -> None:
        self._inside: dict[tuple[str, ...], set[str]] = {}
        for target in targets:
            parts = _site_parts(normalize_url(target))
            for depth in range(len(parts)):
                self._inside.setdefault(tuple(parts[:depth]), set()).add(parts[depth])

    def key(self, page_url: str) -> tuple[tuple[str, ...], int] | None:
        """``(D, len(P))`` for a page at ``page_url``; None when some target is in its folder."""
        folder, _, name = page_url.rpartition("/")
        parts = _site_parts(folder if "." in name else page_url)
        if not parts:
            return None
        parent = tuple(parts[:-1])
        if parts[-1] in self._inside.get(parent, ()):
            return None
        return parent, len(parts)


def _site_parts(path: str) -> list[str]:
    """A URL path as MkDocs compares it: normalised, without leading slash, split at slashes."""
    normal = posixpath.normpath("/" + path)[1:]
    return normal.split("/") if normal else []


class Translations:
    """Material's ``lang.t``, asked once per key: the answers only depend on the site's language."""

    def __init__(self, env: jinja2.Environment, config: Any) -> None:
        self._env = env
        self._config = config
        self._module: Any = None
        self._answers: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        answer = self._answers.get(key)
        if answer is None:
            if self._module is None:
                original = self._env.get_template(f"{ORIGINAL}/{LANGUAGE}")
                self._module = original.make_module({"config": self._config})
            answer = self._answers[key] = str(self._module.t(key))
        return answer


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def install(
    env: jinja2.Environment, nav: Navigation, extra_urls: Sequence[str], config: Any
) -> bool:
    """Cache the partials of :data:`CACHED_PARTIALS` that are Material's own; True if any is.

    ``extra_urls``: what the partials link to besides the navigation (the logo's image and home
    link from the config), so that the key holds every URL they write. ``config``: the build's,
    which the translations partial reads.
    """
    if version("mkdocs-material") != SUPPORTED_MATERIAL or env.loader is None:
        return False
    material = Path(_material_templates())
    custom_dir = config.theme.custom_dir if config is not None else None
    stand_ins: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name in (*CACHED_PARTIALS, LANGUAGE, *OWN_PARTIALS):
        try:
            _, filename, _ = env.loader.get_source(env, name)
        except jinja2.TemplateNotFound:
            continue
        if name in OWN_PARTIALS:
            if custom_dir and filename and Path(filename) == Path(custom_dir) / name:
                stand_ins[name] = f"{{{{ {GLOBAL}({name!r}) }}}}"
                sources[name] = f"{OURS}/{name}"
            continue
        if filename is None or Path(filename) != material / name:
            continue
        if name == LANGUAGE:
            stand_ins[name] = f"{{% macro t(key) %}}{{{{ {TRANSLATE}(key) }}}}{{% endmacro %}}"
        else:
            stand_ins[name] = f"{{{{ {GLOBAL}({name!r}) }}}}"
    if not stand_ins:
        return False
    env.loader = jinja2.ChoiceLoader(
        [
            jinja2.DictLoader(stand_ins),
            jinja2.PrefixLoader(
                {
                    ORIGINAL: jinja2.FileSystemLoader(str(material)),
                    OURS: jinja2.FileSystemLoader(str(custom_dir or material)),
                }
            ),
            env.loader,
        ]
    )
    env.globals[GLOBAL] = FragmentCache(env, nav, extra_urls, sources)
    env.globals[TRANSLATE] = Translations(env, config)
    return True


def _material_templates() -> str:
    """Material's template folder, found without importing the theme."""
    spec = find_spec("material")
    assert spec is not None and spec.origin is not None, "mkdocs-material is not installed"
    return str(Path(spec.origin).parent / "templates")


def _link_targets(items: Sequence[Any]) -> Iterable[str]:
    """The URL of every page and link in the navigation, sections' children included."""
    for item in items:
        if isinstance(item, (Page, Link)):
            yield item.url
        if isinstance(item, Section):
            yield from _link_targets(item.children)

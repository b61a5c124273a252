"""Each article's final Recommended list: the editor's pins first, then the most similar articles.

The rules a reader and an editor can rely on:

- pins (``recommended:`` in front matter, site paths such as ``reports/annual/x.md``) come first,
  in the editor's order, all of them even past the limit (an editor who pins seven means seven);
- the computed part fills the list up to ``limit`` and never repeats a pin;
- ``not_recommended:`` removes pages from the computed part (a pin says more than an exclusion);
- the article itself never appears, nor does any page twice;
- the same library gives the same lists on every run: articles are ranked in path order, ties by
  path.

A pin or exclusion naming a page that does not exist is reported as a :class:`Problem`; the plugin
turns those into strict-mode warnings naming the file.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass

from hooks.recommended.similarity import Profile, neighbours
from hooks.recommended.tokens import TermVector


@dataclass(frozen=True)
class Article:
    """An article as the recommender sees it; ``path`` is a site path (``reports/annual/x.md``)."""

    path: str
    #: Its term vector (:func:`~hooks.recommended.tokens.term_vector`), or readable term counts.
    counts: TermVector | Mapping[str, int]
    subcategory: str | None = None
    tags: tuple[str, ...] = ()
    pins: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """A pin or exclusion in ``article``'s front matter ``key`` that names no page."""

    article: str
    key: str
    target: str

    def __str__(self) -> str:
        return (
            f"'{self.key}' in front matter of '{self.article}' names '{self.target}', "
            "which is not a page of this site. "
            "Write the page's path inside docs/, such as 'reports/annual/x.md'."
        )


@dataclass
class Settings:
    """The ranking knobs, from the plugin's configuration."""

    limit: int = 5
    subcategory_boost: float = 0.0
    tag_boost: float = 0.0


def site_path(reference: str) -> str:
    """Normalise an editor's page reference: ``/reports/x.md`` and ``./reports/x.md`` agree."""
    path = reference.strip().replace("\\", "/")
    while path.startswith(("./", "/")):
        path = path[2:] if path.startswith("./") else path[1:]
    return path


def recommend(
    articles: Sequence[Article], settings: Settings, pages: Container[str], threads: int = 1
) -> tuple[dict[str, list[str]], list[Problem]]:
    """Every article's list of site paths, and the pins/exclusions naming no page in ``pages``.

    ``threads`` share the similarity computation; the lists do not depend on their number.
    """
    ordered = sorted(articles, key=lambda a: a.path)
    problems = find_problems(ordered, pages)
    # Ask for enough candidates that pins and exclusions removed from the top still leave ``limit``.
    spare = max((len(a.pins) + len(a.exclusions) for a in ordered), default=0)
    similar = neighbours(
        [Profile(a.counts, a.subcategory, a.tags) for a in ordered],
        settings.limit + spare,
        subcategory_boost=settings.subcategory_boost,
        tag_boost=settings.tag_boost,
        threads=threads,
    )
    lists = {
        article.path: _merge(article, [ordered[i].path for i in candidates], settings.limit, pages)
        for article, candidates in zip(ordered, similar, strict=True)
    }
    return lists, problems


def find_problems(articles: Sequence[Article], pages: Container[str]) -> list[Problem]:
    """The pins and exclusions naming no page in ``pages``, in the order of ``articles``."""
    return [
        Problem(article.path, key, target)
        for article in articles
        for key, targets in (("recommended", article.pins), ("not_recommended", article.exclusions))
        for target in targets
        if site_path(target) not in pages
    ]


def _merge(article: Article, similar: list[str], limit: int, pages: Container[str]) -> list[str]:
    chosen: list[str] = []
    for pin in map(site_path, article.pins):
        if pin in pages and pin != article.path and pin not in chosen:
            chosen.append(pin)
    excluded = {site_path(e) for e in article.exclusions}
    for path in similar:
        if len(chosen) >= limit:
            break
        if path != article.path and path not in chosen and path not in excluded:
            chosen.append(path)
    return chosen

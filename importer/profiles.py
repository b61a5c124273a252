"""Site profiles: one YAML data file per source template, read into typed records.

A profile says where a template keeps its title, breadcrumb, body, date and read counter, which
clutter to drop, and (for the crawler) which links lead to articles. Adding a source site means
adding a data file, not code. See ``importer/profiles/*.yaml`` for the shipped ones.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from lxml.html import HtmlElement

from importer.page_tree import compile_selector, select_one_in_page

PROFILE_DIR = Path(__file__).parent / "profiles"


class ProfileError(ValueError):
    """A profile file that cannot be used, or a profile name that does not exist."""


@dataclass(frozen=True)
class LinkRules:
    """How the crawler walks a source site's category listings."""

    article: str  # CSS selector of article links on a listing page
    next_page: str | None = None  # CSS selector of the "next page" link
    deny: tuple[str, ...] = ()  # regexes of URLs never to follow


@dataclass(frozen=True)
class Fields:
    """CSS selectors for the parts of an HTML article page."""

    title: str
    body: str
    subtitle: str | None = None
    breadcrumb: str | None = None
    date: str | None = None
    views: str | None = None
    tags: str | None = None


@dataclass(frozen=True)
class Profile:
    """One source template. HTML profiles use ``fields``; the text-dump profile uses the ``*_line``s."""

    name: str
    kind: Literal["html", "text"]
    description: str = ""
    match_selector: str | None = None
    match_url: str | None = None
    fields: Fields | None = None
    breadcrumb_skip: tuple[str, ...] = ()
    breadcrumb_line: str | None = None
    breadcrumb_separator: str = ">"
    title_artifacts: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    drop_phrases: tuple[str, ...] = ()
    links: LinkRules | None = None

    def matches(self, tree: HtmlElement, url: str | None) -> bool:
        """Whether an HTML page comes from this profile's template."""
        if self.kind != "html":
            return False
        if self.match_url and not (url and re.search(self.match_url, url)):
            return False
        if not self.match_selector:
            return False
        return select_one_in_page(tree, self.match_selector) is not None


def load_profile(path: Path) -> Profile:
    """Read one profile file; every mistake names the file and the key."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ProfileError(f"Cannot read profile '{path}': {error}") from None
    if not isinstance(data, dict):
        raise ProfileError(f"Profile '{path}' is not a mapping of keys to values")
    try:
        return _profile_from_mapping(data)
    except (KeyError, TypeError, ValueError) as error:
        raise ProfileError(f"Profile '{path}': {error}") from None


def _profile_from_mapping(data: dict[str, Any]) -> Profile:
    kind = data.get("kind")
    if kind not in ("html", "text"):
        raise ValueError(f"'kind' must be 'html' or 'text' (got {kind!r})")
    match = data.get("match") or {}
    fields = data.get("fields")
    links = data.get("links")
    if kind == "html" and not (fields and fields.get("title") and fields.get("body")):
        raise ValueError("an html profile needs 'fields' with at least 'title' and 'body'")
    if kind == "html" and not match.get("selector"):
        raise ValueError("an html profile needs 'match: {selector: ...}'")
    profile = Profile(
        name=str(data["name"]),
        kind=kind,
        description=str(data.get("description", "")),
        match_selector=match.get("selector"),
        match_url=match.get("url"),
        fields=Fields(**fields) if fields else None,
        breadcrumb_skip=_strings(data, "breadcrumb_skip"),
        breadcrumb_line=data.get("breadcrumb_line"),
        breadcrumb_separator=str(data.get("breadcrumb_separator", ">")),
        title_artifacts=_strings(data, "title_artifacts"),
        drop=_strings(data, "drop"),
        drop_phrases=_strings(data, "drop_phrases"),
        links=LinkRules(
            article=links["article"],
            next_page=links.get("next_page"),
            deny=tuple(links.get("deny") or ()),
        )
        if links
        else None,
    )
    for selector in _page_selectors(profile):
        compile_selector(selector)  # once per profile; a bad one is reported when it loads
    return profile


def _page_selectors(profile: Profile) -> list[str]:
    """The selectors the importer runs on pages (the crawler's link rules go to Scrapy)."""
    fields = profile.fields
    found = [profile.match_selector, *(vars(fields).values() if fields else ())]
    if profile.drop:
        found.append(", ".join(profile.drop))
    return [selector for selector in found if selector]


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ValueError(f"'{key}' must be a list")
    return tuple(str(item) for item in value)


@functools.cache
def load_profiles(directory: Path = PROFILE_DIR) -> tuple[Profile, ...]:
    """All profiles in a folder, in file-name order (so the first match is predictable)."""
    return tuple(load_profile(path) for path in sorted(directory.glob("*.yaml")))


def get_profile(name: str, directory: Path = PROFILE_DIR) -> Profile:
    """The profile called ``name``, or an error listing the ones there are."""
    profiles = load_profiles(directory)
    for profile in profiles:
        if profile.name == name:
            return profile
    known = ", ".join(p.name for p in profiles)
    raise ProfileError(f"No site profile named '{name}' (known profiles: {known})")


def text_profile(directory: Path = PROFILE_DIR) -> Profile:
    """The profile for plain-text dumps."""
    for profile in load_profiles(directory):
        if profile.kind == "text":
            return profile
    raise ProfileError(f"No text-dump profile in '{directory}'")


def all_drop_phrases(directory: Path = PROFILE_DIR) -> tuple[str, ...]:
    """Every profile's widget labels: the generic extractor drops these too."""
    phrases: dict[str, None] = {}
    for profile in load_profiles(directory):
        phrases.update(dict.fromkeys(profile.drop_phrases))
    return tuple(phrases)

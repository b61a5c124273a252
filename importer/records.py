"""The small typed records that flow one way through the import pipeline.

fetch/read -> :class:`RawPage` -> decode -> :class:`DecodedPage` -> extract -> :class:`ExtractedPage`
-> clean -> convert -> :class:`Article` -> write -> :class:`Outcome`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from dataclasses import dataclass, field
from typing import Literal

from library.frontmatter import FrontMatter, dump


class ImportProblem(Exception):
    """A page that cannot become an article; the message says why, the caller names the source."""


@dataclass(frozen=True)
class RawPage:
    """Bytes as they arrived, before anything is decoded."""

    source: str  # what the user named: a file path or a URL
    data: bytes
    charset: str | None = None  # from an HTTP Content-Type header, when there was one
    url: str | None = None  # the page's own URL, used to resolve relative links


@dataclass(frozen=True)
class DecodedPage:
    """Text, with the kind of document it is."""

    source: str
    text: str
    kind: Literal["html", "text"]
    url: str | None = None
    warnings: tuple[str, ...] = ()  # e.g. stray bytes replaced; they reach the user's report


@dataclass(frozen=True)
class ExtractedPage:
    """What a profile (or the generic extractor) found; the body is still HTML."""

    source: str
    profile: str
    title: str
    body_html: str
    breadcrumb: tuple[str, ...] = ()
    subtitle: str | None = None
    date: dt.date | None = None
    views: int | None = None
    tags: tuple[str, ...] = ()
    category_hint: str | None = None  # from page metadata, when there is no breadcrumb
    url: str | None = None
    warnings: tuple[str, ...] = ()  # decoding and extraction warnings, for the user's report


@dataclass(frozen=True)
class Article:
    """A finished article: front matter plus a Markdown body, ready to be written."""

    front: FrontMatter
    body: str
    relative_path: str  # e.g. "secretarial-knowledge/conference-speech/the-main-results.md"
    warnings: tuple[str, ...] = ()

    @functools.cached_property
    def text(self) -> str:
        """The article's file: front matter, then the body (:func:`library.frontmatter.dump`).

        Rendered once per article, and kept in the instance's ``__dict__``, so an article a
        worker process rendered reaches the writing process with its text (pickle keeps the
        ``__dict__``): the YAML is not rendered again in the one process that writes. An article
        made with ``dataclasses.replace`` (a new front matter) renders its own.
        """
        return dump(self.front, self.body)


class Status(enum.StrEnum):
    IMPORTED = "imported"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Outcome:
    """What happened to one source, for the progress display and the final summary."""

    source: str
    status: Status
    path: str | None = None
    message: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # imported, but the user should know (printed to stderr)

"""What learning produces: each selector with the pages it came from and the rule that chose it."""

from __future__ import annotations

from dataclasses import dataclass


class NoSharedTemplate(ValueError):
    """The pages are not of one template (or not article pages): nothing is learned."""


@dataclass(frozen=True)
class Learned:
    """One learned selector, with the pages it was learned from and the rule that chose it."""

    selector: str
    pages: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class LearnedLinks:
    article: Learned
    next_page: Learned | None = None


@dataclass(frozen=True)
class LearnedProfile:
    """Everything a profile file holds, each part with its provenance, ready to be written."""

    name: str
    description: str
    pages: tuple[str, ...]
    match: Learned
    fields: dict[str, Learned]
    breadcrumb_skip: tuple[str, ...] = ()
    drop: tuple[Learned, ...] = ()
    links: LearnedLinks | None = None

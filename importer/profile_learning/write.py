"""Write a learned profile as a commented YAML file that a person reviews before trusting it.

Values go through ``yaml.safe_dump`` one key at a time (a selector full of quotes and brackets
stays valid YAML); comments are whole lines added between them, saying which pages each selector
was learned from and by which rule. The text is loaded back with the profile loader before the file
is written, so a file that would not load is never left behind.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml

from importer.atomic import atomic_write_text
from importer.profile_learning.learned import Learned, LearnedProfile
from importer.profiles import ProfileError, load_profile


def _dump(value: Any) -> list[str]:
    text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1000)
    return text.rstrip("\n").split("\n")


def _indent(lines: list[str], by: int) -> list[str]:
    return [" " * by + line for line in lines]


def _provenance(learned: Learned, all_pages: tuple[str, ...], indent: int = 0) -> list[str]:
    pages = "all pages" if learned.pages == all_pages else ", ".join(learned.pages)
    return [" " * indent + f"# {learned.reason}; learned from {pages}"]


def render_profile(profile: LearnedProfile) -> str:
    """The profile file's text: keys in the shipped profiles' order, each with its comment."""
    lines = [
        f"# Site profile learned by `python -m importer profile learn` from {len(profile.pages)} "
        "article pages:",
        *(f"#   {label}" for label in profile.pages),
        "# Review each selector before relying on it: the comments say where each came from.",
    ]
    lines += _dump({"name": profile.name, "kind": "html", "description": profile.description})
    lines += _provenance(profile.match, profile.pages)
    lines += _dump({"match": {"selector": profile.match.selector}})
    lines.append("fields:")
    for key, learned in profile.fields.items():
        lines += _provenance(learned, profile.pages, indent=2)
        lines += _indent(_dump({key: learned.selector}), 2)
    if profile.breadcrumb_skip:
        lines.append("# the first breadcrumb link on every page, not a category")
        lines += _dump({"breadcrumb_skip": list(profile.breadcrumb_skip)})
    if profile.drop:
        lines.append("drop:")
        for learned in profile.drop:
            lines += _provenance(learned, profile.pages, indent=2)
            lines += _indent(_dump([learned.selector]), 2)
    if profile.links:
        lines.append("links:")
        lines += _provenance(profile.links.article, (), indent=2)
        lines += _indent(_dump({"article": profile.links.article.selector}), 2)
        if profile.links.next_page:
            lines += _provenance(profile.links.next_page, (), indent=2)
            lines += _indent(_dump({"next_page": profile.links.next_page.selector}), 2)
    return "\n".join(lines) + "\n"


def write_profile(profile: LearnedProfile, target: Path) -> None:
    """Check that the rendered profile loads, then write it atomically to ``target``."""
    text = render_profile(profile)
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / target.name
        trial.write_text(text, encoding="utf-8")
        try:
            load_profile(trial)
        except ProfileError as error:  # a bug here, never the user's: say so plainly
            raise ProfileError(
                f"the learned profile does not load ({error}); nothing written"
            ) from None
    atomic_write_text(target, text)

"""The one definition of an article's front matter.

The importer writes it and the site plugins read and validate it, so both sides import this module
instead of agreeing on key names by convention. YAML is always produced with ``yaml.safe_dump``:
front matter built by string concatenation breaks on titles with ``:``, ``#``, quotes or ``---``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

#: Keys that mkdocs-material itself understands; editors may use them beside ours.
THEME_KEYS = frozenset({"hide", "template", "icon", "status", "search", "subtitle", "comments"})

#: libyaml's safe loader is ~9x faster than the pure-Python one, which matters at thousands of
#: articles per build; both accept the same documents.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Front matter is delimited like MkDocs expects: a ``---`` line, YAML, a ``---`` line.
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)

#: The theme prints titles and descriptions unescaped (in <title>, the nav, meta tags), so markup in
#: a value would run in every reader's browser: values must be plain text.
_MARKUP_RE = re.compile(r"<[A-Za-z/!?]")


class FrontMatterError(ValueError):
    """A front-matter problem, phrased for the editor who has to fix ``path``."""

    def __init__(self, path: str, key: str | None, problem: str, fix: str = "") -> None:
        self.path, self.key, self.problem, self.fix = path, key, problem, fix
        where = f"'{key}' in front matter of '{path}'" if key else f"front matter of '{path}'"
        message = f"Error in {where}: {problem}"
        super().__init__(f"{message}. {fix}" if fix else message)


@dataclass(frozen=True)
class FrontMatter:
    """An article's metadata, in the order it is written to the file."""

    title: str
    category: str
    subcategory: str | None = None
    subtitle: str | None = None
    source: str | None = None
    imported: dt.date | None = None
    date: dt.date | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    views: int | None = None
    hash: str | None = None
    # Editors' controls for the Recommended list: site paths such as ``reports/annual/x.md``.
    recommended: tuple[str, ...] = ()
    not_recommended: tuple[str, ...] = ()
    #: Unknown-to-us keys that the theme understands (``hide``, ``template`` ...), kept verbatim.
    theme: Mapping[str, Any] = field(default_factory=dict)

    def to_mapping(self) -> dict[str, Any]:
        """The YAML mapping: empty optional fields are left out so hand-written files stay short."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name == "theme":
                continue
            value = getattr(self, f.name)
            if value is None or value == ():
                continue
            out[f.name] = list(value) if isinstance(value, tuple) else value
        out.update(self.theme)
        return out


#: Every key an article may carry; anything else is an editor's typo.
SCHEMA_KEYS = frozenset(f.name for f in dataclasses.fields(FrontMatter) if f.name != "theme")
KNOWN_KEYS = SCHEMA_KEYS | THEME_KEYS
REQUIRED_KEYS = ("title", "category")


def dump(front: FrontMatter, body: str) -> str:
    """Render a complete Markdown file: front matter, a blank line, then the body."""
    yaml_text = yaml.safe_dump(
        front.to_mapping(),
        allow_unicode=True,
        sort_keys=False,
        width=1000,
        default_flow_style=False,
    )
    return f"---\n{yaml_text}---\n\n{body.strip()}\n"


def split(text: str) -> tuple[dict[str, Any], str]:
    """Separate a Markdown file into its raw front-matter mapping and its body."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return {}, text
    loaded = yaml.load(match.group(1) or "", Loader=_SAFE_LOADER) or {}
    if not isinstance(loaded, dict):
        raise ValueError("front matter is not a mapping of keys to values")
    return loaded, text[match.end() :]


def from_mapping(meta: Mapping[str, Any], path: str) -> FrontMatter:
    """Validate a front-matter mapping, raising a :class:`FrontMatterError` that names the fix."""
    unknown = sorted(set(meta) - KNOWN_KEYS)
    if unknown:
        raise FrontMatterError(
            path,
            unknown[0],
            "unknown key",
            f"Known keys are: {', '.join(sorted(SCHEMA_KEYS))} (and the theme's {', '.join(sorted(THEME_KEYS))}).",
        )
    for key in REQUIRED_KEYS:
        if not _text(meta.get(key)):
            raise FrontMatterError(path, key, "is missing", f"Add a line such as '{key}: ...'.")
    return FrontMatter(
        title=_required_text(meta, "title", path),
        category=_required_text(meta, "category", path),
        subcategory=_optional_text(meta, "subcategory", path),
        subtitle=_optional_text(meta, "subtitle", path),
        source=_optional_text(meta, "source", path),
        imported=_optional_date(meta, "imported", path),
        date=_optional_date(meta, "date", path),
        description=_optional_text(meta, "description", path),
        tags=_text_list(meta, "tags", path),
        views=_optional_count(meta, "views", path),
        hash=_optional_text(meta, "hash", path),
        recommended=_text_list(meta, "recommended", path),
        not_recommended=_text_list(meta, "not_recommended", path),
        theme={k: v for k, v in meta.items() if k in THEME_KEYS and k != "subtitle"},
    )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _required_text(meta: Mapping[str, Any], key: str, path: str) -> str:
    value = _optional_text(meta, key, path)
    if value is None:
        raise FrontMatterError(path, key, "is missing", f"Add a line such as '{key}: ...'.")
    return value


def _optional_text(meta: Mapping[str, Any], key: str, path: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    text = _text(value)
    if text is None and value != "":
        raise FrontMatterError(path, key, f"must be text (got {value!r})", "Quote the value.")
    if text is not None and _MARKUP_RE.search(text):
        raise FrontMatterError(
            path, key, f"contains HTML markup (got {text!r})", "Write plain text, no <...> tags."
        )
    return text


def _optional_date(meta: Mapping[str, Any], key: str, path: str) -> dt.date | None:
    value = meta.get(key)
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise FrontMatterError(
            path, key, f"is not a date (got {value!r})", "Write it as YYYY-MM-DD, e.g. 2024-03-05."
        ) from None


def _optional_count(meta: Mapping[str, Any], key: str, path: str) -> int | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FrontMatterError(
            path, key, f"must be a whole number of 0 or more (got {value!r})", "E.g. 'views: 1037'."
        )
    return value


def _text_list(meta: Mapping[str, Any], key: str, path: str) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(_text(v) for v in value):
        raise FrontMatterError(
            path, key, f"must be a list of text (got {value!r})", f"Write e.g. '{key}: [a, b]'."
        )
    return tuple(str(v).strip() for v in value)


def body_of(text: str) -> str:
    """The body of a Markdown file without parsing its front matter (for files known to be valid)."""
    match = _FRONT_MATTER_RE.match(text)
    return text[match.end() :] if match else text


def from_own_mapping(mapping: Mapping[str, Any]) -> FrontMatter:
    """Rebuild front matter from its own :meth:`FrontMatter.to_mapping` (dates as ISO text).

    For the library's cache, whose entries were validated when written and are guarded by a
    checksum: rebuilding them is ten times cheaper than validating them again. Raises ``KeyError``,
    ``TypeError`` or ``ValueError`` on anything that was not written that way.
    """
    values: dict[str, Any] = {k: v for k, v in mapping.items() if k in SCHEMA_KEYS}
    for key in ("imported", "date"):
        if key in values:
            values[key] = dt.date.fromisoformat(values[key])
    for key in ("tags", "recommended", "not_recommended"):
        if key in values:
            values[key] = tuple(values[key])
    theme = {k: v for k, v in mapping.items() if k in THEME_KEYS and k not in SCHEMA_KEYS}
    front = FrontMatter(**values, theme=theme)
    if not isinstance(front.title, str) or not isinstance(front.category, str):
        raise TypeError("title and category must be text")
    return front

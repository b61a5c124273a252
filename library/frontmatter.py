"""The one definition of an article's front matter.

The importer writes it and the site plugins read and validate it, so both sides import this module
instead of agreeing on key names by convention. YAML is always produced by PyYAML's safe dumper
(libyaml's where it writes the same bytes, see :func:`safe_dumper_for`): front matter built by
string concatenation breaks on titles with ``:``, ``#``, quotes or ``---``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import reprlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

#: Keys that mkdocs-material itself understands; editors may use them beside ours.
THEME_KEYS = frozenset({"hide", "template", "icon", "status", "search", "subtitle", "comments"})

#: libyaml's safe loader is ~9x faster than the pure-Python one, which matters at thousands of
#: articles per build; both accept the same documents.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Front matter is delimited like MkDocs expects: a ``---`` line, YAML, a ``---`` line.
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_OPENING_RE = re.compile(r"\A---[ \t]*\r?\n")

#: Aliases (``*name``) a front matter may use. Articles need none; each alias can repeat
#: everything its anchor holds, so 350 bytes of nested aliases once expanded to gigabytes of
#: error messages. A budget this small refuses such a bomb after a few dozen nodes.
MAX_ALIASES = 16

#: The YAML tags front matter may carry: plain values and collections (what ``safe_dump`` writes).
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")
)
_MERGE_TAG = "tag:yaml.org,2002:merge"

#: Values quoted in messages are cut short: a message must stay one readable line.
_SHORT = reprlib.Repr()
_SHORT.maxstring, _SHORT.maxother, _SHORT.maxlist, _SHORT.maxdict, _SHORT.maxlevel = 80, 80, 5, 5, 2

#: The file name of a page template: no folders, so nothing outside the theme can be named.
_TEMPLATE_RE = re.compile(r"\A[A-Za-z0-9_][A-Za-z0-9_.-]*\.html\Z")

#: The theme prints titles and descriptions unescaped (in <title>, the nav, meta tags), so markup in
#: a value would run in every reader's browser: values must be plain text.
_MARKUP_RE = re.compile(r"<[A-Za-z/!?]")


class FrontMatterError(ValueError):
    """A front-matter problem, phrased for the editor who has to fix ``path``."""

    def __init__(self, path: str, key: str | None, problem: str, fix: str = "") -> None:
        self.path, self.key, self.problem, self.fix = path, key, problem, fix
        of = f" of '{path}'" if path else ""  # split() of a text that has no file yet
        where = f"'{key}' in front matter{of}" if key else f"front matter{of}"
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
    mapping = front.to_mapping()
    yaml_text = yaml.dump(
        mapping,
        Dumper=safe_dumper_for(mapping),
        allow_unicode=True,
        sort_keys=False,
        width=1000,
        default_flow_style=False,
    )
    return f"---\n{yaml_text}---\n\n{body.strip()}\n"


#: libyaml's safe dumper (about 5x faster) where it is built in, else the pure-Python one.
_FAST_SAFE_DUMPER: type[yaml.SafeDumper | yaml.CSafeDumper] = getattr(
    yaml, "CSafeDumper", yaml.SafeDumper
)

#: Characters both of PyYAML's emitters print as themselves with ``allow_unicode`` (the printable
#: set of the YAML spec within the Basic Multilingual Plane, less the line separators and the byte
#: order mark). Outside it they disagree: libyaml escapes every character beyond U+FFFF (an emoji
#: becomes ``"\U0001F600"``) and U+0085, which the pure-Python emitter writes as it is. The rest of
#: the two emitters is the same algorithm (PyYAML's emitter is a port of libyaml's), and the
#: representer that turns dates, numbers and lists into nodes is the same Python class in both.
_BOTH_EMITTERS_PRINT_RE = re.compile(
    "[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*"
)


def safe_dumper_for(mapping: Mapping[str, Any]) -> type[yaml.SafeDumper | yaml.CSafeDumper]:
    """The safe dumper that writes ``mapping`` as the pure-Python ``yaml.safe_dump`` does: libyaml's
    when every string in it is made of characters both emitters print alike, else the pure-Python
    one (the files written before libyaml was used must not change)."""
    if all(_prints_alike(value) for value in (*mapping.keys(), *mapping.values())):
        return _FAST_SAFE_DUMPER
    return yaml.SafeDumper


def _prints_alike(value: object) -> bool:
    if isinstance(value, str):
        return _BOTH_EMITTERS_PRINT_RE.fullmatch(value) is not None
    if isinstance(value, (list, tuple)):
        return all(_prints_alike(item) for item in value)
    if isinstance(value, Mapping):
        return all(_prints_alike(k) and _prints_alike(v) for k, v in value.items())
    return isinstance(value, (int, float, bool, dt.date)) or value is None


def split(text: str, path: str = "") -> tuple[dict[str, Any], str]:
    """Separate a Markdown file into its raw front-matter mapping and its body.

    Raises :class:`FrontMatterError` naming the line for what a plain YAML load would either
    accept silently (duplicate keys, an alias bomb, tags that build objects) or turn into a
    misleading "'title' is missing" later (broken YAML, an unclosed ``---``).
    """
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        if _OPENING_RE.match(text):
            raise FrontMatterError(
                path,
                None,
                "the '---' on line 1 opens front matter that no '---' line closes",
                "Add a line '---' after the last key.",
            )
        return {}, text
    loaded = _load_yaml(match.group(1) or "", path) or {}
    if not isinstance(loaded, dict):
        raise FrontMatterError(
            path,
            None,
            f"it must be 'key: value' lines (got {type(loaded).__name__} {_shown(loaded)})",
        )
    return loaded, text[match.end() :]


def read_front_matter(
    text: str, path: str, templates: Collection[str] | None = None
) -> tuple[FrontMatter, str]:
    """A Markdown file's validated front matter and its body (see :func:`split`, :func:`from_mapping`)."""
    meta, body = split(text, path)
    return from_mapping(meta, path, templates), body


def _load_yaml(yaml_text: str, path: str) -> Any:
    """Load with libyaml (about 9x the pure-Python speed), checking the composed nodes first.

    The nodes are checked before anything is built from them, so a bomb costs no more than its
    own few hundred bytes.
    """
    loader = _SAFE_LOADER(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_nodes(node, path)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        raise FrontMatterError(
            path,
            None,
            f"{_yaml_problem(error)}",
            "Quote a value that contains ': ', '#' or starts with a special character.",
        ) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(path, None, f"invalid YAML ({error})") from None
    finally:
        loader.dispose()


def _yaml_problem(error: yaml.MarkedYAMLError) -> str:
    """``line 4: invalid YAML (did not find expected ',' or ']', while parsing a flow sequence
    that starts on line 3)``: where libyaml noticed, what, and where the broken part began."""
    problem = error.problem or "invalid YAML"
    mark = error.problem_mark or error.context_mark
    where = f"line {_file_line(mark.line)}: " if mark is not None else ""
    if error.context and error.context_mark is not None and error.context_mark is not mark:
        problem += f", {error.context} that starts on line {_file_line(error.context_mark.line)}"
    return f"{where}invalid YAML ({problem})"


def _check_nodes(root: Node, path: str) -> None:
    """Refuse alias bombs, duplicate keys and object-building tags, naming the line."""
    seen: set[int] = set()
    aliases = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:  # a node is met again only through an alias
            aliases += 1
            if aliases > MAX_ALIASES:
                raise FrontMatterError(
                    path,
                    None,
                    f"more than {MAX_ALIASES} YAML aliases ('*name')",
                    "Write the values out instead of repeating anchors.",
                )
            continue
        seen.add(id(node))
        line = _file_line(node.start_mark.line)
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise FrontMatterError(
                path,
                None,
                f"line {line}: the YAML tag '{tag}' is not allowed",
                "Front matter holds only text, numbers, dates and lists; remove the tag.",
            )
        if isinstance(node, MappingNode):
            _check_keys(node, path)
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


def _check_keys(node: MappingNode, path: str) -> None:
    keys: set[tuple[str, str]] = set()
    for key, _ in node.value:
        if not isinstance(key, ScalarNode) or key.tag == _MERGE_TAG:
            continue
        if (key.tag, key.value) in keys:
            raise FrontMatterError(
                path,
                key.value,
                f"appears twice (again on line {_file_line(key.start_mark.line)})",
                "Keep one of them.",
            )
        keys.add((key.tag, key.value))


def _file_line(yaml_line: int) -> int:
    """A 0-based line of the YAML block as a line of the file (the block starts on line 2)."""
    return yaml_line + 2


def _shown(value: Any) -> str:
    return _SHORT.repr(value)


def from_mapping(
    meta: Mapping[str, Any], path: str, templates: Collection[str] | None = None
) -> FrontMatter:
    """Validate a front-matter mapping, raising a :class:`FrontMatterError` that names the fix.

    ``templates``, when given, are the page templates the theme has (``main.html`` ...): a
    ``template:`` must name one of them, else the build would stop on a missing template.
    """
    unknown = sorted(set(meta) - KNOWN_KEYS, key=str)
    if unknown:
        raise FrontMatterError(
            path,
            str(unknown[0]),
            "unknown key",
            f"Known keys are: {', '.join(sorted(SCHEMA_KEYS))} (and the theme's {', '.join(sorted(THEME_KEYS))}).",
        )
    check_template(meta.get("template"), path, templates)
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


def check_template(value: Any, path: str, templates: Collection[str] | None) -> None:
    """``template:`` is a file name that mkdocs-material looks up among its page templates."""
    if value is None:
        return
    if not isinstance(value, str) or not _TEMPLATE_RE.match(value):
        raise FrontMatterError(
            path,
            "template",
            f"must be the file name of one of the theme's page templates (got {_shown(value)})",
            "Write e.g. 'template: main.html', or remove the line.",
        )
    if templates is not None and value not in templates:
        raise FrontMatterError(
            path,
            "template",
            f"names a template the theme does not have (got {value!r})",
            f"The theme has: {', '.join(sorted(templates))}.",
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
    if isinstance(value, bool):
        raise FrontMatterError(
            path,
            key,
            f"must be text (YAML reads the value as {str(value).lower()}: yes, no, on and off are yes/no values)",
            f'Quote the value, e.g. {key}: "yes".',
        )
    text = _text(value)
    if text is None and value != "":
        raise FrontMatterError(path, key, f"must be text (got {_shown(value)})", "Quote the value.")
    if text is not None and _MARKUP_RE.search(text):
        raise FrontMatterError(
            path,
            key,
            f"contains HTML markup (got {_shown(text)})",
            "Write plain text, no <...> tags.",
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
            path,
            key,
            f"is not a date (got {_shown(value)})",
            "Write it as YYYY-MM-DD, e.g. 2024-03-05.",
        ) from None


def _optional_count(meta: Mapping[str, Any], key: str, path: str) -> int | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FrontMatterError(
            path,
            key,
            f"must be a whole number of 0 or more (got {_shown(value)})",
            "E.g. 'views: 1037'.",
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
            path,
            key,
            f"must be a list of text (got {_shown(value)})",
            f"Write e.g. '{key}: [a, b]'.",
        )
    items = tuple(str(v).strip() for v in value)
    for item in items:
        if _MARKUP_RE.search(item):
            raise FrontMatterError(
                path,
                key,
                f"contains HTML markup (got {_shown(item)})",
                "Write plain text, no <...> tags.",
            )
    return items


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

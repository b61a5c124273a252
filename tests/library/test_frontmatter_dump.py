"""``dump`` writes front matter with libyaml where that gives the pure-Python dumper's very bytes.

The files already imported were written by ``yaml.safe_dump`` (pure Python); a faster dumper must
not change one of them, or every re-import would report an update.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from library.frontmatter import FrontMatter, dump, safe_dumper_for

_OPTIONS: dict[str, Any] = {
    "allow_unicode": True,
    "sort_keys": False,
    "width": 1000,
    "default_flow_style": False,
}

needs_libyaml = pytest.mark.skipif(
    not hasattr(yaml, "CSafeDumper"), reason="PyYAML was built without libyaml"
)


def _pure_python(front: FrontMatter) -> str:
    text: str = yaml.dump(front.to_mapping(), Dumper=yaml.SafeDumper, **_OPTIONS)
    return text


def _front(text: str) -> FrontMatter:
    return FrontMatter(
        title=text,
        category="会议讲话",
        subtitle=text[:40] or None,
        source=f"samples/{text[:20]}.html",
        imported=dt.date(2026, 12, 2),
        date=dt.date(2024, 3, 1),
        description=text,
        tags=(text, "tag: two"),
        views=1234,
        hash="0" * 64,
    )


# Text of any kind, weighted towards what YAML quotes or escapes: indicators, quotes, spaces at
# the ends, line breaks, controls, full-width punctuation, numbers and dates that must stay strings.
_TRICKY = st.sampled_from(
    [
        ":",
        "# ",
        "- ",
        "'",
        '"',
        "\\",
        " ",
        "\n",
        "\t",
        "\x85",
        "\u2028",
        "\ufeff",
        "---",
        "...",
        "1.5",
        "2024-01-01",
        "yes",
        "null",
        "~",
        "&a",
        "*a",
        "!",
        "%",
        "@",
        "`",
        "，",
        "。",
        "😀",
        "\U00020000",
        "\ud7ff",
        "\ue000",
        "\ufffd",
        "é",
        "\x00",
        "\x7f",
        "\xa0",
    ]
)
_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=12)), max_size=12).map("".join)


@needs_libyaml
@settings(max_examples=1000, deadline=None)
@given(_TEXT)
def test_dump_writes_what_the_pure_python_dumper_writes(text: str) -> None:
    front = _front(text)
    assert dump(front, "Body.").startswith(f"---\n{_pure_python(front)}---\n")


#: Only characters both emitters print as themselves: printable ASCII (every YAML indicator), the
#: line feed, and the Basic Multilingual Plane from U+00A0 on (CJK, full-width punctuation), where
#: the front matter is written by libyaml.
_PRINTED_ALIKE = st.text(
    st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.just("\n"),
        st.characters(min_codepoint=0xA0, max_codepoint=0x2027),
        st.characters(min_codepoint=0x202A, max_codepoint=0xD7FF),
        st.characters(min_codepoint=0xE000, max_codepoint=0xFFFD).filter(lambda c: c != "\ufeff"),
    ),
    max_size=80,
)


@needs_libyaml
@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.one_of(_TRICKY.filter(str.isprintable), _PRINTED_ALIKE), max_size=8).map("".join)
)
def test_libyaml_writes_the_same_bytes_where_it_is_chosen(text: str) -> None:
    mapping = _front(text).to_mapping()
    if safe_dumper_for(mapping) is yaml.CSafeDumper:
        assert yaml.dump(mapping, Dumper=yaml.CSafeDumper, **_OPTIONS) == _pure_python(_front(text))


@needs_libyaml
@settings(max_examples=1000, deadline=None)
@given(_PRINTED_ALIKE)
def test_libyaml_is_chosen_for_text_of_the_printed_alike_characters(text: str) -> None:
    assert safe_dumper_for(_front(text).to_mapping()) is yaml.CSafeDumper


@needs_libyaml
def test_plain_chinese_front_matter_is_written_by_libyaml() -> None:
    assert safe_dumper_for(_front("在全市安全生产工作会议上的讲话（2024年）").to_mapping()) is (
        yaml.CSafeDumper
    )


@needs_libyaml
@pytest.mark.parametrize("character", ["😀", "\x85"])
def test_characters_libyaml_escapes_differently_fall_back_to_pure_python(character: str) -> None:
    mapping = _front(f"讲话{character}").to_mapping()
    assert yaml.dump(mapping, Dumper=yaml.CSafeDumper, **_OPTIONS) != _pure_python(
        _front(f"讲话{character}")
    )  # the difference the choice exists for; if libyaml stops differing, this says so
    assert safe_dumper_for(mapping) is yaml.SafeDumper

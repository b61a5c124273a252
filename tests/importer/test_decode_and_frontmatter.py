"""Charsets the Chinese source sites use, and front matter that survives any title."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from importer.assemble import content_hash, plain_text
from importer.decode import decode_page
from importer.records import ImportProblem, RawPage
from library.frontmatter import FrontMatter, FrontMatterError, dump, from_mapping, split

CHINESE = "<html><head>{meta}</head><body><p>秘书知识：会议讲话稿，全文共三千字。</p></body></html>"


def raw(text: str, encoding: str, charset: str | None = None) -> RawPage:
    return RawPage(source="page.html", data=text.encode(encoding), charset=charset)


def test_gbk_declared_in_meta_is_decoded() -> None:
    page = decode_page(raw(CHINESE.format(meta='<meta charset="gbk">'), "gbk"))
    assert "会议讲话稿" in page.text and page.kind == "html"


def test_gb2312_is_read_as_its_superset() -> None:
    html = CHINESE.format(
        meta='<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    )
    assert "秘书知识" in decode_page(raw(html + "镕", "gb18030")).text


def test_the_http_header_beats_a_wrong_meta() -> None:
    page = decode_page(raw(CHINESE.format(meta='<meta charset="utf-8">'), "gbk", charset="GBK"))
    assert "会议讲话稿" in page.text


def test_a_wrong_meta_falls_back_to_what_the_bytes_are() -> None:
    page = decode_page(raw(CHINESE.format(meta='<meta charset="gbk">'), "utf-8"))
    assert "会议讲话稿" in page.text


def test_undeclared_gbk_is_detected() -> None:
    text = CHINESE.format(meta="") * 3
    assert "会议讲话稿" in decode_page(raw(text, "gb18030")).text


def test_a_plain_text_dump_is_told_from_html() -> None:
    assert decode_page(raw("秘书知识 > 会议讲话\n\n×标题\n\n正文。", "utf-8")).kind == "text"


def test_nul_bytes_mean_a_binary_file() -> None:
    with pytest.raises(ImportProblem, match="binary"):
        decode_page(RawPage(source="x", data=b"PK\x03\x04\x00\x00rest"))


@given(st.text(min_size=1, max_size=80).filter(lambda t: plain_text(t)))
def test_any_scraped_title_survives_a_round_trip(title: str) -> None:
    front = FrontMatter(title=plain_text(title) or "", category="Notices", date=dt.date(2024, 3, 5))
    meta, body = split(dump(front, "Body."))
    assert from_mapping(meta, "x.md") == front
    assert body.strip() == "Body."


@pytest.mark.parametrize(
    "title", ["Plan: 2024", "# Not a comment", "'quoted' \"twice\"", "---", "a: b # c"]
)
def test_awkward_titles_survive_a_round_trip(title: str) -> None:
    meta, _ = split(dump(FrontMatter(title=title, category="Notices"), "Body."))
    assert meta["title"] == title


def test_unknown_keys_are_named_with_the_fix() -> None:
    with pytest.raises(
        FrontMatterError, match=r"'catgory' in front matter of 'a\.md': unknown key"
    ):
        from_mapping({"title": "T", "category": "C", "catgory": "x"}, "a.md")


def test_a_date_that_is_not_a_date_says_how_to_write_it() -> None:
    with pytest.raises(
        FrontMatterError, match=r"'date'.*is not a date \(got 'yesterday'\).*YYYY-MM-DD"
    ):
        from_mapping({"title": "T", "category": "C", "date": "yesterday"}, "a.md")


def test_a_missing_title_is_named() -> None:
    with pytest.raises(FrontMatterError, match=r"'title' in front matter of 'a\.md': is missing"):
        from_mapping({"category": "C"}, "a.md")


def test_whitespace_is_the_same_for_str_split_and_the_regex_the_content_hash_was_defined_with() -> (
    None
):
    """content_hash normalizes with str.split; its hashes (kept in manifests) were made with
    re.sub(r"\\s+", " ", ...).strip(), which is the same only while both agree on whitespace."""
    whitespace = re.compile(r"\s")
    differ = [
        c for c in range(sys.maxunicode + 1) if bool(whitespace.match(chr(c))) != chr(c).isspace()
    ]
    assert differ == []


@given(st.text(), st.text())
def test_the_content_hash_is_the_one_defined_with_the_regex(title: str, body: str) -> None:
    normalized = re.sub(r"\s+", " ", f"{title}\n{body}").strip().casefold()
    assert content_hash(title, body) == hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]

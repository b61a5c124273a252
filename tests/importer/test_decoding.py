"""Pages valid but for a few stray bytes are decoded with a warning; garbage is refused."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from importer.decode import decode_page
from importer.records import ImportProblem, RawPage
from tests.conftest import ROOT

SPEECH = "同志们，今天召开会议，主要任务是部署今年的安全生产工作。" * 6
DUMP = f"秘书知识 > 会议讲话\n\n×关于加强安全生产的讲话\n\n{SPEECH}\n"
PAGE = f'<html><head><meta charset="gbk"></head><body><p>{SPEECH}</p></body></html>'
STRAY_FIXTURE = ROOT / "tests" / "fixtures" / "unknown" / "zh-stray-bytes-location.html"


class _NoMatch:
    def best(self) -> None:
        return None


def _with_stray_bytes(data: bytes, before: bytes, stray: bytes) -> bytes:
    at = data.index(before)
    return data[:at] + stray + data[at:]


def test_gbk_page_with_stray_bytes_keeps_its_text_and_counts_them() -> None:
    data = _with_stray_bytes(PAGE.encode("gbk"), "主要任务".encode("gbk"), b"\xff\x80")
    page = decode_page(RawPage(source="page.html", data=data))
    assert page.text.count("\ufffd") == 2
    assert "主要任务是部署今年的安全生产工作" in page.text
    assert page.warnings == (
        "2 bytes are not valid GB18030 and shown as '\ufffd' (the rest of the page decoded)",
    )


def test_utf8_page_with_a_stray_byte_is_read_as_utf8_not_guessed() -> None:
    html = PAGE.replace('charset="gbk"', "")
    data = _with_stray_bytes(html.encode("utf-8"), "主要任务".encode(), b"\xff")
    page = decode_page(RawPage(source="page.html", data=data))
    assert SPEECH[:20] in page.text
    assert page.warnings == (
        "1 byte is not valid UTF-8 and shown as '\ufffd' (the rest of the page decoded)",
    )


def test_invalid_utf8_in_a_text_dump_is_not_read_as_mojibake() -> None:
    data = _with_stray_bytes(DUMP.encode("utf-8"), "讲话\n\n同志们".encode(), b"\xfe")
    page = decode_page(RawPage(source="dump.txt", data=data))
    assert page.kind == "text"
    assert "关于加强安全生产的\ufffd讲话" in page.text
    assert "1 byte is not valid UTF-8" in page.warnings[0]


def test_a_valid_page_has_no_warning() -> None:
    assert decode_page(RawPage(source="page.html", data=PAGE.encode("gbk"))).warnings == ()


def test_mostly_undecodable_bytes_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # charset-normalizer names *some* charset for almost any noise; here it names none, as it
    # does for bytes it finds no sense in, so only the lossy candidates are left to judge.
    monkeypatch.setattr("importer.decode.from_bytes", lambda data: _NoMatch())
    noise = bytes(random.Random(5).choice(range(0x80, 0x100)) for _ in range(3000))
    with pytest.raises(ImportProblem, match="most of them are not valid"):
        decode_page(RawPage(source="x.html", data=b"<html><body><p>" + noise + b"</p></body>"))


def test_the_stray_bytes_warning_reaches_the_import_report(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = subprocess.run(
        [sys.executable, "-m", "importer", "import", str(STRAY_FIXTURE), "--docs", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0
    assert "imported ->" in result.stderr
    assert "warning: 2 bytes are not valid GB18030" in result.stderr

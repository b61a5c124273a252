"""The extraction cascade: profile, then generic when the profile's selectors find nothing;
precision first, recall when precision kept too little of the page."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from importer import extract
from tests.conftest import ROOT
from tests.importer.helpers import convert_file

REDESIGNED = ROOT / "tests" / "fixtures" / "redesigned" / "wenmi-zh-redesigned.html"


def test_redesigned_template_imports_through_the_generic_path() -> None:
    front = convert_file(REDESIGNED).front
    assert (front.title, front.category, front.subcategory, front.date, front.views) == (
        "在全县安全生产工作会议上的讲话",
        "秘书知识",
        "会议讲话",
        dt.date(2024, 2, 26),
        865,
    )


def test_redesigned_template_warns_that_its_profile_is_outdated() -> None:
    (warning,) = convert_file(REDESIGNED).warnings
    assert warning.startswith("profile 'wenmi-zh' matches this page but finds no title")
    assert "probably outdated" in warning


def test_the_outdated_profile_warning_reaches_the_import_report(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = subprocess.run(
        [sys.executable, "-m", "importer", "import", str(REDESIGNED), "--docs", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0
    assert "warning: profile 'wenmi-zh' matches this page" in result.stderr


def _fake_trafilatura(monkeypatch: pytest.MonkeyPatch, precise: str, recalled: str) -> list[str]:
    calls: list[str] = []

    def run(
        tree: object, url: object, favor_precision: bool = False, favor_recall: bool = False
    ) -> str:
        calls.append("recall" if favor_recall else "precision")
        return recalled if favor_recall else precise

    monkeypatch.setattr(extract, "_trafilatura", run)
    return calls


def test_precision_is_kept_when_it_holds_enough_of_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _fake_trafilatura(monkeypatch, "<p>" + "字" * 300 + "</p>", "<p>" + "字" * 900 + "</p>")
    assert extract.main_content(None, None, page_chars=1000) == "<p>" + "字" * 300 + "</p>"  # type: ignore[arg-type]
    assert calls == ["precision"]


def test_recall_replaces_a_precision_result_that_lost_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_trafilatura(monkeypatch, "<p>" + "字" * 100 + "</p>", "<p>" + "字" * 600 + "</p>")
    assert extract.main_content(None, None, page_chars=1000) == "<p>" + "字" * 600 + "</p>"  # type: ignore[arg-type]


def test_recall_that_adds_little_does_not_replace_precision(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _fake_trafilatura(monkeypatch, "<p>" + "字" * 100 + "</p>", "<p>" + "字" * 110 + "</p>")
    assert extract.main_content(None, None, page_chars=1000) == "<p>" + "字" * 100 + "</p>"  # type: ignore[arg-type]

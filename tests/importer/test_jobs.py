"""``import --jobs N``: pages convert in N processes, and the docs folder comes out the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from importer.cli import main
from tests.conftest import ROOT
from tests.importer.test_near_duplicates import BASE, EDITS, edited_copy

SAMPLES = [str(ROOT / "samples" / "html"), str(ROOT / "samples" / "dumps")]


def import_with_jobs(docs: Path, jobs: int, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["import", *SAMPLES, "--docs", str(docs), "--jobs", str(jobs)]) == 0
    return capsys.readouterr().out.replace(str(docs), "DOCS")


def tree(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def test_two_jobs_write_exactly_what_one_job_writes_in_the_same_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = import_with_jobs(tmp_path / "one", 1, capsys)
    two = import_with_jobs(tmp_path / "two", 2, capsys)
    assert two == one  # the per-file lines come in input order
    assert tree(tmp_path / "two") == tree(tmp_path / "one")
    assert len([f for f in tree(tmp_path / "one") if f.endswith(".md")]) == 35


def test_zero_jobs_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["import", *SAMPLES, "--docs", str(tmp_path / "docs"), "--jobs", "0"])
    assert exit_info.value.code == 2
    assert "--jobs: must be 1 or more (got 0)" in capsys.readouterr().err


def test_two_jobs_find_the_near_duplicates_one_job_finds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The workers hash the bodies; the look-ups stay in input order in the main process."""
    copies = [edited_copy(tmp_path, "zh", edit) for edit in sorted(EDITS)]
    outputs = []
    for jobs in (1, 2):
        docs = tmp_path / f"docs-{jobs}"
        args = ["import", str(BASE["zh"]), *map(str, copies), "--docs", str(docs), "-j", str(jobs)]
        assert main(args) == 0
        outputs.append(capsys.readouterr().out.replace(str(docs), "DOCS"))
    assert outputs[1] == outputs[0]
    assert f"duplicates {len(copies)}" in outputs[0]

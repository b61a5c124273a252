"""Near-duplicates: a copied speech with a small edit is reported and not written; another is kept.

The copies are made from the shipped sample dumps by the edits model-essay sites make when they
copy each other. The similarities these pairs reach are what NEAR_DUPLICATE_THRESHOLD is set from
(see its comment); ``python -m tests.importer.test_near_duplicates`` prints them.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

import importer.near_duplicates as near_duplicates
from importer.cli import main
from importer.near_duplicates import (
    INDEX_NAME,
    NEAR_DUPLICATE_THRESHOLD,
    NearDuplicateIndex,
    signature_of,
    similarity,
)
from importer.pipeline import Importer, ImportOptions
from importer.records import Status
from tests.conftest import ROOT
from tests.importer.helpers import GOLDEN_DAY, convert_file

BASE = {
    "en": ROOT / "samples/dumps/en-conference-speech-party-building-enterprise.txt",
    "zh": ROOT / "samples/dumps/zh-conference-speech-party-building-agency.txt",
}
#: Another speech on the same topic, with the genre's stock phrases ("Comrades", 同志们, 谢谢大家).
SAME_TOPIC = {
    "en": ROOT / "samples/html/en-conference-speech-party-building-school.html",
    "zh": ROOT / "samples/html/zh-conference-speech-party-building-school.html",
}
AD_SENTENCE = {
    "en": "Visit ModelEssay every day for more free speeches, summaries and plans.",
    "zh": "更多精彩范文请关注本站微信公众号，每日更新，欢迎收藏。",
}
TITLE_SUFFIX = {"en": " (Model Essay Collection)", "zh": "（范文精选）"}
_DUPLICATE_RE = re.compile(r"^duplicate of (\S+\.md) \(similarity (0\.\d\d|1\.00)\)$")


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def with_title_suffix(text: str, language: str) -> str:
    lines = text.split("\n")
    title = next(i for i, line in enumerate(lines) if line.startswith("×"))
    lines[title] += TITLE_SUFFIX[language]
    return "\n".join(lines)


def with_ad_sentence(text: str, language: str) -> str:
    parts = _paragraphs(text)
    parts.insert(len(parts) // 2, AD_SENTENCE[language])
    return "\n\n".join(parts)


def with_changed_punctuation(text: str, language: str) -> str:
    if language == "zh":
        return text.replace("，", ",").replace("。", ".").replace("：", ":").replace("“", '"')
    return text.replace(", ", "; ").replace(". ", "! ").replace("'", "’")


def with_a_paragraph_dropped(text: str, language: str) -> str:
    parts = _paragraphs(text)
    longest = max(range(len(parts)), key=lambda i: len(parts[i]))
    del parts[longest]
    return "\n\n".join(parts)


EDITS: dict[str, Callable[[str, str], str]] = {
    "title-suffix": with_title_suffix,
    "ad-sentence": with_ad_sentence,
    "changed-punctuation": with_changed_punctuation,
    "paragraph-dropped": with_a_paragraph_dropped,
}


def edited_copy(tmp_path: Path, language: str, edit: str) -> Path:
    text = BASE[language].read_text(encoding="utf-8")
    copy = tmp_path / "copies" / f"{language}-{edit}.txt"
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(EDITS[edit](text, language), encoding="utf-8")
    return copy


def importer_for(docs: Path, **options: object) -> Importer:
    return Importer(ImportOptions(docs=docs, today=GOLDEN_DAY, **options))  # type: ignore[arg-type]


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize("language", ["en", "zh"])
def test_an_edited_copy_is_reported_as_a_duplicate_and_not_written(
    tmp_path: Path, language: str, edit: str
) -> None:
    docs = tmp_path / "docs"
    with importer_for(docs) as importer:
        original = importer.import_file(BASE[language])
        outcome = importer.import_file(edited_copy(tmp_path, language, edit))
    assert original.status is Status.IMPORTED
    assert outcome.status is Status.DUPLICATE
    match = _DUPLICATE_RE.match(outcome.message)
    assert match, outcome.message
    assert match.group(1) == original.path
    assert float(match.group(2)) >= NEAR_DUPLICATE_THRESHOLD
    assert len(list(docs.rglob("*.md"))) == 1


@pytest.mark.parametrize("language", ["en", "zh"])
def test_another_speech_on_the_same_topic_is_not_a_duplicate(tmp_path: Path, language: str) -> None:
    with importer_for(tmp_path / "docs") as importer:
        importer.import_file(BASE[language])
        outcome = importer.import_file(SAME_TOPIC[language])
    assert outcome.status is Status.IMPORTED, outcome.message


def test_keep_duplicates_writes_the_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    copy = edited_copy(tmp_path, "en", "ad-sentence")
    args = ["import", str(BASE["en"]), str(copy), "--docs", str(docs), "--jobs", "1"]
    assert main([*args, "--keep-duplicates"]) == 0
    assert "imported 2," in capsys.readouterr().out
    assert len(list(docs.rglob("*.md"))) == 2


def test_the_cli_prints_duplicate_of_path_and_the_similarity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = edited_copy(tmp_path, "zh", "paragraph-dropped")
    args = ["import", str(BASE["zh"]), str(copy), "--docs", str(tmp_path / "docs"), "-j", "1"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert re.search(
        r"zh-paragraph-dropped\.txt: duplicate -> \S+\.md: duplicate of \S+\.md "
        r"\(similarity 0\.\d\d\)",
        out,
    ), out
    assert "duplicates 1" in out


def test_the_index_is_saved_beside_the_manifest_and_reused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    with importer_for(docs) as importer:
        importer.import_file(BASE["en"])
    assert (docs / INDEX_NAME).is_file()
    with importer_for(docs) as importer:
        assert importer.near_duplicates.problem is None
        outcome = importer.import_file(edited_copy(tmp_path, "en", "title-suffix"))
    assert outcome.status is Status.DUPLICATE


def test_a_corrupt_index_is_rebuilt_from_the_docs_folder(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    with importer_for(docs) as importer:
        importer.import_file(BASE["zh"])
    (docs / INDEX_NAME).write_bytes(b"PK\x03\x04 not really a zip file")
    with importer_for(docs) as importer:
        assert importer.near_duplicates.problem is not None
        assert "rebuilt from" in importer.near_duplicates.problem
        outcome = importer.import_file(edited_copy(tmp_path, "zh", "ad-sentence"))
    assert outcome.status is Status.DUPLICATE


def test_an_article_deleted_by_an_editor_no_longer_counts(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    with importer_for(docs) as importer:
        original = importer.import_file(BASE["en"])
    assert original.path
    (docs / original.path).unlink()
    index = NearDuplicateIndex.open(docs)
    assert original.path not in index


def test_an_index_of_the_old_format_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    with importer_for(docs) as importer:
        original = importer.import_file(BASE["en"])
    assert original.path
    buffer = io.BytesIO()  # version 1: 32-bit signatures for datasketch's MinHashLSH
    meta = {"version": 1, "num_perm": 128, "seed": 1, "scheme": "affine32", "cjk": 5, "words": 3}
    np.savez(
        buffer,
        meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
        paths=np.frombuffer(json.dumps([original.path]).encode(), dtype=np.uint8),
        signatures=np.zeros((1, 128), dtype=np.uint32),
    )
    (docs / INDEX_NAME).write_bytes(buffer.getvalue())
    index = NearDuplicateIndex.open(docs)
    assert index.problem is not None and "other settings" in index.problem
    copy = edited_copy(tmp_path, "en", "ad-sentence")
    match = index.find(convert_file(copy).body)
    assert match is not None and match.path == original.path


def test_an_index_whose_arrays_disagree_is_rebuilt(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    with importer_for(docs) as importer:
        importer.import_file(BASE["zh"])
    with np.load(docs / INDEX_NAME) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["signatures"] = arrays["signatures"][:, :64]  # a signature cut short
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    (docs / INDEX_NAME).write_bytes(buffer.getvalue())
    index = NearDuplicateIndex.open(docs)
    assert index.problem is not None and "shape" in index.problem
    assert index.find(convert_file(edited_copy(tmp_path, "zh", "title-suffix")).body) is not None


def synthetic_body(number: int) -> str:
    """An English body of its own words: no two numbers share a three-word shingle."""
    return " ".join(f"w{number}x{k}" for k in range(60))


def test_articles_are_found_before_and_after_their_band_keys_are_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(near_duplicates, "PENDING_LIMIT", 4)
    index = NearDuplicateIndex(tmp_path)
    for number in range(10):  # rows 0-7 merged in two batches, rows 8-9 still pending
        (tmp_path / f"{number}.md").touch()
        index.add(f"{number}.md", synthetic_body(number))
    for number in range(10):
        match = index.find(synthetic_body(number) + " one inserted ad sentence here")
        assert match is not None and match.path == f"{number}.md", number
    assert index.find(synthetic_body(99)) is None


def test_a_replaced_article_is_found_by_its_new_text_only(tmp_path: Path) -> None:
    (tmp_path / "a.md").touch()
    index = NearDuplicateIndex(tmp_path)
    index.add("a.md", synthetic_body(1))
    index.add("a.md", synthetic_body(2))
    assert index.find(synthetic_body(1)) is None
    assert index.find(synthetic_body(2)) == near_duplicates.Match("a.md", 1.0)
    assert len(index) == 1


def test_a_saved_index_keeps_16_bits_of_each_value_and_reloads_them(tmp_path: Path) -> None:
    index = NearDuplicateIndex(tmp_path)
    for number in range(3):
        (tmp_path / f"{number}.md").write_text(synthetic_body(number), encoding="utf-8")
        index.add(f"{number}.md", synthetic_body(number))
    index.save()
    with np.load(tmp_path / INDEX_NAME) as data:
        assert data["signatures"].dtype == np.uint16
        assert data["signatures"].shape == (3, 128)
    reopened = NearDuplicateIndex.open(tmp_path)
    assert reopened.problem is None and len(reopened) == 3
    assert reopened.find(synthetic_body(1)) == near_duplicates.Match("1.md", 1.0)


@pytest.mark.parametrize("language", sorted(BASE))
def test_signatures_are_those_of_datasketchs_own_sha1_hashing(language: str) -> None:
    """Hashing every shingle in one pass must give the values ``MinHash.update_batch`` of the
    UTF-8 shingles gives with datasketch's default hash, or saved indexes would be wrong."""
    body = convert_file(BASE[language]).body
    own = MinHash(num_perm=near_duplicates.NUM_PERM, seed=near_duplicates.SEED, scheme="affine32")
    own.update_batch([shingle.encode("utf-8") for shingle in near_duplicates.shingles(body)])
    expected = np.asarray(own.hashvalues, dtype=np.uint64).astype(np.uint16)
    assert np.array_equal(signature_of(body), expected)


def test_the_index_is_excluded_from_the_site() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    exclude = config.split("exclude_docs: |", 1)[1].split("\n\n", 1)[0]
    assert INDEX_NAME in exclude.split()


def measured_similarities() -> dict[str, float]:
    """Similarity of each test pair, for the threshold's comment."""
    import tempfile

    result = {}
    with tempfile.TemporaryDirectory() as scratch:
        for language in ("en", "zh"):
            base = signature_of(convert_file(BASE[language]).body)
            for edit in EDITS:
                copy = edited_copy(Path(scratch), language, edit)
                values = signature_of(convert_file(copy).body)
                result[f"{language} {edit}"] = similarity(base, values)
            other = signature_of(convert_file(SAME_TOPIC[language]).body)
            result[f"{language} same topic"] = similarity(base, other)
    return result


if __name__ == "__main__":
    for pair, value in measured_similarities().items():
        print(f"{pair}: {value:.2f}")

"""Importer throughput beside trafilatura's own ``extract``, on the same files in the same run.

The shipped sample HTML pages are replicated to N files (default 2,000), each with a numbered title
so that none is taken for a duplicate, then imported into a scratch docs folder with the real
pipeline (decode, extract, clean, convert, write, manifest) and, separately, passed through
``trafilatura.extract`` (extraction only: no cleaning, no Markdown, no writing).

Run: ``make bench-import`` or ``python -m benchmarks.bench_import --pages 2000``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import trafilatura

from importer.pipeline import Importer, ImportOptions
from importer.records import Status

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "html"


def replicate(folder: Path, pages: int) -> list[Path]:
    """Copies of the sample pages, each made unique by a marker paragraph in its body."""
    originals = sorted(SAMPLES.glob("*.html"))
    files = []
    for index in range(pages):
        source = originals[index % len(originals)]
        data = source.read_bytes()
        if index >= len(originals):  # a different title makes a different article, not a duplicate
            data = data.replace(b"</h1>", f" ({index})</h1>".encode("ascii"), 1)
        target = folder / f"{index:05d}-{source.name}"
        target.write_bytes(data)
        files.append(target)
    return files


def time_importer(files: list[Path], docs: Path) -> tuple[float, int]:
    start = time.perf_counter()
    with Importer(ImportOptions(docs=docs)) as importer:
        imported = sum(importer.import_file(path).status is Status.IMPORTED for path in files)
    return time.perf_counter() - start, imported


def time_trafilatura(files: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    extracted = 0
    for path in files:
        if trafilatura.extract(path.read_bytes()):
            extracted += 1
    return time.perf_counter() - start, extracted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="how many files (default 2000)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        pages = scratch / "pages"
        pages.mkdir()
        files = replicate(pages, args.pages)
        ours, imported = time_importer(files, scratch / "docs")
        theirs, extracted = time_trafilatura(files)
    finally:
        shutil.rmtree(scratch)
    print(f"{'':28}{'seconds':>10}{'pages/s':>10}{'ok':>8}")
    print(f"{'secretariat import':28}{ours:10.1f}{len(files) / ours:10.1f}{imported:8d}")
    print(f"{'trafilatura.extract':28}{theirs:10.1f}{len(files) / theirs:10.1f}{extracted:8d}")
    print(f"ratio (ours / trafilatura pages/s): {theirs / ours:.2f}")


if __name__ == "__main__":
    main()

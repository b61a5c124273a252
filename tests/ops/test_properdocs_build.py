"""The shipped site built with ProperDocs is the site MkDocs builds, byte for byte.

Two builds of the shipped site (mkdocs.yml + docs/): MkDocs' is the suite's shared ``built_site``
(tests/conftest.py), ProperDocs' is made here with the same options. Three things are normalised
before comparing, each for a reason that has nothing to do with the engine:

* the ``generator`` meta tag names the engine, which is the one difference allowed;
* the feed's channel ``pubDate``/``lastBuildDate`` are the wall-clock time of each build;
* Pagefind writes content-hashed file names whose hashes differ from run to run even for the same
  pages, so ``pagefind/`` is compared by its file list with the hashes masked, not byte for byte
  (the pages it indexes are compared byte for byte as HTML).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.ops.engines import build

pytestmark = pytest.mark.build

GENERATOR_RE = re.compile(rb'<meta name="generator" content="[^"]*">')
FEED_BUILD_TIME_RE = re.compile(rb"<(pubDate|lastBuildDate)>[^<]*</\1>")
PAGEFIND_HASH_RE = re.compile(r"[0-9a-f]{7,}")


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("properdocs") / "site"
    result = build("properdocs", ROOT / "mkdocs.yml", site, "--strict", cwd=ROOT)
    assert result.returncode == 0, f"properdocs build --strict failed:\n{result.stderr}"
    return site


def comparable(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".html":
        return GENERATOR_RE.sub(b'<meta name="generator" content="ENGINE">', data)
    if path.name.startswith("feed_") and path.suffix == ".xml":
        # Only the channel's own dates are the build time; items keep their article dates.
        return FEED_BUILD_TIME_RE.sub(b"<\\1>BUILD TIME</\\1>", data, count=2)
    return data


def files_outside_pagefind(site: Path) -> list[Path]:
    return sorted(
        p.relative_to(site)
        for p in site.rglob("*")
        if p.is_file() and p.parts[len(site.parts)] != "pagefind"
    )


def pagefind_listing(site: Path) -> list[str]:
    names = (
        str(p.relative_to(site / "pagefind")) for p in (site / "pagefind").rglob("*") if p.is_file()
    )
    return sorted(PAGEFIND_HASH_RE.sub("#", name) for name in names)


def test_properdocs_builds_the_same_files(built_site: Path, properdocs_site: Path) -> None:
    assert files_outside_pagefind(properdocs_site) == files_outside_pagefind(built_site)


def test_properdocs_output_differs_only_in_the_generator_tag(
    built_site: Path, properdocs_site: Path
) -> None:
    different = [
        str(rel)
        for rel in files_outside_pagefind(built_site)
        if comparable(built_site / rel) != comparable(properdocs_site / rel)
    ]
    assert different == []


def test_properdocs_names_itself_in_the_generator_tag(properdocs_site: Path) -> None:
    tag = GENERATOR_RE.search((properdocs_site / "index.html").read_bytes())
    assert tag is not None and b"ProperDocs 1.6.7" in tag.group()


def test_properdocs_search_bundle_has_the_same_files(
    built_site: Path, properdocs_site: Path
) -> None:
    assert pagefind_listing(properdocs_site) == pagefind_listing(built_site)

"""Fixtures shared by the whole suite: the seed article, and one real build of the shipped site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_a7cd6e1f4c748b2f.txt"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The project's seed dump, which lives outside the repository (read-only, beside it)."""
    if not SEED.exists():
        pytest.skip(
            f"the seed article is not at {SEED} (it ships in ../shared/seeds/, not in the repo)"
        )
    return SEED


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped site (mkdocs.yml + docs/) built once with --strict into a temporary folder."""
    site = tmp_path_factory.mktemp("built") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    )
    return site

"""The engine's one hack (hooks/build/mkdocs_loop.py) fails loudly when MkDocs changes underneath.

The wrappers replace ``_populate_page``, ``_build_page`` and ``utils.clean_directory`` and rely on
the order in which ``build()`` calls them; a new MkDocs release may change either. These tests pin the exact source
of the three functions: when one fails, read the new ``mkdocs/commands/build.py``, check the
wrappers against it, and record the new digests and version.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from pathlib import Path

import mkdocs
import mkdocs.commands.build as mkdocs_build
import mkdocs.utils as mkdocs_utils
import pytest

from hooks.build import mkdocs_loop

#: sha256 of each function's source in MkDocs 1.6.1.
PINNED_SOURCES = {
    "build": "c476b64474acfaa20c08fdedc074238c6521bf320263065ee7de983ebf2032f9",
    "_populate_page": "31a70ea4caef1e127a9d65a0f346ee322bad00d673ef824d82acf807e61d91c2",
    "_build_page": "adcdbd14b236112697cafec9171bd281981f15a776e0d2f941a62e7bffd9a0d5",
    "clean_directory": "b3c0aa8107311f444a1e97dd3384c10c85807697f225387c97c6a06bfb42ce92",
}


def source_digest(function: Callable[..., object]) -> str:
    return hashlib.sha256(inspect.getsource(function).encode("utf-8")).hexdigest()


def test_the_installed_mkdocs_is_the_one_the_wrappers_were_written_for() -> None:
    assert mkdocs.__version__ == mkdocs_loop.SUPPORTED_MKDOCS


@pytest.mark.parametrize("name", sorted(PINNED_SOURCES))
def test_the_replaced_functions_and_their_caller_are_unchanged(name: str) -> None:
    original = {
        "build": mkdocs_build.build,
        "_populate_page": mkdocs_loop.populate_page,
        "_build_page": mkdocs_loop.build_page,
        "clean_directory": mkdocs_loop.clean_directory,
    }[name]
    assert source_digest(original) == PINNED_SOURCES[name], (
        f"mkdocs.commands.build.{name} changed: re-check hooks/build/mkdocs_loop.py against it"
    )


def test_deactivating_gives_mkdocs_its_own_functions_back() -> None:
    class Nothing:
        def reads_in_main(self, page: object) -> bool:
            return True

        def build_pages(self, *args: object) -> None:
            return None

    mkdocs_loop.activate(Nothing())  # type: ignore[arg-type]
    mkdocs_loop.deactivate()
    assert mkdocs_build._populate_page is mkdocs_loop.populate_page
    assert mkdocs_build._build_page is mkdocs_loop.build_page


def test_build_empties_site_dir_through_utils_clean_directory() -> None:
    source = inspect.getsource(mkdocs_build.build)
    assert "utils.clean_directory(config.site_dir)" in source
    assert (
        source.index("on_pre_build") < source.index("clean_directory") < source.index("get_files")
    )


def test_a_kept_site_dir_is_listed_instead_of_cleaned(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("kept", encoding="utf-8")
    calls: list[str] = []
    mkdocs_loop.keep_site_dir(str(tmp_path), lambda: calls.append("listed"))
    try:
        mkdocs_utils.clean_directory(str(tmp_path))
    finally:
        mkdocs_loop.release_site_dir()
    assert calls == ["listed"]
    assert (tmp_path / "page.html").exists()


def test_another_folder_is_cleaned_as_mkdocs_does(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "page.html").write_text("stale", encoding="utf-8")
    mkdocs_loop.keep_site_dir(str(tmp_path / "site"), lambda: None)
    try:
        mkdocs_utils.clean_directory(str(other))
    finally:
        mkdocs_loop.release_site_dir()
    assert list(other.iterdir()) == []


def test_releasing_gives_mkdocs_its_own_clean_back() -> None:
    mkdocs_loop.keep_site_dir("site", lambda: None)
    mkdocs_loop.release_site_dir()
    assert mkdocs_utils.clean_directory is mkdocs_loop.clean_directory

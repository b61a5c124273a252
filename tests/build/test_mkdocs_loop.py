"""The engine's one hack (hooks/build/mkdocs_loop.py) fails loudly when MkDocs changes underneath.

The wrappers replace ``_populate_page`` and ``_build_page`` and rely on the order in which
``build()`` calls them; a new MkDocs release may change either. These tests pin the exact source
of the three functions: when one fails, read the new ``mkdocs/commands/build.py``, check the
wrappers against it, and record the new digests and version.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable

import mkdocs
import mkdocs.commands.build as mkdocs_build
import pytest

from hooks.build import mkdocs_loop

#: sha256 of each function's source in MkDocs 1.6.1.
PINNED_SOURCES = {
    "build": "c476b64474acfaa20c08fdedc074238c6521bf320263065ee7de983ebf2032f9",
    "_populate_page": "31a70ea4caef1e127a9d65a0f346ee322bad00d673ef824d82acf807e61d91c2",
    "_build_page": "adcdbd14b236112697cafec9171bd281981f15a776e0d2f941a62e7bffd9a0d5",
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

"""A tiny parallel-safe MkDocs hook for the engine's tests (``hooks:`` in a fixture mkdocs.yml).

It keeps the engine's contract: ``on_files`` counts each page's words from its source (MkDocs'
own loop runs ``on_page_content`` before ``on_env``), the page events only read that count, and
``page_inputs``/``site_inputs`` say what it adds. A page whose source holds ``WARN-ME`` logs a
warning while it is rendered, so that the tests can check that ``--strict`` counts warnings
logged in worker processes.
"""

from __future__ import annotations

import json
from typing import Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

log = get_plugin_logger("words")

parallel_safe = True

_words: dict[str, int] = {}


def on_files(files: Files, config: Any) -> Files:
    """Every page's word count, from its source."""
    _words.clear()
    for file in files.documentation_pages():
        _words[file.src_uri] = len(file.content_string.split())
    return files


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """Append the page's word count; warn on a page that asks for it."""
    if "WARN-ME" in (page.markdown or ""):
        log.warning(f"'{page.file.src_uri}' asks for a warning")
    return html + f'<p class="words">{_words.get(page.file.src_uri, 0)} words</p>'


def page_inputs(src_uri: str) -> str:
    """The page's word count."""
    return json.dumps(_words.get(src_uri))


def site_inputs() -> str:
    """Nothing is shared by every page."""
    return ""

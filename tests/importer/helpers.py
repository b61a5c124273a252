"""Small helpers for the importer tests."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from importer.pipeline import ImportOptions, convert_page
from importer.reading import read_page
from importer.records import Article
from library.frontmatter import split

#: Golden files are rendered as if imported on this day, so they do not change with the calendar.
GOLDEN_DAY = dt.date(2024, 1, 1)

_WORD_RE = re.compile(r"\w+")


def convert_file(path: Path, **options: object) -> Article:
    return convert_page(read_page(path), ImportOptions(today=GOLDEN_DAY, **options))  # type: ignore[arg-type]


def words(text: str) -> list[str]:
    """The words of a text, ignoring Markdown escapes, punctuation and layout."""
    return _WORD_RE.findall(text.replace("\\", " "))


def body_of(markdown_file_text: str) -> str:
    return split(markdown_file_text)[1]

"""Loading front matter: every kind of broken file is refused fast, with what is actually wrong."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from library.frontmatter import MAX_ALIASES, FrontMatterError, read_front_matter, split
from library.slugs import slugify
from tests.hooks.test_articles_build import GOOD_PAGES, build, write_site
from tests.importer.test_cli import DUMP, md_files, run_import

#: 350 bytes: nine levels of nine aliases, 9**9 strings once expanded.
ALIAS_BOMB = (
    "title: T\ncategory: C\n"
    + "a: &a [x,x,x,x,x,x,x,x,x]\n"
    + "".join(
        f"{name}: &{name} [{','.join(['*' + previous] * 9)}]\n"
        for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "tags: *i\n"
)


def front(yaml_text: str) -> str:
    return f"---\n{yaml_text}---\n\nThe text.\n"


def error_of(text: str, templates: set[str] | None = None) -> str:
    with pytest.raises(FrontMatterError) as caught:
        read_front_matter(text, "speeches/x.md", templates)
    return str(caught.value)


def test_an_alias_bomb_is_refused_before_it_is_expanded() -> None:
    assert len(front(ALIAS_BOMB)) < 400
    assert error_of(front(ALIAS_BOMB)) == (
        f"Error in front matter of 'speeches/x.md': more than {MAX_ALIASES} YAML aliases "
        "('*name'). Write the values out instead of repeating anchors."
    )


def test_a_few_aliases_are_still_allowed() -> None:
    meta, _ = split(front("title: &t T\ncategory: C\nsubtitle: *t\n"), "x.md")
    assert meta["subtitle"] == "T"


def test_broken_yaml_names_the_line_and_the_problem() -> None:
    assert error_of(front("title: T\ncategory: [Reports\n")) == (
        "Error in front matter of 'speeches/x.md': line 4: invalid YAML (did not find expected "
        "',' or ']', while parsing a flow sequence that starts on line 3). Quote a value that "
        "contains ': ', '#' or starts with a special character."
    )


def test_a_colon_in_an_unquoted_title_names_the_line() -> None:
    assert "line 2: invalid YAML (mapping values are not allowed" in error_of(
        front("title: Plan: 2024\ncategory: C\n")
    )


def test_a_yes_title_says_it_must_be_quoted_not_that_it_is_missing() -> None:
    assert error_of(front("title: yes\ncategory: C\n")) == (
        "Error in 'title' in front matter of 'speeches/x.md': must be text (YAML reads the value "
        'as true: yes, no, on and off are yes/no values). Quote the value, e.g. title: "yes".'
    )


def test_a_missing_closing_line_is_named() -> None:
    assert error_of("---\ntitle: T\ncategory: C\n\nThe text.\n") == (
        "Error in front matter of 'speeches/x.md': the '---' on line 1 opens front matter that "
        "no '---' line closes. Add a line '---' after the last key."
    )


def test_a_python_tag_is_refused_by_name() -> None:
    assert error_of(front("title: !!python/object/apply:os.system ['ls']\ncategory: C\n")) == (
        "Error in front matter of 'speeches/x.md': line 2: the YAML tag "
        "'!!python/object/apply:os.system' is not allowed. Front matter holds only text, "
        "numbers, dates and lists; remove the tag."
    )


def test_a_duplicate_key_is_refused() -> None:
    assert error_of(front("title: T\ncategory: C\ntitle: U\n")) == (
        "Error in 'title' in front matter of 'speeches/x.md': appears twice (again on line 4). "
        "Keep one of them."
    )


def test_markup_in_tags_is_refused() -> None:
    assert error_of(front("title: T\ncategory: C\ntags: [a, <script>alert(1)</script>]\n")) == (
        "Error in 'tags' in front matter of 'speeches/x.md': contains HTML markup (got "
        "'<script>alert(1)</script>'). Write plain text, no <...> tags."
    )


def test_a_template_path_outside_the_theme_is_refused() -> None:
    assert error_of(front("title: T\ncategory: C\ntemplate: ../../etc/passwd\n")) == (
        "Error in 'template' in front matter of 'speeches/x.md': must be the file name of one of "
        "the theme's page templates (got '../../etc/passwd'). Write e.g. 'template: main.html', "
        "or remove the line."
    )


def test_a_template_the_theme_does_not_have_is_refused() -> None:
    message = error_of(front("title: T\ncategory: C\ntemplate: nope.html\n"), {"main.html"})
    assert message == (
        "Error in 'template' in front matter of 'speeches/x.md': names a template the theme does "
        "not have (got 'nope.html'). The theme has: main.html."
    )


def test_a_template_of_the_theme_is_accepted() -> None:
    parsed, _ = read_front_matter(
        front("title: T\ncategory: C\ntemplate: main.html\n"), "x.md", {"main.html"}
    )
    assert parsed.theme["template"] == "main.html"


def test_a_long_wrong_value_is_quoted_short() -> None:
    message = error_of(front("title: T\ncategory: C\ntags: [[" + "x, " * 10_000 + "x]]\n"))
    assert message.startswith("Error in 'tags' in front matter of 'speeches/x.md': must be a list")
    assert len(message) < 300


@pytest.mark.parametrize("name", ["CON", "nul", "Com1", "LPT9", "aux", "prn", "com0"])
def test_windows_device_names_never_become_a_path_segment(name: str) -> None:
    assert slugify(name) == f"{name.lower()}-0"


def test_an_article_titled_con_in_a_subcategory_nul_gets_no_device_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "con.txt"
    dump.write_text(
        "Work summaries > NUL\n\n×CON\n\nThe office kept its promises to the staff this year.\n",
        encoding="utf-8",
    )
    run_import(capsys, str(dump), "--docs", str(tmp_path / "docs"))
    (article,) = md_files(tmp_path / "docs")
    assert article.relative_to(tmp_path / "docs").as_posix() == "work-summaries/nul-0/con-0.md"


# --- The site build reports each of them, one error line per file, and no traceback -------------

BAD_FILES = {
    "bad/bomb.md": (
        front(ALIAS_BOMB),
        f"Error in front matter of 'bad/bomb.md': more than {MAX_ALIASES} YAML aliases",
    ),
    "bad/broken.md": (
        front("title: Plan: 2024\ncategory: C\n"),
        "Error in front matter of 'bad/broken.md': line 2: invalid YAML (mapping values",
    ),
    "bad/yes.md": (
        front("title: yes\ncategory: C\n"),
        "Error in 'title' in front matter of 'bad/yes.md': must be text (YAML reads",
    ),
    "bad/unclosed.md": (
        "---\ntitle: T\ncategory: C\n\nText.\n",
        "Error in front matter of 'bad/unclosed.md': the '---' on line 1 opens front matter",
    ),
    "bad/python.md": (
        front("title: !!python/name:os.system\ncategory: C\n"),
        "Error in front matter of 'bad/python.md': line 2: the YAML tag '!!python/name:os.system'",
    ),
    "bad/template.md": (
        front("title: T\ncategory: C\ntemplate: ../../etc/passwd\n"),
        "Error in 'template' in front matter of 'bad/template.md': must be the file name",
    ),
    "bad/missing-template.md": (
        front("title: T\ncategory: C\ntemplate: nope.html\n"),
        "Error in 'template' in front matter of 'bad/missing-template.md': names a template the "
        "theme does not have (got 'nope.html'). The theme has: 404.html,",
    ),
    "bad/duplicate.md": (
        front("title: T\ncategory: C\ntitle: U\n"),
        "Error in 'title' in front matter of 'bad/duplicate.md': appears twice (again on line 4)",
    ),
    "bad/script-tag.md": (
        front("title: T\ncategory: C\ntags: ['<script>alert(1)</script>']\n"),
        "Error in 'tags' in front matter of 'bad/script-tag.md': contains HTML markup",
    ),
}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    pages = {**GOOD_PAGES, **{src_uri: text for src_uri, (text, _) in BAD_FILES.items()}}
    return build(write_site(tmp_path_factory.mktemp("bad-front-matter"), pages))


@pytest.mark.build
def test_the_build_fails_without_a_traceback(bad_build: subprocess.CompletedProcess[str]) -> None:
    assert bad_build.returncode == 1
    assert "Traceback" not in bad_build.stderr


@pytest.mark.build
@pytest.mark.parametrize("src_uri", sorted(BAD_FILES))
def test_the_build_names_what_is_wrong_in_each_file(
    bad_build: subprocess.CompletedProcess[str], src_uri: str
) -> None:
    errors = [line for line in bad_build.stderr.splitlines() if f"'{src_uri}'" in line]
    assert len(errors) == 1
    assert errors[0].startswith(f"ERROR   -  hooks: {BAD_FILES[src_uri][1]}")


@pytest.mark.build
def test_an_article_from_a_non_utf8_file_name_builds_strictly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    source.write_text(DUMP, encoding="utf-8")
    run_import(capsys, str(source), "--docs", str(tmp_path / "imported"))
    (article,) = md_files(tmp_path / "imported")
    pages = {**GOOD_PAGES, "work-summaries/summary.md": article.read_text(encoding="utf-8")}
    result = build(write_site(tmp_path / "site", pages))
    assert result.returncode == 0, result.stderr

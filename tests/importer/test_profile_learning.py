"""``profile learn``: a profile learned from three pages reads the template's other pages as the
hand-written profile does (same Markdown, same golden files); pages of two templates teach nothing.
"""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from importer.cli import main
from importer.crawl.config import DEFAULT_USER_AGENT
from importer.profile_learning import learn_profile
from importer.profile_learning.sources import PoliteFetcher, SourcePage, read_sources
from importer.profile_learning.write import render_profile, write_profile
from importer.profiles import load_profile
from library.frontmatter import dump
from tests.conftest import GOLDEN, ROOT
from tests.importer.helpers import convert_file, words
from tests.importer.test_samples_golden import CASES

HTML = ROOT / "samples" / "html"

#: Three pages per shipped template. Between them they show every optional part the template has
#: (a subtitle; the body's ad slot, share bar, download tip, copy button and related list) except
#: where noted in KNOWN_GAPS: a block no learning page shows cannot be learned.
LEARN_FROM = {
    "modelessay-en": (
        "en-safety-summary-campus.html",
        "en-conference-speech-party-building-school.html",
        "en-investigation-report-elderly-care.html",
    ),
    "wenmi-zh": (
        "zh-conference-speech-party-building-school.html",
        "zh-speech-draft-teachers-day-script.html",
        "zh-annual-summary-primary-school.html",
    ),
}
PREFIX = {"modelessay-en": "en-", "wenmi-zh": "zh-"}

#: Pages whose body holds a template block that none of the three learning pages shows.
KNOWN_GAPS = {
    "zh-work-plan-party-building-2024.html": "its body has a related-articles block "
    "(div.inner-xg) that none of the three learning pages shows",
}


def other_pages() -> Iterator[object]:
    for template, learned_from in LEARN_FROM.items():
        for page in sorted(HTML.glob(f"{PREFIX[template]}*.html")):
            if page.name in learned_from:
                continue
            marks = (
                [pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[page.name])]
                if page.name in KNOWN_GAPS
                else []
            )
            yield pytest.param(template, page.name, marks=marks, id=f"{template}/{page.name}")


def read(paths: list[Path]) -> list[SourcePage]:
    pages = list(read_sources(str(p) for p in paths))
    assert all(isinstance(page, SourcePage) for page in pages), pages
    return [page for page in pages if isinstance(page, SourcePage)]


@pytest.fixture(scope="module")
def learned_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("learned")
    files = {}
    for template, names in LEARN_FROM.items():
        profile = learn_profile(f"{template}-learned", read([HTML / name for name in names]))
        files[template] = folder / f"{template}-learned.yaml"
        write_profile(profile, files[template])
    return files


def markdown(page: Path, profile: str) -> str:
    article = convert_file(page, profile=profile)
    return dump(article.front, article.body)


@pytest.mark.parametrize(("template", "page"), list(other_pages()))
def test_a_learned_profile_reads_other_pages_as_the_hand_written_one(
    learned_files: dict[str, Path], template: str, page: str
) -> None:
    learned = markdown(HTML / page, str(learned_files[template]))
    assert learned == markdown(HTML / page, template)


GOLDEN_OTHERS = sorted(
    (name, case)
    for name, case in CASES.items()
    if case.startswith("samples/html/")
    and not any(Path(case).name in names for names in LEARN_FROM.values())
)


@pytest.mark.parametrize(("golden", "case"), GOLDEN_OTHERS, ids=[g for g, _ in GOLDEN_OTHERS])
def test_a_learned_profile_reproduces_the_golden_files_of_other_pages(
    learned_files: dict[str, Path], golden: str, case: str
) -> None:
    template = "wenmi-zh" if golden.startswith("wenmi-zh") else "modelessay-en"
    learned = markdown(ROOT / case, str(learned_files[template]))
    assert learned == (GOLDEN / "samples" / f"{golden}.md").read_text(encoding="utf-8")


def test_the_learned_file_says_which_pages_each_selector_came_from(
    learned_files: dict[str, Path],
) -> None:
    text = learned_files["modelessay-en"].read_text(encoding="utf-8")
    lines = text.splitlines()
    subtitle = lines.index("  subtitle: p.article-subtitle")
    only_page = HTML / "en-conference-speech-party-building-school.html"
    assert lines[subtitle - 1].endswith(f"; learned from {only_page}")
    assert "learned from all pages" in lines[lines.index("  body: div.article-content") - 1]


def test_the_learned_file_loads_and_has_the_shipped_profiles_keys(
    learned_files: dict[str, Path],
) -> None:
    profile = load_profile(learned_files["wenmi-zh"])
    assert profile.fields is not None
    assert profile.fields.title == "h1.arc-title"
    assert profile.fields.body == "div.arc-body"
    assert profile.fields.breadcrumb == "div.position a"
    assert profile.fields.subtitle == "div.arc-sub"
    assert profile.breadcrumb_skip == ("首页",)
    assert {"div.gg", "div.bdsharebuttonbox", "div.copy-btn", "div.tip-download"} <= set(
        profile.drop
    )


def test_learned_selectors_never_use_positions(learned_files: dict[str, Path]) -> None:
    for file in learned_files.values():
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        selectors = [*data["fields"].values(), *data["drop"], data["match"]["selector"]]
        for selector in selectors:
            assert "nth-" not in selector and ":first" not in selector and ":last" not in selector


def test_listing_pages_give_the_crawler_link_rules() -> None:
    pages = read([HTML / name for name in LEARN_FROM["wenmi-zh"]])
    listing = read([ROOT / "samples/listing/zh-listing-example.html"])
    profile = learn_profile("wenmi-learned", pages, listing)
    assert profile.links is not None
    assert profile.links.article.selector == "ul.e2 a.title"
    assert profile.links.next_page is not None
    assert profile.links.next_page.selector == "ul.pagelist a.next"
    assert "links:" in render_profile(profile)


def test_pages_of_two_templates_are_refused_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mixed.yaml"
    pages = [
        HTML / "en-safety-summary-campus.html",
        HTML / "en-work-plan-school-teaching.html",
        HTML / "zh-notice-budget-preparation-2024.html",
    ]
    code = main(["profile", "learn", *map(str, pages), "--name", "mixed", "--out", str(out)])
    assert code == 1
    assert "do not share a template" in capsys.readouterr().err
    assert not out.exists()


def test_fewer_than_three_pages_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "two.yaml"
    pages = [HTML / "en-safety-summary-campus.html", HTML / "en-work-plan-school-teaching.html"]
    assert main(["profile", "learn", *map(str, pages), "--name", "two", "--out", str(out)]) == 1
    assert "at least 3 article pages" in capsys.readouterr().err
    assert not out.exists()


def test_an_existing_profile_is_not_replaced_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kept.yaml"
    out.write_text("hand-written\n", encoding="utf-8")
    pages = [str(HTML / name) for name in LEARN_FROM["modelessay-en"]]
    assert main(["profile", "learn", *pages, "--name", "kept", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "hand-written\n"


# --- fetching URLs politely, from a local server -----------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    seen_agents: ClassVar[list[str]] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, directory=str(HTML), **kwargs)  # type: ignore[arg-type]

    def do_GET(self) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/robots.txt":
            body = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 3\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    _Handler.seen_agents = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_urls_are_fetched_with_the_crawlers_user_agent_and_crawl_delay(site: str) -> None:
    waits: list[float] = []
    fetcher = PoliteFetcher(sleep=waits.append)
    urls = [f"{site}/{name}" for name in LEARN_FROM["modelessay-en"]]
    pages = list(read_sources(urls, fetcher))
    assert all(isinstance(page, SourcePage) for page in pages)
    assert set(_Handler.seen_agents) == {DEFAULT_USER_AGENT}
    assert len(waits) == 3 and all(wait > 2.5 for wait in waits)  # robots.txt asks for 3 s


def test_a_url_robots_txt_disallows_is_not_fetched(site: str) -> None:
    fetcher = PoliteFetcher(sleep=lambda seconds: None)
    (result,) = list(read_sources([f"{site}/private/page.html"], fetcher))
    assert result == (f"{site}/private/page.html", "robots.txt disallows fetching it")
    assert len(_Handler.seen_agents) == 1  # only robots.txt was asked for


# --- the unknown-template fixtures ----------------------------------------------------------

UNKNOWN = ROOT / "tests" / "fixtures" / "unknown"


def unknown_templates() -> list[Path]:
    """``tests/fixtures/unknown/<template>/``: pages of one invented template, in name order; the
    first three teach the profile, the reviewed Markdown of each other page is beside it as
    ``<page>.md``. (The single pages directly in ``unknown/`` are for the generic path.)"""
    return sorted(d for d in UNKNOWN.iterdir() if d.is_dir() and len(list(d.glob("*.html"))) > 3)


def test_at_least_two_unknown_templates_have_pages_to_learn_from() -> None:
    assert len(unknown_templates()) >= 2


@pytest.mark.parametrize("folder", unknown_templates(), ids=lambda folder: folder.name)
def test_a_profile_learned_from_three_pages_of_an_unknown_template_matches_its_goldens(
    tmp_path: Path, folder: Path
) -> None:
    """To accept a deliberate change: ``UPDATE_GOLDEN=1 pytest -k unknown_template`` and read
    the diff of the ``.md`` files."""
    pages = sorted(folder.glob("*.html"))
    profile = learn_profile(f"{folder.name}-learned", read(pages[:3]))
    file = tmp_path / f"{folder.name}.yaml"
    write_profile(profile, file)
    for page in pages[3:]:
        golden = page.with_suffix(".md")
        actual = markdown(page, str(file))
        if os.environ.get("UPDATE_GOLDEN"):
            golden.write_text(actual, encoding="utf-8")
        assert actual == golden.read_text(encoding="utf-8"), page.name


def test_pages_of_two_unknown_templates_are_refused_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, other = (sorted(folder.glob("*.html")) for folder in unknown_templates()[:2])
    out = tmp_path / "mixed.yaml"
    pages = [*one[:2], other[0]]
    code = main(["profile", "learn", *map(str, pages), "--name", "mixed", "--out", str(out)])
    assert code == 1
    assert "do not share a template" in capsys.readouterr().err
    assert not out.exists()


# --- a template with no hand-written profile and no generator meta ---------------------------

PORTAL_ARTICLES = [
    (
        "Notice on the spring tree-planting week",
        [
            "Every district office will organise one planting day before the end of March.",
            "Volunteers register with their neighbourhood committee and receive tools on site.",
            "Schools may join with classes of older pupils, accompanied by their teachers.",
        ],
    ),
    (
        "Report on the repair of rural roads in 2023",
        [
            "Forty-two kilometres of village roads were resurfaced, most of them in the hill towns.",
            "Two bridges damaged by the summer floods were rebuilt with wider footpaths.",
            "Maintenance crews now inspect every road twice a year and after heavy rain.",
        ],
    ),
    (
        "Plan for the autumn health check of elderly residents",
        [
            "Clinics will examine residents over sixty-five free of charge from September.",
            "Results go into each resident's health record and to their family doctor.",
            "Those who cannot travel will be visited at home by a nurse and a volunteer.",
        ],
    ),
    (
        "Summary of the library's reading month",
        [
            "The city library lent eleven thousand books in April, a third more than last year.",
            "Story hours for children were held every Saturday in four branch libraries.",
            "A book swap in the main square brought readers of every age together.",
        ],
    ),
    (
        "Notice on water supply works in the east district",
        [
            "Water will be cut off on the night of 14 May while the main pipe is replaced.",
            "Residents are asked to store drinking water and to keep their taps closed.",
            "Tankers will stand by the east market for anyone who runs short.",
        ],
    ),
]


def portal_page(number: int) -> str:
    """A page of an invented government portal template: ids and classes, no generator meta."""
    title, paragraphs = PORTAL_ARTICLES[number]
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    if number % 2:  # a share bar inside the body on some pages only
        body += (
            '<div class="share-bar">Share: <a href="#wx">WeChat</a> <a href="#wb">Weibo</a></div>'
        )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{title} - Eastbay City Portal</title></head><body>
<div id="header"><a href="/">Eastbay City Portal</a> <form action="/search"><input name="q"></form></div>
<ul id="menu"><li><a href="/">Home</a></li><li><a href="/news/">News</a></li><li><a href="/policy/">Policy</a></li></ul>
<div class="location">You are here: <a href="/">Home</a> »
<a href="/policy/">Policy</a> » <a href="/policy/notices/">Notices</a></div>
<div id="main"><h2 class="news-title">{title}</h2>
<div class="info"><span class="time">Published: 2024-03-{number + 10:02d}</span>
<span class="hits">Views: {300 + number}</span></div>
<div id="zoom">{body}</div>
<div class="related"><h4>Related</h4><ul><li><a href="/a/1.html">Another notice</a></li></ul></div>
</div><div id="footer">Copyright Eastbay City. All rights reserved.</div>
</body></html>"""


def test_a_template_without_a_profile_or_generator_is_learned_from_three_pages(
    tmp_path: Path,
) -> None:
    pages = [SourcePage(label=f"portal-{n}.html", text=portal_page(n)) for n in range(3)]
    file = tmp_path / "portal.yaml"
    write_profile(learn_profile("portal", pages), file)
    for number in (3, 4):
        page = tmp_path / f"portal-{number}.html"
        page.write_text(portal_page(number), encoding="utf-8")
        article = convert_file(page, profile=str(file))
        title, paragraphs = PORTAL_ARTICLES[number]
        assert article.front.title == title
        assert (article.front.category, article.front.subcategory) == ("Policy", "Notices")
        assert str(article.front.date) == f"2024-03-{number + 10:02d}"
        assert article.front.views == 300 + number
        assert words(article.body) == words(" ".join(paragraphs))  # and no share bar


def test_the_command_writes_the_profile_and_says_what_it_learned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "learned.yaml"
    pages = [str(HTML / name) for name in LEARN_FROM["modelessay-en"]]
    assert main(["profile", "learn", *pages, "--name", "learned", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == (
        f"{out}: learned title, subtitle, breadcrumb, body, date, views, tags and 4 drop rules "
        "from 3 pages"
    )
    assert load_profile(out).name == "learned"


def test_an_unreadable_page_is_named_and_the_others_are_still_learned_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "learned.yaml"
    pages = [str(HTML / name) for name in LEARN_FROM["wenmi-zh"]]
    missing = str(tmp_path / "gone.html")
    assert main(["profile", "learn", *pages, missing, "--name", "learned", "--out", str(out)]) == 0
    assert f"{missing}: skipped: no such file or folder" in capsys.readouterr().err
    assert out.exists()


def test_import_with_a_missing_profile_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.yaml"
    page = str(HTML / "en-safety-summary-campus.html")
    args = ["import", page, "--docs", str(tmp_path / "docs"), "--profile", str(missing)]
    assert main(args) == 2
    assert f"error: Cannot read profile '{missing}'" in capsys.readouterr().err

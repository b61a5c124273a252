"""Build tests of the recommended plugin: a small bilingual site built once, a strict failure."""

from __future__ import annotations

import json
import logging
import posixpath
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from hooks.recommended.config import RecommendedConfig
from library.frontmatter import FrontMatter, dump

pytestmark = pytest.mark.build

OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"

PARTY = "speeches/party-building/branch-secretaries.md"
PARTY_2 = "speeches/party-building/integrity-education.md"
BUDGET = "notices/budget/budget-notice.md"
SAFETY = "speeches/safety/fire-safety.md"
ZH_PARTY = "speeches/party-building/zhi-bu-shu-ji-jiang-hua.md"
ZH_BUDGET = "notices/budget/yu-suan-tong-zhi.md"

ARTICLES: dict[str, tuple[FrontMatter, str]] = {
    PARTY: (
        FrontMatter(
            title="Speech on party building to branch secretaries",
            category="Speeches",
            subcategory="Party Building",
            tags=("discipline",),
        ),
        "Party branches strengthen discipline among party members and lead integrity education.",
    ),
    PARTY_2: (
        FrontMatter(
            title="Speech on integrity education for party members",
            category="Speeches",
            subcategory="Party Building",
            tags=("discipline",),
        ),
        "Integrity education keeps party members disciplined; every branch holds study meetings.",
    ),
    BUDGET: (
        FrontMatter(
            title="Notice on the budget",
            category="Notices",
            subcategory="Budget",
            recommended=(SAFETY,),
        ),
        "Departments submit budget requests and expenditure plans to the finance office by March.",
    ),
    SAFETY: (
        FrontMatter(title="Speech on fire safety", category="Speeches", subcategory="Safety"),
        "Fire hazards must be found by inspection; every department holds evacuation drills.",
    ),
    ZH_PARTY: (
        FrontMatter(
            title="在支部书记会议上的讲话", category="Speeches", subcategory="Party Building"
        ),
        "加强党员队伍建设，严肃党的纪律，抓好支部组织生活和廉洁教育。",
    ),
    ZH_BUDGET: (
        FrontMatter(title="关于预算编制的通知", category="Notices", subcategory="Budget"),
        "各部门报送预算申请和支出计划，超出拨款须经财务审批。",
    ),
}


def write_site(root: Path, articles: dict[str, tuple[FrontMatter, str]]) -> Path:
    """A site with only this plugin, so the test sees its behaviour and nobody else's."""
    docs = root / "docs"
    for path, (front, body) in articles.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(dump(front, body), encoding="utf-8")
    (docs / "about").mkdir()
    (docs / "about" / "index.md").write_text("# About\n\nNot an article.\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(
            f"""\
            site_name: Recommended test
            strict: true
            theme:
              name: material
              custom_dir: {OVERRIDES}
              font: false
            plugins:
              - secretariat/recommended:
                  limit: 3
            """
        ),
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("recommended")
    build(load_config(config_file=str(write_site(root, ARTICLES))))
    return root / "site"


def page_html(site: Path, src_path: str) -> BeautifulSoup:
    html = (site / src_path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "lxml")


def recommended_links(site: Path, src_path: str) -> list[str]:
    section = page_html(site, src_path).select_one("section.sc-recommended")
    assert section is not None, f"{src_path} has no Recommended section"
    return [str(a["href"]) for a in section.select("li a")]


def resolves(site: Path, src_path: str, href: str) -> bool:
    page_dir = src_path.removesuffix(".md") + "/"
    target = posixpath.normpath(posixpath.join(page_dir, href))
    return (site / target / "index.html").is_file()


def test_every_article_has_a_recommended_heading_and_list(site: Path) -> None:
    for path in ARTICLES:
        section = page_html(site, path).select_one("section.sc-recommended")
        assert section is not None, path
        assert section.h2 is not None and section.h2.get_text(strip=True) == "Recommended articles"
        assert section.select("li a"), path


def test_every_recommended_link_resolves_to_a_built_page(site: Path) -> None:
    for path in ARTICLES:
        for href in recommended_links(site, path):
            assert resolves(site, path, href), f"{path} links to missing {href}"


def test_party_speech_page_recommends_the_other_party_speech_first(site: Path) -> None:
    assert recommended_links(site, PARTY)[0] == "../integrity-education/"


def test_pinned_article_is_listed_first(site: Path) -> None:
    assert recommended_links(site, BUDGET)[0] == "../../../speeches/safety/fire-safety/"


def test_list_shows_the_category(site: Path) -> None:
    section = page_html(site, PARTY).select_one("section.sc-recommended")
    assert section is not None
    assert "Speeches" in section.get_text()


def test_a_page_that_is_not_an_article_has_no_recommended_list(site: Path) -> None:
    html = BeautifulSoup((site / "about" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert html.select_one("section.sc-recommended") is None


def test_recommended_json_lists_every_article_like_the_pages(site: Path) -> None:
    lists = json.loads((site / "recommended.json").read_text(encoding="utf-8"))
    assert sorted(lists) == sorted(ARTICLES)
    assert lists[BUDGET][0] == SAFETY
    assert len(lists[PARTY]) == len(recommended_links(site, PARTY))


def test_pin_to_a_missing_page_fails_the_strict_build_naming_the_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    front, body = ARTICLES[BUDGET]
    broken = {
        **ARTICLES,
        BUDGET: (FrontMatter(**{**front.__dict__, "recommended": ("gone.md",)}), body),
    }
    config = load_config(config_file=str(write_site(tmp_path, broken)))
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build(config)
    assert any(BUDGET in r.getMessage() and "gone.md" in r.getMessage() for r in caplog.records)


def test_a_rebuild_reusing_the_ranking_still_fails_on_a_missing_pin(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    front, body = ARTICLES[BUDGET]
    broken = {
        **ARTICLES,
        BUDGET: (FrontMatter(**{**front.__dict__, "recommended": ("gone.md",)}), body),
    }
    config_file = str(write_site(tmp_path, broken))
    with pytest.raises(Abort):
        build(load_config(config_file=config_file))
    assert (tmp_path / ".cache" / "secretariat" / "recommended-lists.json").is_file()
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build(load_config(config_file=config_file))
    assert any("gone.md" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("option", "value"),
    [("limit", 0), ("limit", -1), ("limit", True), ("tag_boost", -0.5), ("subcategory_boost", "x")],
)
def test_bad_option_values_are_configuration_errors(option: str, value: object) -> None:
    config = RecommendedConfig()
    config.load_dict({option: value})
    failed, _ = config.validate()
    assert [name for name, _ in failed] == [option]

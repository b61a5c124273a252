"""A reader's path through the real site, in headless Chromium.

The shipped site (mkdocs.yml + docs/) is built once with --strict (the ``built_site`` fixture) and
served on 127.0.0.1. Every page a test opens is watched: JavaScript errors and requests to any other
host are recorded (and such requests are blocked, so a test never reaches the internet).
Screenshots go to the git-ignored ``test-artifacts/`` folder for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@dataclass
class Watch:
    """What the pages of one browser context did that a reader's browser must not do."""

    own_host: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def on_console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.location.get('url')}: {message.text}")

    def on_page_error(self, error: Any) -> None:
        self.console_errors.append(f"uncaught: {error}")

    def route(self, route: Any) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != self.own_host:
            self.foreign_requests.append(url)
            route.abort()
        else:
            route.continue_()


@dataclass
class Reader:
    page: Any
    base_url: str
    watch: Watch

    def open(self, path: str = "") -> None:
        self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")


@pytest.fixture(scope="module")
def site_url(built_site: Path, serve_dir: Any) -> str:
    url: str = serve_dir(built_site)
    return url


def open_reader(browser: Any, site_url: str, **context_options: Any) -> Iterator[Reader]:
    context = browser.new_context(**context_options)
    watch = Watch(own_host=urlsplit(site_url).netloc)
    context.route("**/*", watch.route)
    page = context.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    yield Reader(page, site_url, watch)
    context.close()


@pytest.fixture
def reader(browser: Any, site_url: str) -> Iterator[Reader]:
    yield from open_reader(
        browser,
        site_url,
        viewport=DESKTOP,
        permissions=["clipboard-read", "clipboard-write"],
    )


@pytest.fixture
def phone_reader(browser: Any, site_url: str) -> Iterator[Reader]:
    yield from open_reader(
        browser, site_url, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )


def open_an_article(reader: Reader) -> str:
    """Home -> the first category card -> its first article; returns the article's URL."""
    reader.open()
    reader.page.locator("a.sc-card").first.click()
    reader.page.wait_for_load_state("networkidle")
    reader.page.locator("article a.sc-article__title").first.click()
    reader.page.wait_for_load_state("networkidle")
    assert reader.page.locator(".sec-article-header").is_visible()
    url: str = reader.page.url
    return url


def test_reader_follows_a_recommended_link_and_comes_back(reader: Reader, artifacts: Path) -> None:
    article_url = open_an_article(reader)
    reader.page.screenshot(path=artifacts / "article-desktop.png", full_page=True)
    recommended = reader.page.locator(".sc-recommended a").first
    target = recommended.get_attribute("href")
    recommended.click()
    reader.page.wait_for_load_state("networkidle")
    assert reader.page.url != article_url and target and target.strip("./") in reader.page.url
    reader.page.go_back()
    assert reader.page.url == article_url


def test_home_page_shows_the_popular_list(reader: Reader, artifacts: Path) -> None:
    reader.open()
    reader.page.screenshot(path=artifacts / "home-desktop.png", full_page=True)
    assert reader.page.locator(".sc-popular li a").count() > 0


def test_copy_button_puts_the_article_text_on_the_clipboard(reader: Reader) -> None:
    open_an_article(reader)
    title = reader.page.locator(".sec-article-header h1").inner_text()
    first_paragraph = reader.page.locator(".sec-article-body > p").first.inner_text()
    reader.page.locator(".sec-copy-article").click()
    reader.page.wait_for_function("document.querySelector('.sec-copy-article').dataset.secLabel")
    copied: str = reader.page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(title + "\n")
    assert first_paragraph in copied
    assert "¶" not in copied and "Recommended" not in copied


def test_print_layout_shows_only_the_article(reader: Reader, artifacts: Path) -> None:
    open_an_article(reader)
    reader.page.emulate_media(media="print")
    reader.page.screenshot(path=artifacts / "article-print.png", full_page=True)
    for navigation in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer"):
        assert reader.page.locator(navigation).first.is_hidden(), navigation
    assert reader.page.locator(".sc-recommended").is_hidden()
    assert reader.page.locator(".sec-copy-article").is_hidden()
    assert reader.page.locator(".sec-article-header h1").is_visible()
    assert reader.page.locator(".sec-article-body").is_visible()


def test_phone_reader_opens_the_navigation_drawer(phone_reader: Reader, artifacts: Path) -> None:
    phone_reader.open()
    drawer = phone_reader.page.locator(".md-sidebar--primary")
    assert not drawer.is_visible() or drawer.bounding_box()["x"] < 0  # off-canvas before
    phone_reader.page.locator('.md-header label[for="__drawer"]').click()
    phone_reader.page.wait_for_timeout(400)  # the drawer slides in with a 250 ms transition
    phone_reader.page.screenshot(path=artifacts / "home-phone-drawer.png")
    assert phone_reader.page.locator("#__drawer").is_checked()
    box = drawer.bounding_box()
    assert box is not None and box["x"] >= 0 and box["width"] > 0


def test_article_reads_well_on_a_phone(phone_reader: Reader, artifacts: Path) -> None:
    open_an_article(phone_reader)
    phone_reader.page.screenshot(path=artifacts / "article-phone.png", full_page=True)
    width = phone_reader.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


@pytest.fixture(scope="module")
def visited(browser: Any, site_url: str, artifacts: Path) -> Iterator[Watch]:
    """Home, a category, an article (copy button clicked) and the 404 page, visited once."""
    for reader in open_reader(browser, site_url, viewport=DESKTOP):
        open_an_article(reader)
        reader.page.locator(".sec-copy-article").click()
        reader.open("404.html")
        reader.page.screenshot(path=artifacts / "not-found.png")
        yield reader.watch


def test_no_javascript_errors_on_any_page_visited(visited: Watch) -> None:
    assert visited.console_errors == []


def test_no_page_requests_anything_from_another_host(visited: Watch) -> None:
    assert visited.foreign_requests == []

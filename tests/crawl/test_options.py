"""The crawl's command line: what each option turns into, and the messages for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from importer.cli import build_parser
from importer.crawl.command import UsageError, config_from_args
from importer.crawl.config import DEFAULT_MAX_DEPTH, DEFAULT_MAX_LISTINGS, CrawlConfig

START = "https://www.example.cn/zongjie/"


def _config(*argv: str) -> CrawlConfig:
    return config_from_args(build_parser().parse_args(["crawl", *argv]))


def test_no_profile_is_needed() -> None:
    config = _config(START)
    assert config.profile is None
    assert config.links is None


def test_the_start_hosts_and_allow_hosts_make_the_scope(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("http://m.example.cn/1.html\n", encoding="utf-8")
    config = _config(START, "--urls", str(urls), "--allow-host", "IMG.Example.CN")
    assert config.allowed_hosts == {"www.example.cn", "m.example.cn", "img.example.cn"}


def test_listing_limits_have_defaults() -> None:
    config = _config(START)
    assert (config.max_depth, config.max_listings) == (DEFAULT_MAX_DEPTH, DEFAULT_MAX_LISTINGS)


def test_a_delay_of_zero_is_allowed_for_own_servers() -> None:
    assert _config(START, "--delay", "0").delay == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--delay", "-1"], "--delay must not be negative"),
        (["--max-depth", "-1"], "--max-depth must not be negative"),
        (["--max-listings", "0"], "--max-listings at least 1"),
        (["--profile", "text-dump"], "profile 'text-dump' has no 'links:' rules"),
    ],
)
def test_bad_values_are_refused_with_a_message(argv: list[str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        _config(START, *argv)


def test_a_start_url_must_be_http() -> None:
    with pytest.raises(UsageError, match="'file:///etc/passwd' is not an http"):
        _config("file:///etc/passwd")

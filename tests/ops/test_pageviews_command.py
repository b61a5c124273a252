"""``python -m importer pageviews fetch`` end to end, against each provider's fake API.

The written file must be one the popular plugin reads (``read_pageviews``), name only pages the
site has, and on any failure the previous file must be left byte for byte, with the reason printed
and exit code 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.popular.pageviews import read_pageviews
from importer.cli import main
from tests.ops import providers_fake
from tests.ops.fakeapi import App, Reply, fake_api
from tests.ops.providers_fake import TOKEN

OLD_CSV = "path,views\n/notices/holiday-notice/,7\n"

#: provider -> (fake app, token variable, --site, path the fake API lives under)
CASES: dict[str, tuple[App, str, str, str]] = {
    "plausible": (providers_fake.plausible(), "PLAUSIBLE_API_KEY", "example.org", ""),
    "umami": (providers_fake.umami(), "UMAMI_API_KEY", "site-uuid", "/v1"),
    "goatcounter": (providers_fake.goatcounter(), "GOATCOUNTER_API_KEY", "mysite", ""),
    "matomo": (providers_fake.matomo(), "MATOMO_TOKEN_AUTH", "3", ""),
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A docs folder with the pages the fakes report, but no /wp-login.php."""
    for page in (
        "index.md",
        "notices/holiday-notice.md",
        "plans/yearly/work-plan.md",
        "plans/yearly/budget-plan.md",
    ):
        path = tmp_path / "docs" / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# Page\n", encoding="utf-8")
    return tmp_path


def fetch(site: Path, provider: str, base_url: str, *extra: str) -> int:
    return main(
        [
            "pageviews",
            "fetch",
            "--provider",
            provider,
            "--site",
            CASES[provider][2],
            "--base-url",
            base_url,
            "--docs",
            str(site / "docs"),
            "--out",
            str(site / "views.csv"),
            "--site-url",
            "https://example.org/",
            "--since",
            "2026-01-01",
            "--until",
            "2026-01-31",
            *extra,
        ]
    )


@pytest.mark.parametrize("provider", sorted(CASES))
def test_fetch_writes_the_views_of_the_sites_pages(
    site: Path, provider: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app, token_env, _, prefix = CASES[provider]
    monkeypatch.setenv(token_env, TOKEN)
    with fake_api(app) as api:
        assert fetch(site, provider, api.base_url + prefix) == 0
    rows = read_pageviews(site / "views.csv")
    assert [row.views for row in rows] == [1200, 300, 90, 25]
    out = capsys.readouterr().out
    assert "Wrote 4 pages (1,615 views" in out
    assert "Left out 1 rows naming no page" in out and "wp-login.php" in out


@pytest.mark.parametrize("provider", sorted(CASES))
def test_refused_token_keeps_the_old_file_and_says_why(
    site: Path, provider: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app, token_env, _, prefix = CASES[provider]
    monkeypatch.setenv(token_env, "expired-" + TOKEN)
    (site / "views.csv").write_text(OLD_CSV, encoding="utf-8")
    with fake_api(app) as api:
        assert fetch(site, provider, api.base_url + prefix) == 1
    err = capsys.readouterr().err
    assert (site / "views.csv").read_text(encoding="utf-8") == OLD_CSV
    assert "views.csv is unchanged" in err
    assert TOKEN not in err
    assert token_env in err or "logged in" in err  # Matomo explains in its own words
    assert sorted(p.name for p in site.iterdir()) == ["docs", "views.csv"]  # no temporary file


def test_malformed_response_keeps_the_old_file(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLAUSIBLE_API_KEY", TOKEN)
    (site / "views.csv").write_text(OLD_CSV, encoding="utf-8")
    with fake_api(
        lambda request: Reply(body={"results": [{"dimensions": ["/"], "metrics": ["many"]}]})
    ) as api:
        assert fetch(site, "plausible", api.base_url) == 1
    assert "unexpected response: a result row is not" in capsys.readouterr().err
    assert (site / "views.csv").read_text(encoding="utf-8") == OLD_CSV


def test_missing_token_is_a_clear_error(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("UMAMI_API_KEY", raising=False)
    monkeypatch.delenv("UMAMI_TOKEN", raising=False)
    assert fetch(site, "umami", "http://127.0.0.1:9") == 1
    assert "set UMAMI_API_KEY (or UMAMI_TOKEN for a self-hosted server)" in capsys.readouterr().err


def test_self_hosted_umami_token_is_sent_as_a_bearer_token(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("UMAMI_API_KEY", raising=False)
    monkeypatch.setenv("UMAMI_TOKEN", TOKEN)
    with fake_api(lambda request: Reply(body=[])) as api:
        assert fetch(site, "umami", api.base_url + "/api") == 0
    assert api.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_matomo_without_base_url_is_a_clear_error(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MATOMO_TOKEN_AUTH", TOKEN)
    code = main(
        [
            "pageviews",
            "fetch",
            "--provider",
            "matomo",
            "--site",
            "3",
            "--docs",
            str(site / "docs"),
            "--out",
            str(site / "v.csv"),
        ]
    )
    assert code == 1
    assert "Matomo has no public address: give --base-url" in capsys.readouterr().err


def test_help_documents_every_provider_and_token_variable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["pageviews", "fetch", "--help"])
    assert exit_.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for word in (
        "plausible",
        "umami",
        "goatcounter",
        "matomo",
        "--since",
        "--base-url",
        "PLAUSIBLE_API_KEY",
        "UMAMI_API_KEY",
        "GOATCOUNTER_API_KEY",
        "MATOMO_TOKEN_AUTH",
    ):
        assert word in text

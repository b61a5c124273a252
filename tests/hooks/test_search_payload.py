"""Tests of what Pagefind is given of a page (hooks/search/payload)."""

from __future__ import annotations

from hooks.search.payload import digest, indexed_payload

BODY = '<div class="sec-article-body" data-pagefind-body lang="zh"><div><p>正文</p></div></div>'
PAGE = (
    '<html lang="en"><head><title>T</title></head><body><nav>Menu words</nav>'
    f"{BODY}<aside>Recommended words</aside><footer>Footer</footer></body></html>"
)


def test_only_the_indexed_element_is_sent() -> None:
    sent = indexed_payload(PAGE, "zh")
    assert sent is not None and BODY in sent
    assert "Menu words" not in sent and "Recommended words" not in sent and "Footer" not in sent


def test_a_page_without_the_marker_of_its_language_sends_nothing() -> None:
    assert indexed_payload(PAGE, "en") is None


def test_a_script_inside_the_body_sends_the_rest_of_the_page() -> None:
    page = PAGE.replace("<p>正文</p>", "<p>正文</p><script>'</div>'</script>")
    sent = indexed_payload(page, "zh")
    assert sent is not None and "Recommended words" in sent


def test_a_tag_inside_a_quoted_attribute_sends_the_rest_of_the_page() -> None:
    page = PAGE.replace("<p>正文</p>", '<p title="</div>">正文</p>')
    sent = indexed_payload(page, "zh")
    assert sent is not None and "Recommended words" in sent


def test_a_comment_inside_the_body_sends_the_rest_of_the_page() -> None:
    page = PAGE.replace("<p>正文</p>", "<!-- </div> --><p>正文</p>")
    sent = indexed_payload(page, "zh")
    assert sent is not None and "Recommended words" in sent


def test_what_follows_the_body_does_not_change_the_digest() -> None:
    other = PAGE.replace("Recommended words", "Other recommendations")
    first, second = indexed_payload(PAGE, "zh"), indexed_payload(other, "zh")
    assert first is not None and second is not None and digest(first) == digest(second)


def test_a_change_inside_the_body_changes_the_digest() -> None:
    other = PAGE.replace("正文", "新的正文")
    first, second = indexed_payload(PAGE, "zh"), indexed_payload(other, "zh")
    assert first is not None and second is not None and digest(first) != digest(second)

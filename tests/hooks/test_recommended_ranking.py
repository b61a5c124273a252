"""Unit tests of the Recommended ranking on libraries small enough to see the right answer."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from hooks.recommended import similarity
from hooks.recommended.recommendations import Article, Problem, Settings, recommend
from hooks.recommended.similarity import Profile, document_frequencies, neighbours, term_weights
from hooks.recommended.term_cache import TermCache
from hooks.recommended.tokens import TermVector, term_id, term_vector

PARTY_SPEECH = "speeches/party-building/branch-secretaries.md"
PARTY_SPEECH_2 = "speeches/party-building/integrity-education.md"
BUDGET_NOTICE = "notices/budget/budget-notice.md"
SAFETY_SPEECH = "speeches/safety/fire-safety.md"

TEXTS = {
    PARTY_SPEECH: (
        "Speech on party building to branch secretaries",
        "Party branches must strengthen discipline among party members. Branch secretaries lead "
        "ideological education, integrity and the organisation life of every party member.",
    ),
    PARTY_SPEECH_2: (
        "Speech on integrity education for party members",
        "Integrity education keeps party members disciplined. Every branch should hold "
        "organisation life meetings and ideological study for its members.",
    ),
    BUDGET_NOTICE: (
        "Notice on the budget for next year",
        "Departments submit their budget requests and expenditure plans to the finance office "
        "by March. Spending above the allocation needs approval.",
    ),
    SAFETY_SPEECH: (
        "Speech on fire safety inspections",
        "Fire hazards in warehouses must be found by inspection. Every department appoints a "
        "safety officer and holds evacuation drills.",
    ),
}


def articles(**changes: dict[str, tuple[str, ...]]) -> list[Article]:
    """The four-article library; ``changes`` sets pins/exclusions by article path stem."""
    result = []
    for path, (title, body) in TEXTS.items():
        extra = changes.get(path.rsplit("/", 1)[1].removesuffix(".md").replace("-", "_"), {})
        result.append(
            Article(
                path=path,
                counts=term_vector(title, body),
                subcategory=path.rsplit("/", 1)[0],
                pins=extra.get("pins", ()),
                exclusions=extra.get("exclusions", ()),
            )
        )
    return result


def ranked(library: list[Article], limit: int = 3) -> dict[str, list[str]]:
    lists, _ = recommend(library, Settings(limit=limit), {a.path for a in library})
    return lists


def test_party_speech_recommends_the_other_party_speech_before_the_budget_notice() -> None:
    recommended = ranked(articles())[PARTY_SPEECH]
    assert recommended[0] == PARTY_SPEECH_2


def test_chinese_party_speech_recommends_the_other_party_speech_first() -> None:
    texts = {
        "a.md": (
            "在党支部书记会议上的讲话",
            "加强党员队伍建设，严肃党的纪律，抓好支部组织生活和廉洁教育。",
        ),
        "b.md": (
            "关于廉洁教育的讲话",
            "全体党员要加强廉洁自律，支部要定期开展组织生活和纪律教育。",
        ),
        "c.md": (
            "关于明年预算编制的通知",
            "各部门于三月前报送预算申请和支出计划，超出拨款须经财务审批。",
        ),
    }
    library = [Article(path, term_vector(title, body)) for path, (title, body) in texts.items()]
    assert ranked(library, limit=2)["a.md"][0] == "b.md"


def test_chinese_compound_word_matches_an_article_using_its_parts() -> None:
    """安全生产 (one compound) and 生产安全 share the pairs 安全 and 生产: no dictionary needed."""
    texts = {
        "a.md": ("安全生产工作会议讲话", "全面落实安全生产责任制，开展隐患排查。"),
        "b.md": ("关于生产安全检查的通知", "各单位组织生产安全大检查，整改隐患。"),
        "c.md": ("关于预算编制工作的通知", "各部门报送预算申请和支出计划。"),
    }
    library = [Article(path, term_vector(title, body)) for path, (title, body) in texts.items()]
    assert ranked(library, limit=1)["a.md"] == ["b.md"]


def test_function_characters_do_not_make_chinese_articles_alike() -> None:
    """Pairs holding 的/是/在 are dropped, so shared grammar does not outweigh a shared topic."""
    texts = {
        "a.md": ("党员学习", "学习是在的，也就是说，这就是在的，都是在的。"),
        "b.md": ("预算编制", "编制是在的，也就是说，这就是在的，都是在的。"),
        "c.md": ("党员教育", "支部集中教育。"),
    }
    library = [Article(path, term_vector(title, body)) for path, (title, body) in texts.items()]
    assert ranked(library, limit=1)["a.md"] == ["c.md"]


def test_an_article_never_recommends_itself() -> None:
    lists = ranked(articles(), limit=10)
    assert all(path not in recommended for path, recommended in lists.items())


def test_identical_articles_do_not_recommend_themselves_or_repeat() -> None:
    twin = Article("x.md", {"alpha": 2, "beta": 1})
    library = [
        twin,
        Article("y.md", {"alpha": 2, "beta": 1}),
        Article("z.md", {"alpha": 2, "beta": 1}),
    ]
    lists, _ = recommend(library, Settings(limit=5), {"x.md", "y.md", "z.md"})
    assert lists["x.md"] == ["y.md", "z.md"]


def test_list_is_cut_at_the_limit() -> None:
    assert len(ranked(articles(), limit=2)[PARTY_SPEECH]) == 2


def test_pins_come_first_in_the_editors_order() -> None:
    library = articles(branch_secretaries={"pins": (SAFETY_SPEECH, BUDGET_NOTICE)})
    assert ranked(library)[PARTY_SPEECH] == [SAFETY_SPEECH, BUDGET_NOTICE, PARTY_SPEECH_2]


def test_a_pin_is_not_repeated_by_the_computed_part() -> None:
    library = articles(branch_secretaries={"pins": (PARTY_SPEECH_2,)})
    recommended = ranked(library)[PARTY_SPEECH]
    assert recommended.count(PARTY_SPEECH_2) == 1
    assert recommended[0] == PARTY_SPEECH_2


def test_pins_are_written_as_site_paths_with_or_without_leading_slash() -> None:
    library = articles(branch_secretaries={"pins": (f"/{BUDGET_NOTICE}",)})
    assert ranked(library)[PARTY_SPEECH][0] == BUDGET_NOTICE


def test_an_excluded_article_is_not_recommended() -> None:
    library = articles(branch_secretaries={"exclusions": (PARTY_SPEECH_2,)})
    assert PARTY_SPEECH_2 not in ranked(library)[PARTY_SPEECH]


def test_a_pin_to_a_missing_page_is_reported_naming_the_article() -> None:
    library = articles(branch_secretaries={"pins": ("reports/annual/gone.md",)})
    lists, problems = recommend(library, Settings(limit=3), {a.path for a in library})
    assert problems == [Problem(PARTY_SPEECH, "recommended", "reports/annual/gone.md")]
    assert PARTY_SPEECH in str(problems[0])
    assert "reports/annual/gone.md" not in lists[PARTY_SPEECH]


def test_an_exclusion_of_a_missing_page_is_reported() -> None:
    library = articles(budget_notice={"exclusions": ("nowhere.md",)})
    _, problems = recommend(library, Settings(limit=3), {a.path for a in library})
    assert [(p.article, p.key) for p in problems] == [(BUDGET_NOTICE, "not_recommended")]


def test_pins_may_name_pages_that_are_not_articles() -> None:
    library = articles(branch_secretaries={"pins": ("about.md",)})
    lists, problems = recommend(library, Settings(limit=3), {"about.md", *TEXTS})
    assert lists[PARTY_SPEECH][0] == "about.md"
    assert problems == []


def test_lists_do_not_depend_on_the_order_articles_arrive_in() -> None:
    library = articles()
    shuffled = library[:]
    random.Random(4).shuffle(shuffled)
    assert ranked(shuffled, limit=3) == ranked(library, limit=3)


def test_equal_scores_are_ordered_by_position() -> None:
    profiles = [Profile({"a": 1}), Profile({"a": 1}), Profile({"a": 1}), Profile({"a": 1})]
    assert neighbours(profiles, 3)[2] == [0, 1, 3]


def test_same_subcategory_boost_breaks_a_content_tie() -> None:
    profiles = [
        Profile({"report": 1}, "x"),
        Profile({"report": 1}, "y"),
        Profile({"report": 1}, "x"),
        Profile({"other": 1}, "z"),
    ]
    assert neighbours(profiles, 1, subcategory_boost=0.1)[0] == [2]


def test_shared_tags_boost_breaks_a_content_tie() -> None:
    profiles = [
        Profile({"report": 1}, tags=("audit",)),
        Profile({"report": 1}, tags=("holiday",)),
        Profile({"report": 1}, tags=("audit",)),
        Profile({"other": 1}),
    ]
    assert neighbours(profiles, 1, tag_boost=0.1)[0] == [2]


def test_article_sharing_no_words_still_gets_its_subcategory() -> None:
    profiles = [Profile({"alpha": 1}, "x"), Profile({"beta": 1}, "x"), Profile({"gamma": 1}, "y")]
    assert neighbours(profiles, 5, subcategory_boost=0.1)[0] == [1]


def column_of(vectors: list[TermVector], term: str) -> int:
    vocabulary, _ = document_frequencies(vectors)
    return int(np.searchsorted(vocabulary, term_id(term)))


def test_term_in_every_document_weighs_less_than_a_rare_one() -> None:
    vectors = [
        TermVector.from_counts({"common": 1, "budget": 1}),
        TermVector.from_counts({"common": 1, "party": 1}),
    ]
    matrix = term_weights(vectors, keep=10).toarray()
    common, budget = column_of(vectors, "common"), column_of(vectors, "budget")
    assert 0 < matrix[0, common] < matrix[0, budget]


def test_pruning_keeps_each_rows_strongest_terms() -> None:
    vectors = [TermVector.from_counts(c) for c in ({"a": 5, "b": 1, "c": 1}, {"d": 1}, {"e": 1})]
    pruned = term_weights(vectors, keep=1)
    assert pruned[0].nnz == 1
    assert pruned[0].indices.tolist() == [column_of(vectors, "a")]


def test_rows_stay_unit_length_after_pruning() -> None:
    vectors = [TermVector.from_counts({"a": 5, "b": 2, "c": 1}), TermVector.from_counts({"d": 1})]
    pruned = term_weights(vectors, keep=2)
    assert abs(pruned[0].multiply(pruned[0]).sum() - 1.0) < 1e-9


def test_document_frequency_counts_documents_not_occurrences() -> None:
    vectors = [TermVector.from_counts({"a": 7}), TermVector.from_counts({"a": 1, "b": 1})]
    vocabulary, df = document_frequencies(vectors)
    assert df[np.searchsorted(vocabulary, term_id("a"))] == 2


def test_empty_library_has_no_lists() -> None:
    assert recommend([], Settings(), set()) == ({}, [])


def test_lone_article_has_an_empty_list() -> None:
    lists, _ = recommend([Article("a.md", {"x": 1})], Settings(), {"a.md"})
    assert lists == {"a.md": []}


def test_lists_after_an_edit_through_the_cache_equal_a_clean_ranking(tmp_path: Path) -> None:
    texts = {path: (title, body) for path, (title, body) in TEXTS.items()}
    warm = TermCache(tmp_path)
    warm.counts_for(list(texts.values()))
    texts[BUDGET_NOTICE] = ("Notice on the budget for party branches", "Party branches budget.")

    def lists(cache: TermCache) -> dict[str, list[str]]:
        vectors = cache.counts_for(list(texts.values()))
        library = [Article(p, v, p.rsplit("/", 1)[0]) for p, v in zip(texts, vectors, strict=True)]
        return ranked(library)

    incremental = lists(TermCache(tmp_path))
    assert incremental == lists(TermCache(None))


def test_threads_share_the_work_without_changing_any_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small chunks and blocks, so that two threads really split the library between them."""
    monkeypatch.setattr(similarity, "CHUNK_DOCUMENTS", 16)
    monkeypatch.setattr(similarity, "BLOCK_SCORES", 200)
    rng = random.Random(7)
    words = [f"w{number}" for number in range(300)]
    profiles = [
        Profile(
            {word: rng.randint(1, 4) for word in rng.sample(words, 30)},
            subcategory=f"s{number % 5}",
            tags=(f"t{number % 3}",),
        )
        for number in range(120)
    ]
    options = {"subcategory_boost": 0.2, "tag_boost": 0.1, "postings": 40}
    alone = neighbours(profiles, 6, threads=1, **options)
    assert neighbours(profiles, 6, threads=2, **options) == alone
    assert all(len(best) == 6 for best in alone)

"""The whole import, one page at a time: read -> decode -> extract -> clean -> convert -> write.

:class:`Importer` is what the CLI and the crawler share, so an article crawled from a URL and the
same page imported from a saved copy become the same Markdown file. A page that fails becomes a
``skipped`` :class:`~importer.records.Outcome` with the reason; it never stops the batch.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType

from importer.assemble import assemble_article
from importer.budget import TimeBudget
from importer.clean import clean_tree
from importer.convert import tree_to_markdown
from importer.decode import decode_page
from importer.extract import extract
from importer.manifest import Manifest
from importer.near_duplicates import NearDuplicateIndex, Signature
from importer.outline import outline_tree
from importer.profiles import Profile, all_drop_phrases, get_profile, load_profile, load_profiles
from importer.reading import read_page, source_name
from importer.records import Article, ImportProblem, Outcome, RawPage, Status
from importer.write_behind import WriteBehind
from importer.writer import Decision, apply_record, decide
from library.frontmatter import split

#: Seconds that converting one page may take before it is skipped. On the 2-core development machine
#: under a load of 6, the slowest sample page converts in 0.3 s and a 1 MiB article of 8,000
#: paragraphs (longer than any real one) in 49 s; 10,000 nested <div>s took 117 s before the cleaner
#: was made linear (0.6 s now). A minute lets every real article through and stops a stalling page.
PAGE_TIME_BUDGET = 60.0


@dataclass(frozen=True)
class ImportOptions:
    """Everything that changes how pages are imported (one object, not a long argument list)."""

    docs: Path = Path("docs")
    category: str | None = None  # for pages with no breadcrumb and no category metadata
    profile: str | None = None  # force one site profile instead of matching
    today: dt.date = field(default_factory=dt.date.today)
    #: Seconds between manifest saves; 0 saves after every page (the crawler wants that, since a
    #: page it must not fetch twice costs more than a save).
    checkpoint_seconds: float = 2.0
    #: Write an article even when it nearly duplicates one already in the docs folder.
    keep_duplicates: bool = False
    page_time_budget: float = PAGE_TIME_BUDGET  # 0 turns the budget off


def convert_page(raw: RawPage, options: ImportOptions) -> Article:
    """Every stage but writing: the article a page would become (pure; raises ImportProblem)."""
    page = decode_page(raw)
    profiles = (chosen_profile(options.profile),) if options.profile else None
    extracted = extract(page, profiles)
    # One tree for the body from here on: cleaned, outlined and converted in place.
    cleaned = clean_tree(extracted.body_html, extracted.url, all_drop_phrases())
    outline_tree(cleaned.root, cleaned.soup)
    markdown = tree_to_markdown(cleaned.root)
    if not markdown.strip():
        raise ImportProblem("the article body is empty once clutter is removed")
    article = assemble_article(
        extracted, markdown, cleaned.paragraphs, options.today, options.category
    )
    return replace(article, warnings=extracted.warnings)


def convert_within_budget(raw: RawPage, options: ImportOptions) -> Article:
    """:func:`convert_page`, cut off with an ImportProblem after ``options.page_time_budget``."""
    with TimeBudget(options.page_time_budget):
        return convert_page(raw, options)


def chosen_profile(name_or_file: str) -> Profile:
    """A shipped profile by name, or a profile file (``--profile learned.yaml``) to try one out."""
    if name_or_file.endswith((".yaml", ".yml")):
        return _profile_file(name_or_file)
    return get_profile(name_or_file)


@functools.cache
def _profile_file(path: str) -> Profile:
    return load_profile(Path(path))


class Importer:
    """Imports pages into a docs folder, keeping the manifest; use it as a context manager."""

    def __init__(self, options: ImportOptions) -> None:
        self.options = options
        options.docs.mkdir(parents=True, exist_ok=True)
        self.manifest = Manifest(options.docs)
        load_profiles()  # a broken profile file is reported before the first page, not during
        if options.profile:
            chosen_profile(options.profile)
        self.near_duplicates = NearDuplicateIndex.open(options.docs)
        self._writes = WriteBehind()
        self._pending: _Pending | None = None

    def __enter__(self) -> Importer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Finish the article being written and save the manifest; called on exit, also after
        Ctrl-C (even one that stops the last write), so finished work is remembered."""
        try:
            self.finish()
        finally:
            self._writes.close()
            self.manifest.save()
            self.near_duplicates.save()

    def knows_source(self, source: str) -> bool:
        """Whether a source (file name or URL) was imported before — the crawler skips those."""
        return self.manifest.get(source) is not None

    def import_page(self, raw: RawPage) -> Outcome:
        """Import one page; problems come back as a ``skipped`` outcome naming the reason."""
        try:
            article = convert_within_budget(raw, self.options)
        except ImportProblem as problem:
            return Outcome(raw.source, Status.SKIPPED, message=str(problem))
        return self.import_article(raw.source, article)

    def import_article(
        self, source: str, article: Article, signature: Signature | None = None
    ) -> Outcome:
        """Write a converted article (unless it nearly duplicates one already there), now."""
        earlier = self.finish()
        return (earlier + self.submit_article(source, article, signature) + self.finish())[-1]

    def submit_article(
        self, source: str, article: Article, signature: Signature | None = None
    ) -> list[Outcome]:
        """Start importing a converted article; return the outcomes finished meanwhile, in order.

        The article's file is written by the writer thread (see :mod:`importer.write_behind`) while
        the caller converts the next page; its outcome comes back from the next call, or from
        :meth:`finish`. ``signature`` is the body's near-duplicate signature if a worker computed
        it already (:func:`importer.near_duplicates.signature_of`).
        """
        outcomes = self.finish()
        outcome = self._begin(source, article, signature)
        if outcome is not None:
            outcomes.append(outcome)
        return outcomes

    def finish(self) -> list[Outcome]:
        """Wait for the article being written, record it, and return its outcome ([] if none)."""
        pending, self._pending = self._pending, None
        if pending is None:
            return []
        try:
            self._writes.wait()
        except (OSError, ValueError) as error:
            source = pending.decision.outcome.source
            return [Outcome(source, Status.SKIPPED, message=f"cannot write the article: {error}")]
        return [self._recorded(pending)]

    def _begin(self, source: str, article: Article, signature: Signature | None) -> Outcome | None:
        """Decide what to do with the article; start its write, or return its outcome now."""
        duplicate = self._near_duplicate(source, article, signature)
        if duplicate is not None:
            return duplicate
        try:
            decision = decide(article, source, self.options.docs, self.manifest)
        except (OSError, ValueError) as error:
            return Outcome(source, Status.SKIPPED, message=f"cannot write the article: {error}")
        pending = _Pending(decision, article, signature)
        if decision.write is None:
            return self._recorded(pending)
        self._writes.start(*decision.write)
        self._pending = pending
        return None

    def _recorded(self, pending: _Pending) -> Outcome:
        """Record a decision whose file (if any) is on disk: manifest, near-duplicate index."""
        apply_record(pending.decision, self.manifest)
        outcome = replace(pending.decision.outcome, warnings=pending.article.warnings)
        if outcome.status in (Status.IMPORTED, Status.UPDATED) and outcome.path:
            if pending.signature is None:
                self.near_duplicates.add(outcome.path, pending.article.body)
            else:
                self.near_duplicates.add_signature(outcome.path, pending.signature)
        self.manifest.checkpoint(self.options.checkpoint_seconds)
        self.near_duplicates.checkpoint(self.options.checkpoint_seconds)
        return outcome

    def _written_for(self, path: str, article: Article) -> bool:
        """Whether ``path`` is this very source's article, which a killed run wrote before its
        manifest checkpoint (the writer adopts it; it is no duplicate of itself)."""
        try:
            meta, _ = split((self.options.docs / path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return bool(meta.get("source") == article.front.source)

    def _near_duplicate(
        self, source: str, article: Article, signature: Signature | None
    ) -> Outcome | None:
        """A new source whose text is close to an existing article's is not written."""
        if self.options.keep_duplicates or self.manifest.get(source) is not None:
            return None
        if self.manifest.source_with_hash(article.front.hash or "", other_than=source):
            return None  # the very same text: the writer reports it as such
        match = (
            self.near_duplicates.find(article.body)
            if signature is None
            else self.near_duplicates.find_signature(signature)
        )
        if match is None or self._written_for(match.path, article):
            return None
        message = f"duplicate of {match.path} (similarity {match.similarity:.2f})"
        return Outcome(source, Status.DUPLICATE, match.path, message)

    def import_file(self, path: Path) -> Outcome:
        """Read a file and import it."""
        try:
            raw = read_page(path)
        except ImportProblem as problem:
            return Outcome(source_name(path), Status.SKIPPED, message=str(problem))
        return self.import_page(raw)


@dataclass(frozen=True)
class _Pending:
    """An article whose file the writer thread is writing: recorded once it is on disk."""

    decision: Decision
    article: Article
    signature: Signature | None

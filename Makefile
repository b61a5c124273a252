# Two commands matter: `make site` builds the site, `make test` runs every check.
# Both create .venv and install the pinned dependencies themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint typecheck pytest import bench bench-scale bench-import bench-dedupe bench-search bench-recommend clean help

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,properdocs]"
	touch $@

# The project's seed article lives beside the repository, in ../shared/seeds/, where it is present.
SEEDS := $(wildcard ../shared/seeds)

import: $(BIN)/.installed  ## Import the shipped raw samples (and the seed, if present) into docs/.
	$(BIN)/python -m importer import samples/html samples/dumps $(SEEDS) --docs docs

site: import  ## Import the samples and build the site into site/.
	$(BIN)/mkdocs build --strict
	@echo "Site built: $(CURDIR)/site/index.html (serve it with 'make serve')"

# The preview is not strict, so an editor's mistake is printed (file, key, fix) and the preview
# keeps running; `make site` stays strict. Rebuilds go through the build engine (hooks/build), as
# every shipped plugin is parallel_safe: only the pages a save changes are rendered, the rest are
# kept, correct. A plugin that is not parallel_safe brings back MkDocs' own loop, where --dirty
# (re-render only the saved page) keeps the preview quick; `make serve SERVE_FLAGS=` drops it.
SERVE_FLAGS ?= --dirty

serve: $(BIN)/.installed  ## Live preview on http://127.0.0.1:8000/ (SERVE_FLAGS= for full rebuilds).
	$(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000 $(SERVE_FLAGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/actionlint .github/workflows/*.yml

typecheck: $(BIN)/.installed
	$(BIN)/mypy

pytest: $(BIN)/.installed
	$(BIN)/python -m pytest

test: lint typecheck pytest  ## Lint, type-check and run the test suite.

bench-import: $(BIN)/.installed  ## Importer pages/s beside trafilatura's own extract.
	$(BIN)/python -m benchmarks.bench_import

bench-dedupe: $(BIN)/.installed  ## Near-duplicate index at 10,000 and 100,000 articles, new beside old; import pages/s with 1 and 2 jobs.
	$(BIN)/python -m benchmarks.bench_dedupe

bench-search: $(BIN)/.installed  ## Pagefind beside Material's search at 1k/5k/10k articles.
	$(BIN)/python -m benchmarks.bench_search

bench-recommend: $(BIN)/.installed  ## Recommended lists, old (jieba) beside new, at 1k/10k/100k articles.
	$(BIN)/python -m benchmarks.bench_recommend

# Sizes of `make bench`; e.g. `make bench BENCH_SIZES=1000` for a quick run.
BENCH_SIZES ?= 1000,5000,10000

bench: $(BIN)/.installed  ## Builds beside plain mkdocs-material: cold, one edit, memory; preview latency.
	$(BIN)/python -m benchmarks.bench_build --sizes $(BENCH_SIZES)
	$(BIN)/python -m benchmarks.bench_serve --variant ours --articles 1000 10000

bench-scale: $(BIN)/.installed  ## 100,000 articles: time, peak memory, site size, first-query download.
	$(BIN)/python -m benchmarks.bench_build --sizes 100000 --variants ours --equal-max 0 \
		--rank-sizes "" --first-query

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache

# Two commands matter: `make site` builds the site, `make test` runs every check.
# Both create .venv and install the pinned dependencies themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint typecheck pytest import bench bench-import bench-dedupe bench-search clean help

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
# keeps running; `make site` stays strict. By default only the saved page is rebuilt (--dirty:
# 7 s instead of 26 s at 1,000 articles); `make serve SERVE_FLAGS=` rebuilds every page on each save.
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

bench-dedupe: $(BIN)/.installed  ## Near-duplicate index at 10,000 articles; import pages/s with 1 and 2 jobs.
	$(BIN)/python -m benchmarks.bench_dedupe

bench-search: $(BIN)/.installed  ## Pagefind beside Material's search at 1k/5k/10k articles.
	$(BIN)/python -m benchmarks.bench_search

bench: $(BIN)/.installed  ## Build-time benchmark: plain mkdocs-material beside our plugins.
	$(BIN)/python -m benchmarks.bench_build

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache

# newsgen: `make build` builds the bundled archive, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: build test lint format serve clean bench quality screenshots wheel

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TSTAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(STAMP)
	$(BIN)/newsgen build
	@echo "Site built in _site/. Open _site/index.html in a browser, or run: make serve"

serve: $(STAMP)
	$(BIN)/newsgen serve

lint: $(TSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TSTAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(TSTAMP) lint
	$(BIN)/newsgen build --quiet
	$(BIN)/newsgen check
	$(BIN)/python -m pytest

wheel: $(TSTAMP)
	$(BIN)/python -m pip wheel --quiet --no-deps -w dist .

# Benchmarks read ../shared/corpora (never committed). ANCHORS=1 also runs Pelican and Hugo
# (../shared/bench-anchors; only on a quiet machine); BENCH_BIG=1 also builds 100k stories.
bench: $(TSTAMP)
	$(BIN)/python bench/ingest_report.py ../shared/corpora/bbc-dev --gold ../shared/corpora/bbc-dev/gold.jsonl
	$(BIN)/python bench/ingest_speed.py ../shared/corpora/bbc-dev --k 5
	$(BIN)/python bench/analysis_speed.py ../shared/corpora/bbc-dev ../shared/corpora/conll-dev
	$(BIN)/python bench/build_bench.py --k 5 --k 50 --repeat 3 $(if $(BENCH_BIG),--alone 225,) $(if $(ANCHORS),--anchors,)
	$(BIN)/python bench/build_bench.py --k 4 --repeat 3 --scheduler local:2
	$(BIN)/python bench/serve_latency.py --k 50

quality: $(TSTAMP)
	$(BIN)/python bench/section_report.py ../shared/corpora/bbc-dev --brief
	$(BIN)/python bench/quality_report.py ../shared/corpora/bbc-dev --pages
	$(BIN)/python bench/quality_report.py ../shared/corpora/conll-dev
	# Reuters wire of Feb-Oct 1987: its site sets `year: 1987`, as an archive's owner would.
	$(BIN)/python bench/quality_report.py ../shared/corpora/reuters-dev --year 1987
	$(BIN)/python bench/index_report.py ../shared/corpora/bbc-dev ../shared/corpora/conll-dev \
		../shared/corpora/reuters-dev

clean:
	rm -rf _site .newsgen dist build .pytest_cache .ruff_cache

# Screenshots of the bundled archive for the README (needs /usr/bin/chromium).
screenshots: build $(TSTAMP)
	$(BIN)/python tools/screenshots.py . --out docs/screenshots

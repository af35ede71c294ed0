# Two commands on a fresh machine: `make site` (build the sample site) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed

.PHONY: site offline serve check test test-fast bench vendor chromium clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	@touch $@

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## Build the sample site into site/ (atomic: a failed build leaves the old site in place).
site: $(STAMP)
	$(BIN)/bantin build
	@echo "Open site/index.html through a web server, e.g.: $(BIN)/python -m http.server -d site 8000"

## Offline flavour for USB copies: works from file://, output in site-offline/.
offline: $(STAMP)
	$(BIN)/bantin build --offline
	@echo "Open site-offline/index.html directly in a browser (file://)."

## Live preview with drafts shown under a 'bản nháp' banner.
serve: $(STAMP)
	$(BIN)/bantin serve

check: $(STAMP)
	$(BIN)/bantin check

## Chromium for the browser tests (Debian package; installed when missing and we are root).
chromium:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: install it (apt-get install chromium) to run the browser tests"; exit 1; fi; }

## BANTIN_REQUIRE_ENGINES: the second engine (ProperDocs) must run, never be skipped (tests/test_engines.py).
test: $(TEST_STAMP) $(NODE_STAMP) chromium
	BANTIN_REQUIRE_ENGINES=1 $(BIN)/python -m pytest -q -p no:cacheprovider

## Unit and build tests only, no browser.
test-fast: $(TEST_STAMP)
	BANTIN_REQUIRE_ENGINES=1 $(BIN)/python -m pytest -q -m "not browser and not slow"

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --articles 1000

## Copy pinned lunr.js and Decap CMS (the web editor at /admin/) from npm into the package
## (committed, so building needs no npm).
vendor: $(NODE_STAMP)
	mkdir -p theme/assets/vendor/lunr
	cp node_modules/lunr/lunr.min.js node_modules/lunr/LICENSE theme/assets/vendor/lunr/
	rm -rf plugins/bantin/webeditor/decap && mkdir -p plugins/bantin/webeditor/decap
	cp node_modules/decap-cms/dist/decap-cms.js node_modules/decap-cms/dist/decap-cms.js.LICENSE.txt \
	  node_modules/decap-cms/dist/[0-9]*.decap-cms.js node_modules/decap-cms/dist/*.wasm plugins/bantin/webeditor/decap/
	cp node_modules/decap-cms-locales/LICENSE plugins/bantin/webeditor/decap/LICENSE

clean:
	rm -rf site site-offline

# Two commands on a fresh machine: `make site` (build the sample site) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed

.PHONY: site offline serve serve-site check test test-fast bench lighthouse vendor chromium servers clean dist

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
	@echo "Preview it as a web host serves it (404 page, addresses without .html): $(BIN)/bantin serve-site, then open http://127.0.0.1:8000/"

## The built site/ on http://127.0.0.1:8000, answered as docs/hosting.md's servers do.
serve-site: $(STAMP)
	$(BIN)/bantin serve-site site

## Offline flavour for USB copies: works from file://. Output in site-offline/: the start file
## MO-BAN-TIN.html and the site in ban-tin/ (outputs/offlinecopy.py); the build says what to open.
offline: $(STAMP)
	$(BIN)/bantin build --offline

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

## Web servers for tests/test_hosting.py (docs/hosting.md's configurations run for real): nginx is
## required, Apache and Caddy are run when installed. Debian packages, installed when missing and we are root.
servers:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	  else echo "nginx is missing: install it (apt-get install nginx) to run tests/test_hosting.py"; exit 1; fi; }
	@if [ "$$(id -u)" = 0 ] && ! { test -x /usr/sbin/apache2 && command -v caddy >/dev/null 2>&1; }; then \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apache2 caddy >/dev/null 2>&1 || echo "apache2/caddy not installed: their hosting tests are skipped"; fi

## BANTIN_REQUIRE_ENGINES: the second engine (ProperDocs) and nginx must run, never be skipped
## (tests/test_engines.py, tests/test_hosting.py).
## TEST_WORKERS: test processes (pytest-xdist); a file's tests stay in one of them. Three on two
## cores: the browser files wait on servers and rebuilds most of their time (the web editor's:
## 104 s of CPU in 588 s), so a third process fills the waits (session 41).
TEST_WORKERS ?= 3
test: $(TEST_STAMP) $(NODE_STAMP) chromium servers
	BANTIN_REQUIRE_ENGINES=1 $(BIN)/python -m pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --dist loadfile

## Unit and build tests only, no browser.
test-fast: $(TEST_STAMP)
	BANTIN_REQUIRE_ENGINES=1 $(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile -m "not browser and not slow"

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --articles 1000

## Lighthouse 12 (pinned in scripts/lighthouse/, never needed by `make test`) on the sample site
## and plain Material's blog, mobile, median of 3: figures in docs/performance.md (issue 15).
lighthouse: $(STAMP) chromium
	npm ci --prefix scripts/lighthouse --no-audit --no-fund --loglevel=error
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python scripts/lighthouse.py --runs 3

## Copy pinned lunr.js and Decap CMS (the web editor at /admin/) from npm into the package
## (committed, so building needs no npm), with our fixes to Decap (scripts/patch_decap.py).
vendor: $(STAMP) $(NODE_STAMP)
	mkdir -p plugins/bantin/theme/assets/vendor/lunr
	cp node_modules/lunr/lunr.min.js node_modules/lunr/LICENSE plugins/bantin/theme/assets/vendor/lunr/
	npm ci --prefix vendor --no-audit --no-fund --loglevel=error  # Decap's 380 MB tree: only here
	rm -rf plugins/bantin/webeditor/decap && mkdir -p plugins/bantin/webeditor/decap
	cp vendor/node_modules/decap-cms/dist/decap-cms.js vendor/node_modules/decap-cms/dist/decap-cms.js.LICENSE.txt \
	  vendor/node_modules/decap-cms/dist/[0-9]*.decap-cms.js vendor/node_modules/decap-cms/dist/*.wasm plugins/bantin/webeditor/decap/
	cp vendor/node_modules/decap-cms-locales/LICENSE plugins/bantin/webeditor/decap/LICENSE
	$(BIN)/python scripts/patch_decap.py plugins/bantin/webeditor/decap/decap-cms.js  # our fixes, each with its reason

## The wheel a province installs (plugin, theme and command in one package) into dist/, its
## version and file name carrying the commit's date and hash (scripts/dist.py).
dist: $(STAMP)
	$(BIN)/python scripts/dist.py dist

clean:
	rm -rf site site-offline dist

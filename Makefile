# jupyterlab-helium — the two commands that matter are `make demo` and `make test`.
# Each works alone on a fresh machine: it creates .venv, installs npm packages, builds, and runs.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
export PATH := $(CURDIR)/$(VENV)/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# Dummy credentials for the embedded local S3 only (moto accepts any).
LOCAL_S3_ENV := AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
# Python packages come from requirements.lock (exact versions with hashes), made by `make lock` from
# the loose requirements in pyproject.toml, so a fresh machine installs what CI last passed with.
PIP_VERSION := 26.3
UV_VERSION := 0.13.9
LOCK_EXTRAS := --extra dev --extra test --extra demo

.PHONY: help install build dist demo test test-js test-py test-ui lint lint-fix bench chromium rclone lock lock-upgrade clean

help:
	@echo "make demo   # install, build, start the local S3 with demo data, launch JupyterLab"
	@echo "make test   # install, build, run every test suite (lint, jest, pytest, galata)"
	@echo "make dist   # release/: the wheel and sdist (labextension, server extension, helium CLI) and the CLI's npm tarball"
	@echo "make lint   # eslint (with the layer rules), engine types, prettier, stylelint, ruff"
	@echo "make bench  # listing, transfer, diff, snapshot and search benchmarks on the local S3"
	@echo "make lock   # re-resolve requirements.lock from pyproject.toml (newest versions allowed)"

$(VENV)/.deps-stamp: requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q pip==$(PIP_VERSION)
	$(PIP) install -q --require-hashes --no-deps -r requirements.lock
	$(PIP) check
	touch $@

# On purpose only. `make lock` re-resolves after a change to pyproject.toml, keeping every pin it
# can; `make lock-upgrade` moves every package to the newest version pyproject.toml allows.
# Run `make test` after either, and commit requirements.lock with the change that needed it.
LOCK_FLAGS ?=
lock:
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q uv==$(UV_VERSION)
	$(VENV)/bin/uv pip compile pyproject.toml $(LOCK_EXTRAS) --universal --python-version 3.11 \
	  --generate-hashes --quiet $(LOCK_FLAGS) -o requirements.lock
	@echo "requirements.lock updated; run 'make test' before committing it"

lock-upgrade:
	$(MAKE) lock LOCK_FLAGS=--upgrade

node_modules/.deps-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The labextension: TypeScript compile + jupyter-builder bundle, then an editable install of the
# Python package (no build isolation, so it reuses the venv's builder and skips the npm hook).
# The editable install also puts the `helium` console script on the venv's PATH
# (jupyterlab_helium/cli: in a checkout it runs dist/helium.cjs with node), so it is redone when
# pyproject.toml changes.
jupyterlab_helium/labextension/static/style.js: $(VENV)/.deps-stamp node_modules/.deps-stamp $(shell find src style schema -type f 2>/dev/null) tsconfig.json pyproject.toml
	npm run build
	$(PIP) install -q --no-build-isolation --no-deps -e .
	jupyter-builder develop --overwrite . >/dev/null
	touch $@

# The `helium` CLI: one Node bundle (with its source map), run by the venv's `helium` (above).
dist/helium.cjs: $(VENV)/.deps-stamp node_modules/.deps-stamp $(shell find src/service src/cli -name '*.ts' -not -name '*.spec.ts' 2>/dev/null) scripts/build_cli.mjs
	npm run build:cli

install build: jupyterlab_helium/labextension/static/style.js dist/helium.cjs

# Release files, in release/ (dist/ holds the development CLI bundle): the wheel and the sdist (the
# prebuilt labextension, the server extension and its jupyter-config, the CLI bundle
# jupyterlab_helium/cli/helium.cjs and its `helium` console script) and the CLI as its own npm
# package. `npm run build:prod` builds the labextension and the CLI bundle for production (it
# replaces the development labextension in place); hatchling then builds both Python files
# without build isolation and without npm (HATCH_JUPYTER_BUILDER_SKIP_NPM: the hook's skip-if-exists
# files are there, and the variable makes sure it never runs `npm install`). Offline, ~40 s.
RELEASE := release
DIST_SOURCES := $(shell find src style schema jupyterlab_helium jupyter-config packages/cli -type f -not -path '*/__pycache__/*' -not -path 'jupyterlab_helium/labextension/*' -not -path 'jupyterlab_helium/cli/sqlite-wasm/*' -not -path 'jupyterlab_helium/cli/parquet-wasm/*' -not -name helium.cjs -not -name _version.py 2>/dev/null)

$(RELEASE)/.stamp: $(VENV)/.deps-stamp node_modules/.deps-stamp $(DIST_SOURCES) package.json pyproject.toml install.json README.md LICENSE tsconfig.json scripts/build_cli.mjs scripts/pack_cli.mjs
	npm run build:prod
	rm -rf $(RELEASE) && mkdir -p $(RELEASE)
	HATCH_JUPYTER_BUILDER_SKIP_NPM=1 $(VENV)/bin/hatchling build -d $(RELEASE)
	node scripts/pack_cli.mjs --out $(RELEASE)
	touch $@

dist: $(RELEASE)/.stamp
	@ls -l $(RELEASE)

chromium:
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || { echo "Could not install chromium: run 'sudo apt-get install chromium'"; exit 1; }; }

ui-tests/node_modules/.deps-stamp: ui-tests/package.json ui-tests/package-lock.json
	cd ui-tests && npm ci --no-audit --no-fund --loglevel=error
	touch $@

demo: build
	$(LOCAL_S3_ENV) $(PY) scripts/run_demo.py

# pytest's tests/test_dist.py installs release/'s wheel and npm tarball (HELIUM_SKIP_DIST_TESTS=1 skips it).
test: build dist chromium ui-tests/node_modules/.deps-stamp
	$(LOCAL_S3_ENV) $(PY) scripts/run_tests.py

lint: $(VENV)/.deps-stamp node_modules/.deps-stamp
	$(PY) scripts/lint.py

# Let the tools fix what they can (formatting, import order), then check again.
lint-fix: $(VENV)/.deps-stamp node_modules/.deps-stamp
	$(PY) scripts/lint.py --fix

test-js: build
	$(LOCAL_S3_ENV) $(PY) scripts/run_tests.py --only jest

test-py: build dist
	$(LOCAL_S3_ENV) $(PY) scripts/run_tests.py --only pytest

test-ui: build chromium ui-tests/node_modules/.deps-stamp
	$(LOCAL_S3_ENV) $(PY) scripts/run_tests.py --only galata

rclone:
	@command -v rclone >/dev/null || { echo "Installing Debian's rclone for the transfer benchmark"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rclone >/dev/null) \
	  || echo "rclone is not available: the transfer benchmark skips it"; }

# bench/browser-transfers.ts drives Chromium with ui-tests' Playwright and starts its own JupyterLab.
bench: build rclone chromium ui-tests/node_modules/.deps-stamp
	$(LOCAL_S3_ENV) bash bench/run-listing.sh
	$(LOCAL_S3_ENV) $(PY) bench/transfers.py
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" npx tsx bench/table-diff.ts
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" npx tsx bench/parquet-first-rows.ts
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(LOCAL_S3_ENV) npx tsx bench/snapshots.ts
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(LOCAL_S3_ENV) npx tsx bench/search.ts
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(LOCAL_S3_ENV) npx tsx bench/browser-transfers.ts

clean:
	rm -rf lib dist $(RELEASE) tsconfig.tsbuildinfo jupyterlab_helium/labextension jupyterlab_helium/cli/helium.cjs jupyterlab_helium/cli/sqlite-wasm jupyterlab_helium/cli/parquet-wasm node_modules ui-tests/node_modules $(VENV)

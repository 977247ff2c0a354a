# Fiilis: `make run` builds and opens the app; `make test` runs every test.
# Both install what is missing first (Debian packages, npm packages, tauri-driver).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

# Cargo's build cache lives outside the clone, so fresh clones (CI) reuse earlier builds.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/fiilis/target
export PATH := $(HOME)/.cargo/bin:$(PATH)

RELEASE_BIN := $(CARGO_TARGET_DIR)/release/fiilis

.PHONY: run dev test bench deps test-deps ui app lint rust-test ui-test crash-test soak browser-test e2e-test package package-test clean

run: deps app
	$(RELEASE_BIN)

# The edit-run loop: the UI from Vite's dev server with hot reload, the shell as a debug build
# that Tauri rebuilds and restarts when Rust changes.
dev: deps
	ui/node_modules/.bin/tauri dev

test: test-deps ui lint rust-test ui-test app crash-test browser-test e2e-test package-test

deps:
	.ci/install-deps

test-deps:
	.ci/install-deps --test

# The UI is rebuilt only when one of its sources changed: a rebuilt ui/dist would make cargo
# embed it again and relink the release binary, which takes minutes.
UI_SOURCES := $(shell find ui/src ui/index.html ui/phone.html ui/vite.config.ts ui/svelte.config.js ui/tsconfig.json ui/package-lock.json assets -type f 2>/dev/null)
UI_STAMP := ui/dist/.fiilis-built

ui: $(UI_STAMP)

$(UI_STAMP): $(UI_SOURCES)
	cd ui && npm run build
	touch $@

# The release app with the UI compiled in: what people run, and what the E2E tests drive.
app: ui
	cargo build --release --features custom-protocol

lint: ui
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cd ui && npm run check

rust-test: ui
	cargo test --workspace --locked

ui-test:
	cd ui && npm test

# Crash safety: the real server SIGKILLed 50 times while edits and votes go on; `make soak`
# does it 1,000 times. CRASH_SEED=… repeats a failed run's choices.
crash-test: app
	FIILIS_BIN=$(RELEASE_BIN) node --test tests/crash/

soak: app
	CRASH_KILLS=1000 FIILIS_BIN=$(RELEASE_BIN) node --test tests/crash/

browser-test: app
	FIILIS_BIN=$(RELEASE_BIN) node --test --test-concurrency=1 tests/browser/

e2e-test: app
	FIILIS_BIN=$(RELEASE_BIN) xvfb-run -a --server-args="-screen 0 1440x900x24" \
		node --test --test-concurrency=1 tests/e2e/

# Benchmarks: figures land in target/bench/*.json and docs/benchmarks.md. Not part of
# `make test`: speed goals are measured here, never asserted in tests.
bench: test-deps app
	BENCH_OUT=$(CURDIR)/target/bench/commit.json cargo bench -p fiilis-core --bench commit
	BENCH_OUT=$(CURDIR)/target/bench/export.json cargo bench -p fiilis-core --bench export
	FIILIS_BIN=$(RELEASE_BIN) node tests/bench/board.mjs
	node tests/bench/report.mjs
# After report.mjs, which rewrites docs/benchmarks.md: voting.mjs keeps its own section there.
	FIILIS_BIN=$(RELEASE_BIN) node tests/bench/voting.mjs
	FIILIS_BIN=$(RELEASE_BIN) node tests/bench/sync.mjs
	FIILIS_BIN=$(RELEASE_BIN) node tests/bench/startup.mjs

# The Debian package (Tauri's deb bundle), built offline from the same release build.
DEB_DIR := $(CARGO_TARGET_DIR)/release/bundle/deb

package: deps ui
	rm -rf $(DEB_DIR)
	ui/node_modules/.bin/tauri build --bundles deb -- --locked
	@ls $(DEB_DIR)/*.deb

package-test: package
	FIILIS_DEB_DIR=$(DEB_DIR) node --test tests/package/

clean:
	rm -rf ui/dist

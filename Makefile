# Two commands: `make run` builds and launches the app, `make test` runs every test.
# Both install whatever is missing first (scripts/setup.sh is idempotent).
SHELL := /bin/bash
.DEFAULT_GOAL := run
CARGO ?= cargo

.PHONY: setup ui build run test lint check check-static test-rust test-ui test-windows e2e bindings bench bench-sync bench-windows

setup:
	@scripts/setup.sh

ui: setup
	cd ui && npm run build

# The CLI's practice mode (the simulator in-process) is on for development and tests; the CLI built
# for servers leaves it out (`cargo build --profile dist -p dingbind-cli`, the size profile).
FEATURES := --features dingbind-cli/practice

build: ui
	$(CARGO) build --workspace --all-targets $(FEATURES)

run: build
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "No display found: starting under Xvfb (screenshots: import -window root)"; \
	  scripts/headless.sh target/debug/dingbind-app; \
	else target/debug/dingbind-app; fi

# Static checks only, without root or apt (the system packages must be there already).
check-static:
	@[ -d ui/node_modules ] || (cd ui && npm ci --no-audit --no-fund)
	@# The shell embeds the built UI at compile time: build it once if it is not there.
	@[ -f ui/dist/index.html ] || (cd ui && npm run build)
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets $(FEATURES) -- -D warnings
	$(CARGO) clippy -p dingbind-cli --all-targets -- -D warnings
	@# No unwrap() in shipped code (tests may): a panic there is a crash in front of an admin.
	$(CARGO) clippy --workspace --lib --bins $(FEATURES) -- -D warnings -D clippy::unwrap_used
	@if $(CARGO) tree -p dingbind-core -e normal,build --prefix none | grep -qE '^(tauri|dingtalk-sim|axum) '; then \
	  echo "dingbind-core must not depend on tauri, the simulator or a web server"; exit 1; fi
	@if $(CARGO) tree -p dingbind-cli -e normal,build --prefix none | grep -qE '^(dingtalk-sim|axum) '; then \
	  echo "the server CLI (no features) must not carry the simulator"; exit 1; fi
	@# No OpenSSL for any OS: TLS is rustls with the OS's verifier (crates/dingtalk/src/tls.rs) and
	@# certificates are read with x509-parser, so trust works the same on Linux and Windows and the
	@# CLI cross-builds for Windows. dev-dependencies count too (e2e's WebDriver client once did).
	@if $(CARGO) tree --workspace $(FEATURES) --target all -e normal,build,dev --prefix none | grep -qE '^(openssl-sys|native-tls) '; then \
	  echo "nothing may depend on OpenSSL (openssl-sys, native-tls): use rustls, see crates/dingtalk/src/tls.rs"; exit 1; fi
	cd ui && npm run typecheck
	cd ui && npx biome lint --error-on-warnings
	$(MAKE) --no-print-directory lint-workflows

lint: setup check-static

# The quick loop for contributors: static checks and the unit tests, in a few minutes, without
# root, apt, a display or the e2e tooling. `make test` stays the one full command.
check: check-static
	$(CARGO) test --workspace --lib --bins $(FEATURES)
	cd ui && npm test

test-rust:
	$(CARGO) test -p dingbind-cli --test server_build
	$(CARGO) test --workspace $(FEATURES)

test-ui:
	cd ui && npm test

# The real app under Xvfb + D-Bus + gnome-keyring, driven through tauri-driver/WebKitWebDriver.
# Screenshots of every step in both languages land in test-output/screenshots/.
e2e:
	rm -rf test-output/screenshots test-output/axe test-output/report-zh.html test-output/antd-runtime-styles.txt
	scripts/headless.sh $(CARGO) test -p dingbind-e2e --test e2e -- --ignored --test-threads=1
	scripts/report-pdf.sh

# Last: the Windows tests, so the run ends on a line of passed tests.
test: build lint test-rust test-ui e2e test-windows-app test-windows

# Regenerates ui/src/ipc/bindings.ts (types and the typed client) from the Rust types and
# src-tauri/src/commands/list.rs.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p dingbind-app --lib bindings

# docs/benchmarks.md: the app's start (as shipped: the size profile) to an interactive start screen and its idle memory
# against an empty Tauri app (bench/empty-tauri, its own workspace: never built by `build`/`test`),
# alternating, under Xvfb; the check engine, concurrent vs one-by-one, against the simulator with
# 200 ms per request; the sizes, release and as shipped (the size profile, [profile.dist]), and the
# installer, zip and .deb when built. Not a test: it prints figures. BENCH_ROUNDS=N sets the
# start-up rounds (default 10).
bench: ui
	$(CARGO) build --release --locked -p dingbind-app -p dingbind-cli
	$(CARGO) build --profile dist --locked -p dingbind-app -p dingbind-cli
	cd bench/empty-tauri && CARGO_TARGET_DIR=$(abspath $(TARGET_DIR)) $(CARGO) build --release --locked
	scripts/headless.sh scripts/bench-start.py $(TARGET_DIR)/dist/dingbind-app $(TARGET_DIR)/release/empty-tauri $(BENCH_ROUNDS)
	$(CARGO) run --release --locked -p dingbind-core --example bench
	scripts/bench-sizes.sh $(TARGET_DIR)

# The sync preview's walk (docs/benchmarks.md, "Sync preview"): 10,000 people in 1,000 departments
# at DingTalk's documented 20 calls/s per API with 60-140 ms latency, then the walk's memory at two
# org sizes with no limit and no latency. The simulator runs as its own process.
bench-sync:
	$(CARGO) build --release -p dingtalk-sim --bin dingtalk-sim
	$(CARGO) run --release -p dingbind-core --example bench_sync -- --people 10000 --departments 1000
	$(CARGO) run --release -p dingbind-core --example bench_sync -- --people 5000 --departments 500 --latency 0 --jitter 0 --limit 100000 --qps 2000
	$(CARGO) run --release -p dingbind-core --example bench_sync -- --people 50000 --departments 5000 --latency 0 --jitter 0 --limit 100000 --qps 2000

# --- Windows: `make dist`, the installer, and their tests under wine (issue 10) ------------------
# One cross-build (x86_64-pc-windows-gnu, with mingw) with the size profile ([profile.dist] in
# Cargo.toml) serves the tests and dist/ alike: scripts/dist-windows.sh builds it, strips it, checks what ships (never the wine-only ProcessPrng
# shim) and packs the installer (packaging/windows/installer.nsi, Debian's makensis) and the zip.
.PHONY: windows test-windows-app test-windows bench-windows dist lint-workflows
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
WIN_WORK := $(TARGET_DIR)/dist-windows/x86_64-pc-windows-gnu
WIN_OUT := $(TARGET_DIR)/windows-out
VERSION = $(shell sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json | head -1)

windows: ui
	scripts/dist-windows.sh --out $(WIN_OUT)

# The app reaches its WebView2 check under wine (no runtime there) and shows our notice in Chinese
# and English (screenshots in test-output/screenshots/windows-*.png); the installer installs and
# uninstalls silently, Start menu, desktop, HKCU uninstall key and PATH included.
test-windows-app: windows
	xvfb-run -a -s "-screen 0 1280x800x24" tests/windows/app-under-wine.sh \
	  $(WIN_WORK)/Dingbind/dingbind-app.exe test-output/screenshots
	tests/windows/install-under-wine.sh $(WIN_OUT)/Dingbind-$(VERSION)-x64-setup.exe \
	  $(WIN_WORK)/Dingbind $(WIN_WORK)/tools/userpath.exe

# Everything a release ships, into dist/: the Windows installer, portable zip and server CLI
# (cross-built), the Linux .deb (Tauri's bundler, built natively), and SHA256SUMS over them.
dist: ui
	rm -rf dist
	scripts/dist-windows.sh --out dist
	@# npm's newest @tauri-apps/plugin-clipboard-manager is 2.3.3 while crates.io's plugin is 2.5;
	@# the one call the UI makes (writeText) is the same in both, so the CLI's check may pass.
	@# `-- --profile dist`: the .deb carries the app built with the size profile, as Windows does.
	ui/node_modules/.bin/tauri build --ci --ignore-version-mismatches --bundles deb -- --profile dist
	cp $(TARGET_DIR)/dist/bundle/deb/Dingbind_$(VERSION)_amd64.deb dist/
	cd dist && sha256sum -- * > SHA256SUMS
	@ls -l dist

# The release workflow, checked with actionlint (tools/venv, installed by scripts/setup.sh).
lint-workflows:
	@[ -x tools/venv/bin/actionlint ] || { echo "actionlint is missing: run scripts/setup.sh"; exit 1; }
	tools/venv/bin/actionlint -no-color .github/workflows/*.yml

# The Windows CLI under wine against the simulator and a stand-in https platform on loopback
# (crates/dingbind-cli/tests/wine.rs, ignored unless given the exe): the very dingbind.exe that
# `make windows` ships, stripped, so the tests and dist/ share one cross-build (built alone, the CLI
# would unify features differently and rebuild most dependencies). scripts/wine.sh keeps one
# prefix in target/wine/prefix.
test-windows: windows
	DINGBIND_WINDOWS_EXE=$(abspath $(WIN_WORK))/Dingbind/dingbind.exe $(CARGO) test -p dingbind-cli --test wine -- --ignored

# `dingbind check` against the simulator: the Windows build under wine vs the Linux build, rounds
# alternating (docs/benchmarks.md, "Windows").
bench-windows: setup
	scripts/bench-windows.sh

# Two commands: `make run` builds and launches the app, `make test` runs every test.
# Both install whatever is missing first (scripts/setup.sh is idempotent).
SHELL := /bin/bash
.DEFAULT_GOAL := run
CARGO ?= cargo

.PHONY: setup ui build run test lint check check-static test-rust test-ui test-windows e2e bindings bench bench-windows

setup:
	@scripts/setup.sh

ui: setup
	cd ui && npm run build

# The CLI's practice mode (the simulator in-process) is on for development and tests; the CLI built
# for servers leaves it out (`cargo build --release -p dingbind-cli`).
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
	cd ui && npx tsc --noEmit
	cd ui && npx biome lint --error-on-warnings

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
	rm -rf test-output/screenshots test-output/report-zh.html
	scripts/headless.sh $(CARGO) test -p dingbind-e2e --test e2e -- --ignored --test-threads=1
	scripts/report-pdf.sh

# The Windows CLI (dingbind.exe, cross-built with mingw) under wine against the simulator and a
# stand-in https platform on loopback: crates/dingbind-cli/tests/wine.rs, ignored unless given the
# exe. WIN_PROFILE=release tests what admins get and shares its dependencies with the app's
# Windows release build; a cold build costs ~2.3x the CPU of `dev` (DEVELOPMENT.md has figures).
# scripts/wine.sh keeps one prefix in target/wine/prefix.
WIN_TARGET := x86_64-pc-windows-gnu
WIN_PROFILE ?= release
WIN_EXE = $(abspath $(or $(CARGO_TARGET_DIR),target))/$(WIN_TARGET)/$(if $(filter dev,$(WIN_PROFILE)),debug,$(WIN_PROFILE))/dingbind.exe
test-windows:
	$(CARGO) build --profile $(WIN_PROFILE) --target $(WIN_TARGET) -p dingbind-cli
	DINGBIND_WINDOWS_EXE=$(WIN_EXE) $(CARGO) test -p dingbind-cli --test wine -- --ignored

test: build lint test-rust test-ui test-windows e2e

# Regenerates ui/src/ipc/bindings.ts (types and the typed client) from the Rust types and
# src-tauri/src/commands/list.rs.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p dingbind-app --lib bindings

# The check engine, concurrent vs one-by-one, against the simulator with 200 ms per request.
bench: setup
	$(CARGO) run --release -p dingbind-core --example bench

# `dingbind check` against the simulator: the Windows build under wine vs the Linux build, rounds
# alternating (docs/benchmarks.md, "Windows").
bench-windows: setup
	scripts/bench-windows.sh

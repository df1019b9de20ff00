#!/usr/bin/env bash
# Run every check of syllabus: formatting, lints, Rust tests, theme JS unit tests, and the
# browser, HTML-validity and accessibility tests. Works from any directory, on a fresh Debian
# machine too: it installs what is missing first (Chromium, a headless Java, xmllint,
# node_modules).
#
# usage: scripts/test.sh [--keep-going]
#
#   --keep-going   run every section even after a failure; exit 1 at the end if any failed
#                  (default: stop at the first failing section)
#
# environment:
#   SYLLABUS_TEST_NO_INSTALL=1   never install anything (fail if something is missing)
#   SYLLABUS_TEST_PROFILE=release  test the release binary instead of the debug one
#   SYLLABUS_TEST_SITES=DIR      where the test sites are built (default target/test-sites)
#   CHROMIUM=PATH                Chromium to drive (default /usr/bin/chromium)
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"

KEEP_GOING=0
for arg in "$@"; do
  case "$arg" in
    --keep-going|-k) KEEP_GOING=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scripts/test.sh: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

if [[ -d "$HOME/.cargo/bin" && ":$PATH:" != *":$HOME/.cargo/bin:"* ]]; then
  PATH="$HOME/.cargo/bin:$PATH"
fi
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export SYLLABUS_TEST_SITES="${SYLLABUS_TEST_SITES:-$TARGET_DIR/test-sites}"
PROFILE="${SYLLABUS_TEST_PROFILE:-debug}"

if [[ -t 1 ]]; then BOLD=$'\e[1m'; RED=$'\e[31m'; GREEN=$'\e[32m'; RESET=$'\e[0m'; else BOLD=; RED=; GREEN=; RESET=; fi
START_ALL=$SECONDS
FAILED=()
TIMES=()

section() { printf '\n%s==> %s%s\n' "$BOLD" "$*" "$RESET"; }
die() { printf '%sscripts/test.sh: %s%s\n' "$RED" "$*" "$RESET" >&2; exit 1; }

# run NAME CMD...: one section. Stops the script on failure unless --keep-going.
run() {
  local name="$1"; shift
  section "$name"
  printf '    $ %s\n' "$*"
  local t0=$SECONDS status=0
  "$@" || status=$?
  local dt=$((SECONDS - t0))
  TIMES+=("$(printf '%4ds  %s' "$dt" "$name")")
  if [[ $status -ne 0 ]]; then
    printf '%s<== FAILED: %s (exit %d, %ds)%s\n' "$RED" "$name" "$status" "$dt" "$RESET"
    FAILED+=("$name")
    if [[ $KEEP_GOING -eq 0 ]]; then summary; exit 1; fi
  else
    printf '%s<== ok: %s (%ds)%s\n' "$GREEN" "$name" "$dt" "$RESET"
  fi
}

summary() {
  section "Summary ($((SECONDS - START_ALL))s in all)"
  printf '%s\n' "${TIMES[@]}"
  if [[ ${#FAILED[@]} -gt 0 ]]; then
    printf '%sFAILED:%s\n' "$RED" "$RESET"
    printf '  - %s\n' "${FAILED[@]}"
  else
    printf '%sall passed%s\n' "$GREEN" "$RESET"
  fi
}

# ---------------------------------------------------------------------------------------
section "Setup: tools and test dependencies"

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || die "not root and no sudo: cannot install system packages"
  SUDO=(sudo)
fi

APT_PACKAGES=()
[[ -x "$CHROMIUM" ]] || APT_PACKAGES+=(chromium)
command -v java >/dev/null || APT_PACKAGES+=(default-jre-headless)
# xmllint validates the SCORM manifests against the IMS/ADL schemas (tests/package.rs).
command -v xmllint >/dev/null || APT_PACKAGES+=(libxml2-utils)
# The browser and JS tests run on Node.js; a machine without it gets Debian's.
command -v node >/dev/null || APT_PACKAGES+=(nodejs npm)
if [[ ${#APT_PACKAGES[@]} -gt 0 ]]; then
  [[ "${SYLLABUS_TEST_NO_INSTALL:-0}" == 1 ]] && die "missing: ${APT_PACKAGES[*]} (SYLLABUS_TEST_NO_INSTALL=1)"
  echo "installing ${APT_PACKAGES[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q
  if [[ " ${APT_PACKAGES[*]} " == *" chromium "* ]]; then
    "${SUDO[@]}" apt-get install -y -q chromium
  fi
  if [[ " ${APT_PACKAGES[*]} " == *" libxml2-utils "* ]]; then
    "${SUDO[@]}" apt-get install -y -q --no-install-recommends libxml2-utils
  fi
  if [[ " ${APT_PACKAGES[*]} " == *" nodejs "* ]]; then
    "${SUDO[@]}" apt-get install -y -q nodejs npm
  fi
  if [[ " ${APT_PACKAGES[*]} " == *" default-jre-headless "* ]]; then
    "${SUDO[@]}" apt-get install -y -q --no-install-recommends default-jre-headless
  fi
fi
[[ -x "$CHROMIUM" ]] || die "Chromium not found at $CHROMIUM"
command -v java >/dev/null || die "java not found"
command -v xmllint >/dev/null || die "xmllint not found"

command -v cargo >/dev/null || die "cargo not found: install Rust (https://rustup.rs) first"
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  command -v rustup >/dev/null || die "cargo fmt / cargo clippy missing and no rustup to add them"
  rustup component add rustfmt clippy
fi

command -v node >/dev/null || die "node not found: install Node.js 20 or later"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$NODE_MAJOR" -ge 20 ]] || die "Node.js $(node --version) is too old: 20 or later is needed"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json \
      || package.json -nt node_modules/.package-lock.json ]]; then
  [[ "${SYLLABUS_TEST_NO_INSTALL:-0}" == 1 ]] && die "node_modules missing or stale (SYLLABUS_TEST_NO_INSTALL=1)"
  # --ignore-scripts: vnu-jar's postinstall would download a Java; we use the system one.
  npm ci --ignore-scripts --no-audit --no-fund
fi

echo "rust:     $(rustc --version)"
echo "node:     $(node --version)"
echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -1)"
echo "java:     $(java -version 2>&1 | head -1)"

# ---------------------------------------------------------------------------------------
run "cargo fmt --check" cargo fmt --all --check
run "cargo clippy" cargo clippy --all-targets -- -D warnings
run "cargo test" cargo test

BUILD_ARGS=()
[[ "$PROFILE" == release ]] && BUILD_ARGS=(--release)
run "cargo build ($PROFILE binary for the browser tests)" cargo build "${BUILD_ARGS[@]}"
export SYLLABUS_BIN="$TARGET_DIR/$PROFILE/syllabus"

# Every course is built (a failure is recorded for the tests that need the site), then the
# section fails if any build failed.
run "build the test sites into ${SYLLABUS_TEST_SITES#"$ROOT/"}" node scripts/build-test-sites.mjs --out "$SYLLABUS_TEST_SITES"

# Theme JavaScript unit tests: whatever test files tests/js/ holds (none yet is fine). node
# runs the files named like *.test.js / *.test.mjs / *.test.cjs (or test-*.js, *_test.js);
# other .js files there are helpers.
if [[ -d tests/js ]] && find tests/js -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' \) | grep -q .; then
  run "node --test tests/js/ (theme JS unit tests)" timeout 900 node --test --test-reporter=spec tests/js/
else
  section "node --test tests/js/ (theme JS unit tests)"
  echo "    no tests in tests/js/ yet: skipped"
fi

# One test file at a time: each launches one Chromium, and the machine may have 2 cores.
run "node --test tests/browser/ (browser, HTML and accessibility tests)" \
  timeout 2700 node --test --test-reporter=spec --test-concurrency=1 tests/browser/

summary
[[ ${#FAILED[@]} -eq 0 ]]

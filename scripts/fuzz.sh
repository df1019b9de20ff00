#!/usr/bin/env bash
# Fuzz syllabus with cargo-fuzz (libFuzzer) on the stable toolchain. docs/robustness.md
# says why each flag is there and what the last runs found.
#
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#
#   SECONDS   how long each target runs (default 600)
#   TARGET    front_matter, block, page, course (default: all four, one after another)
#
# Each target runs under `nice -n 19` (the machine is shared), with a 30 s limit per input
# (a hang) and 2 GiB of memory (an out-of-memory). Crashes land in fuzz/artifacts/<target>/;
# reproduce one with `fuzz/target/x86_64-unknown-linux-gnu/release/<target> <file>`.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
SECONDS_EACH="${1:-600}"
shift || true
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=(front_matter block page course)

if [[ -d "$HOME/.cargo/bin" && ":$PATH:" != *":$HOME/.cargo/bin:"* ]]; then
  PATH="$HOME/.cargo/bin:$PATH"
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

cd "$ROOT/fuzz"
node seed-corpora.mjs
# libFuzzer's instrumentation needs -Z flags: RUSTC_BOOTSTRAP lets stable rustc take them.
# No sanitizer (AddressSanitizer needs a nightly standard library; the crate has no unsafe
# code), but debug assertions on, so that an arithmetic overflow is a crash.
export RUSTC_BOOTSTRAP=1
nice -n 19 cargo fuzz build --sanitizer none --debug-assertions 2>&1 | tail -n 3

BIN="target/x86_64-unknown-linux-gnu/release"
for t in "${TARGETS[@]}"; do
  mkdir -p "artifacts/$t" "corpus/$t"
  echo "==> $t for ${SECONDS_EACH}s"
  nice -n 19 "$BIN/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" -dict=syllabus.dict \
    -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 2>&1 \
    | grep -E '^(Done|stat::|==|SUMMARY|thread .* panicked|INFO: a leak)' || true
  echo "    corpus: $(ls "corpus/$t" | wc -l) files; findings: $(ls "artifacts/$t" | wc -l)"
done

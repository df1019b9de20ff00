#!/usr/bin/env bash
# Builds a synthetic course with the release binaries of two revisions, side by
# side in one run: alternating runs (hyperfine), and instruction counts (callgrind,
# steady on a busy machine). For recording a change's cost in docs/benchmarks.md.
#
#   scripts/bench/before-after.sh OLD_REV [NEW_REV]     # NEW_REV defaults to HEAD
#   LESSONS=1000 RUNS=10 scripts/bench/before-after.sh 084e9ea
#
# Not part of scripts/test.sh or CI: it takes minutes.
set -euo pipefail
old=${1:?usage: before-after.sh OLD_REV [NEW_REV]}
new=${2:-HEAD}
LESSONS=${LESSONS:-10000}
RUNS=${RUNS:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${BENCH_DIR:-$root/target/bench}
mkdir -p "$work"
command -v hyperfine >/dev/null || apt-get install -y hyperfine >/dev/null
command -v valgrind >/dev/null || apt-get install -y valgrind >/dev/null

binary() { # REV -> path of its release binary, built in a worktree of its own
  local rev=$1 dir="$work/rev-$(git -C "$root" rev-parse --short "$1")"
  if [ ! -x "$dir/target/release/syllabus" ]; then
    [ -d "$dir" ] || git -C "$root" worktree add -q --detach "$dir" "$rev"
    (cd "$dir" && cargo build --release --quiet)
  fi
  echo "$dir/target/release/syllabus"
}
a=$(binary "$old")
b=$(binary "$new")
src=$work/before-after-$LESSONS
[ -d "$src" ] || python3 "$root/scripts/bench/corpus.py" --lessons "$LESSONS" --modules 10 --seed 7 --format syllabus --out "$src"

echo "# $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) CPUs; $LESSONS lessons; $old vs $new"
hyperfine --warmup 1 --runs "$RUNS" \
  -n "before ($old)" "$a build $src -o $work/out-a" \
  -n "after ($new)" "$b build $src -o $work/out-b"
for bin in "$a" "$b"; do
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" build "$src" -o "$work/out-cg" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/instructions: \1/p' | sed "s|^|$bin |"
done

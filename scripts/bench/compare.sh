#!/usr/bin/env bash
# Builds the same synthetic corpus with syllabus (release build) and Hugo,
# alternately, several times each, and prints median wall time, median peak
# memory (max RSS), their syllabus/Hugo ratios, and output bytes per lesson.
#
#   scripts/bench/compare.sh                 # 1 000 and 10 000 lessons, 5 runs each
#   RUNS=7 SIZES="1000" scripts/bench/compare.sh
#
# Not part of scripts/test.sh or CI: it takes minutes. Results go into
# docs/benchmarks.md by hand, with the machine and the date it prints.
set -euo pipefail

RUNS=${RUNS:-5}
SIZES=${SIZES:-"1000 10000"}
SEED=${SEED:-7}
MODULES=${MODULES:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${BENCH_DIR:-$root/target/bench}

need() {
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$2" ]; then
    echo "installing $3" >&2
    apt-get install -y "$3" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$3" >/dev/null; }
  fi
}
need hugo /usr/bin/hugo hugo
need time /usr/bin/time time

echo "# $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(free -h | awk '/^Mem:/{print $2}') RAM"
echo "# $(hugo version | cut -d' ' -f1-2); syllabus $(git -C "$root" rev-parse --short HEAD)"
(cd "$root" && cargo build --release --quiet)
syllabus=$root/target/release/syllabus
mkdir -p "$work"

# One timed run: prints "seconds max-rss-KiB".
timed() {
  local log
  log=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; cat "$log" >&2; exit 1; }
  tail -n 1 "$log"
  rm -f "$log"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%-8s %-9s %10s %10s %12s %12s\n' lessons tool "wall s" "RSS MiB" "bytes/lesson" "output MB"
summary=()
for n in $SIZES; do
  s_src=$work/syllabus-$n h_src=$work/hugo-$n
  s_out=$work/out-syllabus-$n h_out=$work/out-hugo-$n
  python3 "$root/scripts/bench/corpus.py" --lessons "$n" --modules "$MODULES" --seed "$SEED" --format syllabus --out "$s_src"
  python3 "$root/scripts/bench/corpus.py" --lessons "$n" --modules "$MODULES" --seed "$SEED" --format hugo --out "$h_src"
  s_times=() h_times=()
  for ((i = 0; i < RUNS; i++)); do
    # Each tool writes into an absent folder, so neither pays for deleting
    # the previous run's files.
    rm -rf "$s_out" "$h_out"; sync
    s_times+=("$(timed "$syllabus" build "$s_src" -o "$s_out")")
    rm -rf "$s_out" "$h_out"; sync
    h_times+=("$(cd "$h_src" && timed hugo --quiet -d "$h_out")")
  done
  s_wall=$(printf '%s\n' "${s_times[@]}" | cut -d' ' -f1 | median)
  s_rss=$(printf '%s\n' "${s_times[@]}" | cut -d' ' -f2 | median)
  h_wall=$(printf '%s\n' "${h_times[@]}" | cut -d' ' -f1 | median)
  h_rss=$(printf '%s\n' "${h_times[@]}" | cut -d' ' -f2 | median)
  # Outputs of the last runs (syllabus' was removed before Hugo's run: rebuild it).
  "$syllabus" build "$s_src" -o "$s_out" >/dev/null 2>&1
  s_bytes=$(du -sb --apparent-size "$s_out" | cut -f1)
  h_bytes=$(du -sb --apparent-size "$h_out" | cut -f1)
  echo "# $n lessons: syllabus runs (s KiB): ${s_times[*]}" >&2
  echo "# $n lessons: hugo runs (s KiB): ${h_times[*]}" >&2
  awk -v n="$n" -v sw="$s_wall" -v sr="$s_rss" -v sb="$s_bytes" -v hw="$h_wall" -v hr="$h_rss" -v hb="$h_bytes" 'BEGIN {
    printf "%-8s %-9s %10.2f %10.0f %12.0f %12.1f\n", n, "syllabus", sw, sr / 1024, sb / n, sb / 1e6
    printf "%-8s %-9s %10.2f %10.0f %12.0f %12.1f\n", n, "hugo", hw, hr / 1024, hb / n, hb / 1e6
    printf "%-8s %-9s %10.3f %10.3f %12.3f\n", n, "ratio", sw / hw, sr / hr, sb / hb
  }'
  summary+=("$n $s_bytes")
done

# Output growth: bytes per lesson at the largest size over the smallest.
if [ "${#summary[@]}" -ge 2 ]; then
  printf '%s\n' "${summary[@]}" | awk 'NR == 1 {n0 = $1; b0 = $2} {n = $1; b = $2}
    END {printf "syllabus bytes/lesson at %d vs %d lessons: %.3fx\n", n, n0, (b / n) / (b0 / n0)}'
fi

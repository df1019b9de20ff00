#!/usr/bin/env bash
# Builds the same synthetic corpus with syllabus (release build) and Hugo (two
# themes), alternately, several times each, and prints median wall time, median peak
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

# One timed run: prints "wall-seconds max-rss-KiB cpu-seconds" (user + system).
timed() {
  local log
  log=$(mktemp)
  /usr/bin/time -f '%e %M %U %S' -o "$log" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; cat "$log" >&2; exit 1; }
  tail -n 1 "$log" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'
  rm -f "$log"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# CPU time (user + system) is reported beside wall time: on a shared machine
# it is the steadier of the two.
printf '%-8s %-10s %8s %8s %8s %12s %10s\n' lessons tool "wall s" "cpu s" "RSS MiB" "bytes/lesson" "output MB"
summary=()
for n in $SIZES; do
  s_src=$work/syllabus-$n
  python3 "$root/scripts/bench/corpus.py" --lessons "$n" --modules "$MODULES" --seed "$SEED" --format syllabus --out "$s_src"
  # hugo: the theme the benchmark issue describes (each page lists its section's
  # pages); hugo-lite: section list only, the conservative comparison.
  for v in hugo hugo-lite; do
    nav=section; [ "$v" = hugo-lite ] && nav=modules
    python3 "$root/scripts/bench/corpus.py" --lessons "$n" --modules "$MODULES" --seed "$SEED" --format hugo --hugo-nav "$nav" --out "$work/$v-$n"
  done
  declare -A runs=()
  for ((i = 0; i < RUNS; i++)); do
    for tool in syllabus hugo hugo-lite; do
      # Each tool writes into an absent folder, so none pays for deleting the
      # previous run's files.
      out=$work/out-$tool-$n
      rm -rf "$out"; sync
      if [ "$tool" = syllabus ]; then
        r=$(timed "$syllabus" build "$s_src" -o "$out")
      else
        r=$(cd "$work/$tool-$n" && timed hugo --quiet -d "$out")
      fi
      runs[$tool]="${runs[$tool]:-}$r,"
    done
  done
  declare -A wall=() cpu=() rss=() bytes=()
  for tool in syllabus hugo hugo-lite; do
    list=$(tr ',' '\n' <<<"${runs[$tool]}" | grep -v '^$')
    echo "# $n lessons, $tool runs (wall-s KiB cpu-s): $(tr '\n' ',' <<<"$list")" >&2
    wall[$tool]=$(cut -d' ' -f1 <<<"$list" | median)
    rss[$tool]=$(cut -d' ' -f2 <<<"$list" | median)
    cpu[$tool]=$(cut -d' ' -f3 <<<"$list" | median)
    bytes[$tool]=$(du -sb --apparent-size "$work/out-$tool-$n" | cut -f1)
    awk -v n="$n" -v t="$tool" -v w="${wall[$tool]}" -v c="${cpu[$tool]}" -v r="${rss[$tool]}" -v b="${bytes[$tool]}" \
      'BEGIN {printf "%-8s %-10s %8.2f %8.2f %8.0f %12.0f %10.1f\n", n, t, w, c, r / 1024, b / n, b / 1e6}'
  done
  for tool in hugo hugo-lite; do
    awk -v n="$n" -v t="syl/$tool" -v sw="${wall[syllabus]}" -v sc="${cpu[syllabus]}" -v sr="${rss[syllabus]}" -v sb="${bytes[syllabus]}" \
      -v hw="${wall[$tool]}" -v hc="${cpu[$tool]}" -v hr="${rss[$tool]}" -v hb="${bytes[$tool]}" \
      'BEGIN {printf "%-8s %-10s %8.3f %8.3f %8.3f %12.3f\n", n, t, sw / hw, sc / hc, sr / hr, sb / hb}'
  done
  summary+=("$n ${bytes[syllabus]}")
  unset runs wall cpu rss bytes
done

# Output growth: bytes per lesson at the largest size over the smallest.
if [ "${#summary[@]}" -ge 2 ]; then
  printf '%s\n' "${summary[@]}" | awk 'NR == 1 {n0 = $1; b0 = $2} {n = $1; b = $2}
    END {printf "syllabus bytes/lesson at %d vs %d lessons: %.3fx\n", n, n0, (b / n) / (b0 / n0)}'
fi

#!/usr/bin/env bash
# What search costs: the same course built with search on and with `search: false`,
# side by side in one hyperfine run each, and the size of the index it writes (raw
# and gzip). Courses: the flagship (`content/`) and the synthetic corpus of
# scripts/bench/corpus.py at each of SIZES lessons.
#
#   scripts/bench/search.sh                       # flagship, 1 000 and 10 000 lessons
#   RUNS=3 SIZES="1000" scripts/bench/search.sh   # a quicker look
#
# Then time to first result in Chromium over the sites it leaves in $BENCH_DIR:
#   node scripts/bench/search-latency.mjs target/bench/search-out-10000
#
# Not part of scripts/test.sh or CI: it takes minutes. Results go into
# docs/benchmarks.md (part 4) by hand.
set -euo pipefail

RUNS=${RUNS:-5}
SIZES=${SIZES:-"1000 10000"}
SEED=${SEED:-7}
MODULES=${MODULES:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${BENCH_DIR:-$root/target/bench}

command -v hyperfine >/dev/null || apt-get install -y hyperfine >/dev/null
echo "# $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'); syllabus $(git -C "$root" rev-parse --short HEAD); load $(cut -d' ' -f1-3 /proc/loadavg)"
(cd "$root" && cargo build --release --quiet)
syllabus=$root/target/release/syllabus
mkdir -p "$work"

# A copy of course $1 at $2 that differs only by `search: false` (hard links: the
# Markdown is not copied, course.yaml is written anew).
without_search() {
  rm -rf "$2"
  cp -al "$1" "$2"
  rm "$2/course.yaml"
  { grep -v '^search:' "$1/course.yaml"; echo 'search: false'; } >"$2/course.yaml"
}

# Bytes of the files under $1, raw and each gzipped (-6, as a web server would).
sizes() {
  local raw=0 gz=0 files=0 b
  while IFS= read -r -d '' f; do
    raw=$((raw + $(stat -c %s "$f")))
    b=$(gzip -6 -c "$f" | wc -c)
    gz=$((gz + b))
    files=$((files + 1))
  done < <(find "$1" -type f -print0)
  echo "$files $raw $gz"
}

printf '%-9s %10s %10s %14s %12s %14s %12s\n' course "on ms" "off ms" "cost" files "index bytes" gzip
for name in flagship $SIZES; do
  on=$work/search-src-$name
  if [ "$name" = flagship ]; then
    rm -rf "$on"; cp -r "$root/content" "$on"
  else
    python3 "$root/scripts/bench/corpus.py" --lessons "$name" --modules "$MODULES" --seed "$SEED" --format syllabus --out "$on"
  fi
  off=$work/search-src-$name-off
  without_search "$on" "$off"
  out_on=$work/search-out-$name
  out_off=$work/search-out-$name-off
  json=$work/search-$name.json
  # Each build writes into an absent folder, so neither pays for deleting the last.
  hyperfine --style basic -w 1 -r "$RUNS" --export-json "$json" \
    --prepare "rm -rf '$out_on'; sync" -n "search on" "$syllabus build '$on' -o '$out_on'" \
    --prepare "rm -rf '$out_off'; sync" -n "search: false" "$syllabus build '$off' -o '$out_off'" >&2
  read -r files raw gz < <(sizes "$out_on/search")
  python3 - "$json" "$name" "$files" "$raw" "$gz" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))["results"]
on, off = (r["median"] * 1e3 for r in j)
cpu = [(r["user"] + r["system"]) * 1e3 for r in j]
name, files, raw, gz = sys.argv[2], *map(int, sys.argv[3:])
print(f"{name:<9} {on:10.0f} {off:10.0f} {100 * (on / off - 1):+13.1f}% {files:12d} {raw:14d} {gz:12d}")
print(f"#   {name}: CPU (user + system, mean) on {cpu[0]:.0f} ms, off {cpu[1]:.0f} ms: {100 * (cpu[0] / cpu[1] - 1):+.1f}%;"
      f" runs on {[round(t * 1e3) for t in j[0]['times']]}, off {[round(t * 1e3) for t in j[1]['times']]}")
EOF
  head=$(find "$out_on/search" -name 'index.*.js' -printf '%s')
  big=$(find "$out_on/search" -name 't*.js' -printf '%s\n' | sort -n | tail -1)
  echo "#   $name: head ${head} bytes, largest term shard ${big} bytes, site $(du -sb --apparent-size "$out_on" | cut -f1) bytes on vs $(du -sb --apparent-size "$out_off" | cut -f1) off"
done

#!/usr/bin/env bash
# Lighthouse (performance, accessibility, best practices) and page weight over
# the four kinds of page of the flagship course: home, lesson, graded quiz and
# role-play, served over http on 127.0.0.1.
#
#   scripts/bench/lighthouse.sh [COURSE]      # COURSE defaults to content
#   LESSON=service-concepts/what-is-service.html scripts/bench/lighthouse.sh
#   SYLLABUS_BIN=target/debug/syllabus scripts/bench/lighthouse.sh   # no release build
#
# Lighthouse is installed into target/lighthouse-tools (not into the project's
# package.json) and drives Debian's /usr/bin/chromium. Reports (JSON and HTML)
# land in target/lighthouse/. Not part of scripts/test.sh: run by hand, record
# the scores in docs/benchmarks.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
course=${1:-$root/content}
tools=$root/target/lighthouse-tools
work=$root/target/lighthouse
site=$work/site
port=${PORT:-8765}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage"

if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  echo "installing lighthouse into $tools" >&2
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund lighthouse@12 >/dev/null
fi
# SYLLABUS_BIN: use this binary instead of building the release one.
bin=${SYLLABUS_BIN:-$root/target/release/syllabus}
[ -n "${SYLLABUS_BIN:-}" ] || (cd "$root" && cargo build --release --quiet)
rm -rf "$work"
mkdir -p "$work"
"$bin" build "$course" -o "$site" >/dev/null 2>&1

# The first page of each kind, unless named in the environment.
first() { (cd "$site" && grep -l -E "$1" --include='*.html' -r . | sed 's|^\./||' | sort | head -n 1) || true; }
HOME_PAGE=${HOME_PAGE:-index.html}
LESSON=${LESSON:-$(first '<body class="kind-lesson"')}
QUIZ=${QUIZ:-$(first '<body class="kind-quiz"')}
ROLEPLAY=${ROLEPLAY:-$(first 'class="roleplay')}

python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), lighthouse $("$tools/node_modules/.bin/lighthouse" --version), $($CHROME_PATH --version 2>/dev/null)"
printf '%-10s %-48s %6s %6s %6s\n' kind page perf a11y bp
for entry in "home:$HOME_PAGE" "lesson:$LESSON" "quiz:$QUIZ" "roleplay:$ROLEPLAY"; do
  kind=${entry%%:*} page=${entry#*:}
  if [ -z "$page" ]; then
    printf '%-10s %s\n' "$kind" "(no such page in this course)"
    continue
  fi
  "$tools/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/$page" \
    --quiet --chrome-flags="$flags" \
    --only-categories=performance,accessibility,best-practices \
    --output=json --output=html --output-path="$work/$kind" >/dev/null 2>"$work/$kind.log" || {
    echo "lighthouse failed on $page; see $work/$kind.log" >&2
    continue
  }
  node -e '
    const r = require(process.argv[1]);
    const s = (k) => Math.round(r.categories[k].score * 100);
    // Audits that count towards a score and did not pass in full.
    const weighted = new Set(Object.values(r.categories).flatMap((c) => c.auditRefs.filter((a) => a.weight > 0).map((a) => a.id)));
    const failed = [...weighted].filter((id) => r.audits[id] && r.audits[id].score !== null && r.audits[id].score < 1);
    console.log([process.argv[2].padEnd(10), process.argv[3].padEnd(48), String(s("performance")).padStart(6),
      String(s("accessibility")).padStart(6), String(s("best-practices")).padStart(6)].join(" ")
      + (failed.length ? "   below 1: " + failed.join(", ") : ""));
  ' "$work/$kind.report.json" "$kind" "$page"
done

echo
echo "# page weight (uncompressed: the page and every file it loads)"
python3 "$root/scripts/bench/weight.py" "$site" $(printf '%s ' "$HOME_PAGE" "$LESSON" "$QUIZ" "$ROLEPLAY" | xargs -n1 | grep -v '^$' | tr '\n' ' ')

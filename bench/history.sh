#!/usr/bin/env bash
# The cost of reading git history (issue 15): a generated organisation of N teams (bench/gen.py) committed as a
# git repository with a long history — COMMITS commits over 2026, each changing the `current` value of a tenth of
# the files (half of them before the 2026-Q4 period starts) — then linted with the history rules on and off.
#   bench/history.sh [N=1000] [COMMITS=30]        needs hyperfine and a release build
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
COMMITS=${2:-30}
BIN=$PWD/.build/release/okrlint
[ -x "$BIN" ] || { echo "build first: swift build -c release --product okrlint"; exit 2; }
WORK=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "kept: $WORK" || trap 'rm -rf "$WORK"' EXIT
python3 bench/gen.py "$N" "$WORK/org" > /dev/null
cd "$WORK/org"
git init -q -b main && git config user.email bench@example.com && git config user.name bench && git config commit.gpgsign false
echo '{"today": "2026-11-25"}' > okr/.okrlint.json
echo '{"today": "2026-11-25", "rules": {"moving-goalposts": "off", "carried-over-key-result": "off", "current-without-check-in": "off"}}' > "$WORK/off.json"
git add -A && GIT_AUTHOR_DATE=2026-01-05T12:00:00 GIT_COMMITTER_DATE=2026-01-05T12:00:00 git commit -qm initial
python3 - "$COMMITS" <<'PY'
import os, random, re, subprocess, sys
commits = int(sys.argv[1])
random.seed(7)
files = sorted(os.path.join(d, f) for d, _, fs in os.walk("okr") for f in fs if f.endswith(".okr"))
for c in range(commits):
    # Spread over 2026: the first half before 2026-10-01, the rest in 2026-Q4 up to 2026-11-20.
    day = 10 + c * (264 // max(1, commits // 2)) if c < commits // 2 else 274 + (c - commits // 2) * (50 // max(1, commits - commits // 2))
    month, dom = 1, day
    for m, n in enumerate([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], 1):
        if dom <= n: month = m; break
        dom -= n
    date = f"2026-{month:02d}-{dom:02d}T12:00:00"
    for path in random.sample(files, max(1, len(files) // 10)):
        text = open(path).read()
        # Move one `current` value up a little (a typical weekly edit).
        text = re.sub(r"(- current: )(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + 1), text, count=1)
        open(path, "w").write(text)
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run(["git", "commit", "-qm", f"update {c}"], check=True, env={**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})
PY
echo "repository: $N team files, $(git rev-list --count HEAD) commits, objects loose (as commits leave them)"
hyperfine -N --warmup 2 --runs ${RUNS:-10} -i \
  -n "history rules off" "$BIN okr --config $WORK/off.json -q" \
  -n "history rules on, no cache (every version fetched and parsed, as a fresh clone's first run)" "$BIN okr -q --no-cache" \
  -n "history rules on, cache of earlier runs (.git/okrlint)" "$BIN okr -q"
# A clone (what CI checks out) or a repository after `git gc` keeps its objects in a pack.
git gc -q
echo "the same repository, objects packed (as a clone has them)"
hyperfine -N --warmup 2 --runs ${RUNS:-10} -i \
  -n "history rules off" "$BIN okr --config $WORK/off.json -q" \
  -n "history rules on, no cache (every version fetched and parsed, as a fresh clone's first run)" "$BIN okr -q --no-cache" \
  -n "history rules on, cache of earlier runs (.git/okrlint)" "$BIN okr -q"
# The first run of a clone: the cache is empty, so every version is fetched and parsed and the cache written.
hyperfine -N --warmup 1 --runs ${RUNS:-10} -i --prepare "rm -rf .git/okrlint" \
  -n "history rules on, first run (empty cache, written)" "$BIN okr -q"

#!/usr/bin/env bash
# End-to-end test of the pre-commit hook: a throwaway git repo with one good and one bad .okr file and a
# .pre-commit-config.yaml pointing at this repository (at its HEAD commit). The hook must fail on the bad file,
# then pass once the file is fixed. The okrlint-fmt hook must rewrite a file that is not in the canonical form (and
# fail, as formatters do in pre-commit), then pass. Needs `pre-commit` (pip install pre-commit) and swift.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
REV="$(git -C "$REPO" rev-parse HEAD)"
WORK="$(mktemp -d)"
CACHE="$(mktemp -d)"
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$CACHE}"
trap 'rm -rf "$WORK" "$CACHE"' EXIT
cd "$WORK"
git init -q . && git config user.email ci@example.com && git config user.name CI
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $REPO
    rev: $REV
    hooks:
      - id: okrlint
      - id: okrlint-fmt
YAML
cat > .okrlint.json <<'JSON'
{ "today": "2026-11-25" }
JSON
good='# Platform team OKRs

- okr: 1
- team: platform
- period: 2026-Q4
- owner: @dana

## O1: Make deploys boring
- owner: @dana

### KR1.1: Cut median deploy time
- metric: 45 -> 15 min
- current: 24 min
- owner: @raj

### KR1.2: Raise deploys per week
- metric: 12 -> 30 deploys/wk
- current: 22 deploys/wk
- owner: @raj

## Check-ins
- 2026-11-20 KR1.1: 24 min
- 2026-11-20 KR1.2: 22 deploys/wk'
printf '%s\n' "$good" > good.okr
printf '%s\n' "$good" | sed 's/^- team: platform$/- team: infra/; s/^### KR1.2: Raise deploys per week$/### KR1.2: Improve deploys/; s/^- metric: 12 -> 30 deploys\/wk$//' > bad.okr
git add -A && git commit -qm init

echo "-- pre-commit on a bad file (must fail)"
set +e
pre-commit run --all-files > out1.txt 2>&1
status=$?
set -e
cat out1.txt
[ "$status" -ne 0 ] || { echo "FAIL: the hook passed on a bad file"; exit 1; }
grep -q "bad.okr" out1.txt || { echo "FAIL: the bad file is not named"; exit 1; }
grep -q "unmeasurable-key-result" out1.txt || { echo "FAIL: the finding is not shown"; exit 1; }
if grep -q "good.okr:" out1.txt; then echo "FAIL: the good file was reported"; exit 1; fi

echo "-- pre-commit after fixing it (must pass)"
printf '%s\n' "$good" | sed 's/^- team: platform$/- team: infra/' > bad.okr
git add -A && git commit -qm fix
pre-commit run --all-files

echo "-- okrlint-fmt on a file that is not canonical (must rewrite it and fail)"
printf '%s\n' "$good" | sed 's/^- metric: 45 -> 15 min$/- metric: 45->15 min/; s/^## O1: Make deploys boring$/## O1:   Make deploys boring/' > bad.okr
printf '\n\n' >> bad.okr
git add -A && git commit -qm messy --no-verify
set +e
pre-commit run okrlint-fmt --all-files > out2.txt 2>&1
status=$?
set -e
cat out2.txt
[ "$status" -ne 0 ] || { echo "FAIL: okrlint-fmt passed on a file it had to rewrite"; exit 1; }
grep -q "files were modified by this hook" out2.txt || { echo "FAIL: pre-commit did not see the rewrite"; exit 1; }
grep -q '^- metric: 45 -> 15 min$' bad.okr && grep -q '^## O1: Make deploys boring$' bad.okr || { echo "FAIL: bad.okr was not formatted"; cat bad.okr; exit 1; }
[ "$(tail -c 2 bad.okr | od -An -c | tr -d ' ')" != '\n\n' ] || { echo "FAIL: trailing blank lines kept"; exit 1; }
cmp -s good.okr <(printf '%s\n' "$good") || { echo "FAIL: good.okr changed"; exit 1; }
git add -A && git commit -qm formatted
pre-commit run okrlint-fmt --all-files
echo "pre-commit hook test passed"

#!/usr/bin/env bash
# End-to-end test of the pre-commit hooks with real `pre-commit` and real commits: a throwaway git repository with a
# good and a bad .okr file and the README's .pre-commit-config.yaml (its block for the mode, with the repository
# URL and `rev:` put to this repository at its HEAD commit).
#   OKRLINT_WHEELS=DIR (default)  the `okrlint` and `okrlint-fmt` hooks (language: python) install the okrlint wheel
#                                 built by tools/release from DIR and nothing from the network (PIP_FIND_LINKS,
#                                 PIP_NO_INDEX), with no `swift` on PATH
#   HOOKS=swift                   the `okrlint-swift` and `okrlint-fmt-swift` hooks (language: swift) instead
#   HOOKS=system OKRLINT_BIN=...  the README's `language: system` hook, with that binary on PATH as `okrlint`
# `pre-commit install`, then: the first commit (which installs the hook's environment) must be refused for the bad
# file, naming it and its finding; once fixed, the second commit must pass. The fmt hook must rewrite a file that is
# not canonical (and fail, as formatters do in pre-commit), then pass. The times of the first and second commit are
# printed (README: "In CI and git hooks").
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
REV="$(git -C "$REPO" rev-parse HEAD)"
HOOKS=${HOOKS:-wheel}
WORK="$(mktemp -d)"
CACHE="$(mktemp -d)"
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$CACHE}"
trap 'rm -rf "$WORK" "$CACHE"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
now() { python3 -c 'import time; print(time.monotonic())'; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }

if [ "$HOOKS" = swift ]; then
  check=okrlint-swift fmt=okrlint-fmt-swift block="built from source"
elif [ "$HOOKS" = system ]; then
  check=okrlint fmt= block="an okrlint you installed yourself"
  mkdir -p "$WORK/bin" && ln -s "$(cd "$(dirname "${OKRLINT_BIN:?}")" && pwd)/$(basename "$OKRLINT_BIN")" "$WORK/bin/okrlint"
  export PATH="$WORK/bin:$PATH"
else
  check=okrlint fmt=okrlint-fmt block="installed from its wheel"
  check=okrlint fmt=okrlint-fmt
  WHEELS=$(cd "${OKRLINT_WHEELS:?OKRLINT_WHEELS names the folder tools/release wrote}" && pwd)
  ls "$WHEELS"/okrlint-*.whl > /dev/null || fail "no okrlint wheel in $WHEELS"
  # pip finds okrlint in the folder and nowhere else.
  export PIP_FIND_LINKS="$WHEELS" PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1
  # No Swift for the hook: every PATH folder holding a `swift` is left out.
  kept=()
  IFS=: read -r -a folders <<< "$PATH"
  for f in "${folders[@]}"; do if [ -n "$f" ] && [ ! -x "$f/swift" ]; then kept+=("$f"); fi; done
  PATH=$(IFS=:; echo "${kept[*]}")
  export PATH
  if command -v swift > /dev/null; then fail "swift is still on PATH: $(command -v swift)"; fi
fi
command -v pre-commit > /dev/null || fail "pre-commit is not on PATH"

cd "$WORK"
git init -q . && git config user.email ci@example.com && git config user.name CI && git config commit.gpgsign false
# The README's block, pointed at this repository and commit.
python3 - "$REPO/README.md" "$block" "$REPO" "$REV" > .pre-commit-config.yaml <<'PY'
import re, sys
readme, which, repo, rev = sys.argv[1:]
blocks = [b for b in re.findall(r"```yaml\n(.*?)```", open(readme).read(), re.S) if b.startswith("# .pre-commit-config.yaml") and which in b.split("\n")[0]]
assert len(blocks) == 1, f"README: {len(blocks)} pre-commit blocks say '{which}'"
text = blocks[0].replace("https://github.com/okrlint/okrlint", repo)
text, n = re.subn(r"rev: (v[0-9.]+|[0-9a-f]{40}).*", f"rev: {rev}", text)
assert n == (0 if "repo: local" in text else 1), text
print(text, end="")
PY
cat .pre-commit-config.yaml
grep -q -- "- id: $check\$" .pre-commit-config.yaml || fail "the README's block has no $check hook"
if [ -n "$fmt" ]; then grep -q -- "- id: $fmt " .pre-commit-config.yaml || fail "the README's block has no $fmt hook"; fi
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
pre-commit install > /dev/null
git add -A

echo "-- first commit, with a bad file (must be refused; installs the hook's environment)"
start=$(now)
set +e
git commit -qm init > out1.txt 2>&1
status=$?
set -e
first=$(since "$start")
cat out1.txt
[ "$status" -ne 0 ] || fail "the commit went through with a bad file"
if git rev-parse -q --verify HEAD > /dev/null; then fail "a commit was made"; fi
grep -q "bad.okr" out1.txt || fail "the bad file is not named"
grep -q "unmeasurable-key-result" out1.txt || fail "the finding is not shown"
if grep -q "good.okr:" out1.txt; then fail "the good file was reported"; fi
if [ "$HOOKS" = wheel ]; then
  # The hook ran the wheel's binary, from the environment pre-commit made for it.
  env_bin=$(find "$PRE_COMMIT_HOME" -path '*py_env-*/bin/okrlint' -type f | head -n 1)
  [ -n "$env_bin" ] || fail "no okrlint in the hook's environment"
  head -c 4 "$env_bin" | od -An -c | tr -d ' ' | grep -q '177ELF' || fail "$env_bin is not the binary"
  [ "$("$env_bin" --version)" = "okrlint $(python3 -c "import sys; sys.path.insert(0, '$REPO/tools'); import wheel; print(wheel.okrlint_version())")" ] \
    || fail "the environment's okrlint is not this version"
  installed=$("$(dirname "$env_bin")/python" -m pip list 2> /dev/null)
  grep -q '^okrlint-pre-commit ' <<< "$installed" || fail "okrlint-pre-commit is not installed: $installed"
fi

echo "-- second commit, the file fixed (must pass)"
printf '%s\n' "$good" | sed 's/^- team: platform$/- team: infra/' > bad.okr
git add -A
start=$(now)
git commit -qm init > out2.txt 2>&1 || { cat out2.txt; fail "the commit of good files was refused"; }
second=$(since "$start")
cat out2.txt
git rev-parse -q --verify HEAD > /dev/null || fail "no commit was made"

if [ -z "$fmt" ]; then
  echo "pre-commit hook test passed ($HOOKS hook): first commit ${first} s, second commit ${second} s"
  exit 0
fi
echo "-- $fmt on a file that is not canonical (must rewrite it and fail)"
printf '%s\n' "$good" | sed 's/^- team: platform$/- team: infra/; s/^- metric: 45 -> 15 min$/- metric: 45->15 min/; s/^## O1: Make deploys boring$/## O1:   Make deploys boring/' > bad.okr
printf '\n\n' >> bad.okr
git add -A && git commit -qm messy --no-verify
set +e
pre-commit run "$fmt" --all-files > out3.txt 2>&1
status=$?
set -e
cat out3.txt
[ "$status" -ne 0 ] || fail "$fmt passed on a file it had to rewrite"
grep -q "files were modified by this hook" out3.txt || fail "pre-commit did not see the rewrite"
grep -q '^- metric: 45 -> 15 min$' bad.okr && grep -q '^## O1: Make deploys boring$' bad.okr || { cat bad.okr; fail "bad.okr was not formatted"; }
[ "$(tail -c 2 bad.okr | od -An -c | tr -d ' ')" != '\n\n' ] || fail "trailing blank lines kept"
cmp -s good.okr <(printf '%s\n' "$good") || fail "good.okr changed"
git add -A && git commit -qm formatted
pre-commit run "$fmt" --all-files > /dev/null
echo "pre-commit hook test passed ($HOOKS hooks): first commit ${first} s (installs the hook's environment), second commit ${second} s"

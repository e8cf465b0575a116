#!/usr/bin/env bash
# The GitHub Action's inputs are data, never code (issue 20). The `run:` script of action.yml that runs okrlint is
# taken out with PyYAML and run with bash as the runner runs it (`bash --noprofile --norc -eo pipefail`), with the
# environment the runner would give it: each `${{ inputs.NAME }}` expression, wherever it stands (in `env:` or
# pasted in `run:`), replaced by the input's value, and the download step's `bin` output by the stub, as the runner
# does. The inputs name files such as `$(touch PWNED).okr`, `a;touch PWNED.okr` and `--output=PWNED.okr`, which
# exist as clean OKR files; okrlint is a stub that records its arguments and then runs the real binary when there is
# one. Passes when no PWNED file appears, no `${{` stands in a `run:`, okrlint received each path as one argument
# after `--` (the check, and the report of the job summary), every file was checked, one run wrote the
# annotations, the SARIF file and the summary's findings, and the summary holds them (issue 22).
# Needs python3 with PyYAML; uses .build/debug/okrlint when built.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The steps that run okrlint: name, script, and env with expressions replaced by the inputs (JSON in $WORK/inputs.json).
extract() {
  python3 - "$REPO/action.yml" "$WORK/inputs.json" "$WORK/steps" <<'PY'
import json, os, re, sys, yaml
action, inputs, out = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3]
doc = yaml.safe_load(open(action))
values = {k: v.get("default", "") for k, v in doc["inputs"].items()} | inputs
def expand(text):
    def one(m):
        expr = m.group(1).strip()
        if expr == "steps.install.outputs.bin":
            return os.environ["STUB"]
        name = re.fullmatch(r"inputs\.([A-Za-z_-]+)", expr)
        if not name:
            sys.exit(f"unexpected expression ${{{{ {expr} }}}} in {text!r}")
        return values[name.group(1)]
    return re.sub(r"\$\{\{(.*?)\}\}", one, text)
os.makedirs(out, exist_ok=True)
n = 0
for step in doc["runs"]["steps"]:
    run = step.get("run")
    if run is None or '"$OKRLINT_BIN"' not in run:
        continue
    n += 1
    with open(f"{out}/{n}.sh", "w") as f:
        f.write(expand(run))
    with open(f"{out}/{n}.env", "wb") as f:
        for k, v in (step.get("env") or {}).items():
            f.write(k.encode() + b"=" + expand(str(v)).encode() + b"\0")
print(n)
PY
}

# A fake action folder (with the real summary script) and an okrlint that records its arguments (NUL-separated;
# the report's apart) and runs the real one when built.
ACTION="$WORK/action"
mkdir -p "$ACTION/tools" "$WORK/bin"
cp "$REPO/tools/action-summary.sh" "$ACTION/tools/"
REAL="$REPO/.build/debug/okrlint"
export STUB="$WORK/bin/okrlint"
cat > "$STUB" <<SH
#!/usr/bin/env bash
if [ "\$1" = report ]; then printf '%s\0' "\$@" > "$WORK/argv-report"; else printf '%s\0' "\$@" > "$WORK/argv"; fi
if [ -x "$REAL" ]; then exec "$REAL" "\$@"; fi
SH
chmod +x "$STUB"

# A clean OKR file for team $1 (each file its own team, so no two files share an ID).
clean() {
  printf '# %s OKRs\n\n- okr: 1\n- team: %s\n- period: 2026-Q4\n- owner: @w\n\n## O1: Make the site fast\n- owner: @w\n\n' "$1" "$1"
  printf '### KR1.1: Cut page load time\n- metric: 3 -> 1 s\n- current: 2 s\n- owner: @w\n\n'
  printf '### KR1.2: Grow weekly active users\n- metric: 100 -> 200 users\n- current: 150 users\n- owner: @w\n\n'
  printf '## Check-ins\n- 2026-11-20 KR1.1: 2 s\n- 2026-11-20 KR1.2: 150 users\n'
}
# Names as a pull request can make them: with spaces (one path per line), and without (a one-line list).
names=('$(touch PWNED).okr' 'a;touch PWNED.okr' '`touch PWNED`.okr' '--output=PWNED.okr' '-o' 'my file.okr')
words=('$(touch${IFS}PWNED).okr' 'a;touch${IFS}PWNED.okr' '`touch${IFS}PWNED`.okr' '--output=PWNED.okr' '-o')

check() { # label, paths input, args input, okrlint's expected exit status, expected paths (after --)
  local label=$1 paths=$2 args=$3 want=$4; shift 4
  local dir="$WORK/run-$label"
  mkdir -p "$dir"
  (cd "$dir" && printf '{"today": "2026-11-25"}' > .okrlint.json
   t=0; for f in "${names[@]}" "${words[@]}"; do t=$((t + 1)); clean "t$t" > "./$f"; done)
  python3 -c 'import json, sys; json.dump({"paths": sys.argv[1], "args": sys.argv[2], "sarif": "true"}, open(sys.argv[3], "w"))' \
    "$paths" "$args" "$WORK/inputs.json"
  rm -rf "$WORK/steps"
  local count
  count=$(extract 2> "$WORK/extract.err") || { cat "$WORK/extract.err"; fail "$label: cannot read action.yml"; }
  if [ -s "$WORK/extract.err" ]; then cat "$WORK/extract.err"; fi
  [ "$count" = 1 ] || fail "$label: expected one step that runs okrlint, found $count"
  for n in 1; do
    rm -f "$WORK/argv" "$WORK/argv-report" "$dir/okrlint.sarif"
    : > "$WORK/summary.md"
    local -a env=()
    mapfile -d '' env < "$WORK/steps/$n.env"
    set +e
    (cd "$dir" && env -i PATH="$PATH" HOME="$HOME" GITHUB_ACTION_PATH="$ACTION" RUNNER_TEMP="$WORK" \
       GITHUB_STEP_SUMMARY="$WORK/summary.md" "${env[@]}" \
       bash --noprofile --norc -eo pipefail "$WORK/steps/$n.sh" > "$WORK/out" 2>&1)
    local status=$?
    set -e
    if [ -n "$(find "$WORK" -name 'PWNED*' -print -quit)" ] || [ ! -f "$dir/--output=PWNED.okr" ] \
       || ! grep -q '^- team: t' "$dir/--output=PWNED.okr"; then
      cat "$WORK/out"; fail "$label, step $n: an input ran as code or as an option"
    fi
    [ -f "$WORK/argv" ] || { cat "$WORK/out"; fail "$label, step $n: okrlint was not run ($status)"; }
    local -a argv=()
    mapfile -d '' argv < "$WORK/argv"
    local i sep=-1
    for i in "${!argv[@]}"; do if [ "${argv[i]}" = "--" ]; then sep=$i; break; fi; done
    [ "$sep" -ge 0 ] || fail "$label, step $n: no -- before the paths: ${argv[*]}"
    local got expected
    got=$(printf '%s\n' "${argv[@]:sep+1}")
    expected=$(printf '%s\n' "$@")
    [ "$got" = "$expected" ] || fail "$label, step $n: okrlint got paths [$got], expected [$expected]"
    # One run: annotations, the SARIF file and the summary's findings.
    printf '%s\n' "${argv[@]:0:sep}" | grep -qx 'sarif:okrlint.sarif' || fail "$label: no SARIF from the check's run"
    # The summary's report got the same paths, after --.
    [ -f "$WORK/argv-report" ] || fail "$label: the job summary ran no report"
    mapfile -d '' argv < "$WORK/argv-report"
    [ "$(printf '%s\n' "${argv[@]:4}")" = "$expected" ] && [ "${argv[3]}" = "--" ] \
      || fail "$label: the report got [${argv[*]}]"
    grep -q '^## okrlint$' "$WORK/summary.md" || { cat "$WORK/summary.md"; fail "$label: no job summary"; }
    if [ -x "$REAL" ] && [ "$status" -ne "$want" ]; then cat "$WORK/out"; fail "$label, step $n: okrlint exited $status, not $want"; fi
  done
  if [ -x "$REAL" ] && [ "$want" = 0 ]; then
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); assert r["runs"][0]["results"] == [], r' "$dir/okrlint.sarif" \
      || fail "$label: no SARIF report"
    grep -q '^All checks passed' "$WORK/summary.md" && grep -q '^### Where the OKRs stand$' "$WORK/summary.md" \
      || { cat "$WORK/summary.md"; fail "$label: the summary lacks the findings or the report"; }
  fi
}

# One line: white space separates paths.
check words "${words[*]}" "--strict" 0 '$(touch${IFS}PWNED).okr' 'a;touch${IFS}PWNED.okr' '`touch${IFS}PWNED`.okr' './--output=PWNED.okr' './-o'
# On one line a name with a space is two paths (neither exists: exit 2), never code.
check split '$(touch PWNED).okr a;touch PWNED.okr' "" 2 '$(touch' 'PWNED).okr' 'a;touch' 'PWNED.okr'
# One path per line, with blank lines and white space around: names keep their spaces.
lines=$(printf '  %s\n' "${names[@]}" "")
check lines "$lines" "" 0 '$(touch PWNED).okr' 'a;touch PWNED.okr' '`touch PWNED`.okr' './--output=PWNED.okr' './-o' 'my file.okr'
# Hostile words in args are arguments too: okrlint reads `$(touch` as a path that does not exist (exit 2).
check args "team" '--strict $(touch PWNED) ;touch PWNED.okr `touch PWNED`' 2 team
# No expression in any script at all (github.* contexts included): inputs and contexts come in through `env:`.
python3 -c 'import sys, yaml; bad = [s["name"] for s in yaml.safe_load(open(sys.argv[1]))["runs"]["steps"] if "${{" in s.get("run", "")]; sys.exit(f"expressions in run: of {bad}" if bad else 0)' \
  "$REPO/action.yml" || fail "a run: script of action.yml holds \${{ }}"
echo "action.yml: the check's script x 4 input forms, $(( ${#names[@]} + ${#words[@]} )) hostile names: nothing ran, every path was one argument"

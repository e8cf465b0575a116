#!/usr/bin/env bash
# The GitHub Action's download step (action.yml "Download okrlint", tools/action-install.sh), run as the runner
# runs it against releases served by a real HTTP server on the loopback address (python3 -m http.server): the
# step's `run:` and `env:` are read from action.yml with PyYAML, each `${{ }}` replaced as the runner would.
# A release is the layout GitHub serves: /OWNER/REPO/releases/download/vX.Y.Z/okrlint-X.Y.Z-TARGET.tar.gz and .sha256.
# The tarballs hold a stand-in `okrlint` (a shell script that says its version) unless OKRLINT_DIST names a folder
# made by tools/release, whose real tarball is then served and run too.
# Passes when: a good download is checked and gives a binary that runs; a wrong checksum, given as the input or
# published beside the tarball, fails the step and leaves no binary; a missing release, a branch ref or an unknown
# runner falls back to the source build with a cache key; a malformed version or checksum input is refused.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2> /dev/null; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
passed=0

# Releases: v9.9.9 good; v9.9.8 with a .sha256 that does not match; v9.9.6 whose binary says another version.
SERVE="$WORK/serve"
release() { # version, what its okrlint says, whether its .sha256 is right
  local v=$1 says=$2 right=$3 t=x86_64-unknown-linux-gnu
  local dir="$SERVE/okrlint/okrlint/releases/download/v$v" stem="okrlint-$v-$t"
  mkdir -p "$dir" "$WORK/build/$stem"
  printf '#!/bin/sh\necho "okrlint %s"\n' "$says" > "$WORK/build/$stem/okrlint"
  chmod +x "$WORK/build/$stem/okrlint"
  cp "$REPO/README.md" "$WORK/build/$stem/"
  tar -czf "$dir/$stem.tar.gz" -C "$WORK/build" "$stem"
  if [ "$right" = yes ]; then (cd "$dir" && sha256sum "$stem.tar.gz" > "$stem.tar.gz.sha256")
  else printf '%064d  %s\n' 0 "$stem.tar.gz" > "$dir/$stem.tar.gz.sha256"; fi
}
release 9.9.9 9.9.9 yes
release 9.9.8 9.9.8 no
release 9.9.6 1.0.0 yes
# v9.9.9 was made from this commit; an Action pinned by it whose sources say 9.9.9 downloads v9.9.9.
RELEASED=0123456789abcdef0123456789abcdef01234567
printf '%s\n' "$RELEASED" > "$SERVE/okrlint/okrlint/releases/download/v9.9.9/okrlint-9.9.9.commit"
FAKE="$WORK/action-9.9.9"
mkdir -p "$FAKE/Sources/OKRKit/Report" "$FAKE/tools" && cp "$REPO/Package.swift" "$FAKE/" && cp "$REPO/tools/action-install.sh" "$FAKE/tools/"
printf 'public let okrlintVersion = "9.9.9"\n' > "$FAKE/Sources/OKRKit/Report/Reporter.swift"
GOOD_SUM=$(cut -d' ' -f1 "$SERVE/okrlint/okrlint/releases/download/v9.9.9/okrlint-9.9.9-x86_64-unknown-linux-gnu.tar.gz.sha256")
REAL_VERSION=
if [ -n "${OKRLINT_DIST:-}" ] && ls "$OKRLINT_DIST"/okrlint-*-x86_64-unknown-linux-gnu.tar.gz > /dev/null 2>&1 && [ "$(uname -m)" = x86_64 ]; then
  real=$(ls "$OKRLINT_DIST"/okrlint-*-x86_64-unknown-linux-gnu.tar.gz | head -n 1)
  REAL_VERSION=$(basename "$real" | sed 's/^okrlint-\([0-9.]*\)-.*/\1/')
  mkdir -p "$SERVE/okrlint/okrlint/releases/download/v$REAL_VERSION"
  cp "$real" "$real.sha256" "$SERVE/okrlint/okrlint/releases/download/v$REAL_VERSION/"
fi

python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$SERVE" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do grep -q "port" "$WORK/server.log" 2> /dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/.* port \([0-9]*\).*/\1/p' "$WORK/server.log" | head -n 1)
[ -n "$PORT" ] || { cat "$WORK/server.log"; fail "the HTTP server did not start"; }

# The step as action.yml has it: its script, and its env with the inputs and contexts put in.
python3 - "$REPO/action.yml" "$WORK/step" <<'PY'
import sys, yaml
step = next(s for s in yaml.safe_load(open(sys.argv[1]))["runs"]["steps"] if s.get("id") == "install")
assert "${{" not in step["run"], "an expression inside run:"
open(sys.argv[2] + ".sh", "w").write(step["run"])
want = {"OKRLINT_VERSION": "${{ inputs.version }}", "OKRLINT_CHECKSUM": "${{ inputs.checksum }}",
        "ACTION_REF": "${{ github.action_ref }}", "ACTION_REPOSITORY": "${{ github.action_repository }}"}
assert step["env"] == want, step["env"]
PY

run_step() { # label, version input, checksum input, action ref, runner OS, runner arch[, action path]; sets $status, $out
  local label=$1 action=${7:-$REPO}
  rm -f "$WORK/output"; : > "$WORK/output"
  mkdir -p "$WORK/temp-$label"
  set +e
  env -i PATH="$PATH" HOME="$WORK/home" GITHUB_ACTION_PATH="$action" GITHUB_OUTPUT="$WORK/output" \
    GITHUB_SERVER_URL="http://127.0.0.1:$PORT" RUNNER_TEMP="$WORK/temp-$label" RUNNER_OS="$5" RUNNER_ARCH="$6" \
    OKRLINT_VERSION="$2" OKRLINT_CHECKSUM="$3" ACTION_REF="$4" ACTION_REPOSITORY=okrlint/okrlint \
    bash --noprofile --norc -eo pipefail "$WORK/step.sh" > "$WORK/log-$label" 2>&1
  status=$?
  set -e
  out=$(cat "$WORK/output")
}
value() { printf '%s\n' "$out" | sed -n "s/^$1=//p"; }
downloaded() { # label, expected version
  [ "$status" = 0 ] || { cat "$WORK/log-$1"; fail "$1: exit $status"; }
  [ "$(value build)" = false ] || fail "$1: not downloaded: $out"
  local bin; bin=$(value bin)
  [ -x "$bin" ] && [ "$("$bin" --version)" = "okrlint $2" ] || fail "$1: no working binary at '$bin'"
  passed=$((passed + 1))
}
refused() { # label, message expected in the log
  [ "$status" = 1 ] || { cat "$WORK/log-$1"; fail "$1: exit $status, not 1"; }
  grep -q "$2" "$WORK/log-$1" || { cat "$WORK/log-$1"; fail "$1: no '$2' in the log"; }
  [ -z "$(value bin)" ] || fail "$1: a binary was handed on: $out"
  passed=$((passed + 1))
}
built() { # label
  [ "$status" = 0 ] || { cat "$WORK/log-$1"; fail "$1: exit $status"; }
  [ "$(value build)" = true ] && [[ $(value source-hash) =~ ^[0-9a-f]{64}$ ]] || fail "$1: no source build asked for: $out"
  passed=$((passed + 1))
}

run_step good 9.9.9 "" main Linux X64; downloaded good 9.9.9
run_step tag "" "" v9.9.9 Linux X64; downloaded tag 9.9.9
run_step pinned v9.9.9 "$GOOD_SUM" main Linux X64; downloaded pinned 9.9.9
run_step pinned-upper 9.9.9 "$(printf '%s' "$GOOD_SUM" | tr a-f A-F)" main Linux X64; downloaded pinned-upper 9.9.9
run_step wrong-input 9.9.9 "$(printf '%064d' 1)" main Linux X64; refused wrong-input "checksum mismatch"
[ ! -e "$WORK/temp-wrong-input/okrlint-9.9.9/okrlint-9.9.9-x86_64-unknown-linux-gnu.tar.gz" ] || fail "wrong-input: the tarball was kept"
run_step wrong-published 9.9.8 "" main Linux X64; refused wrong-published "checksum mismatch"
run_step says-other 9.9.6 "" main Linux X64; refused says-other "not 'okrlint 9.9.6'"
run_step bad-version '1.0; touch PWNED' "" main Linux X64; refused bad-version "must be X.Y.Z"
run_step bad-checksum 9.9.9 "abc" main Linux X64; refused bad-checksum "must be a SHA-256"
[ -z "$(find "$WORK" "$REPO" -maxdepth 2 -name PWNED -print -quit)" ] || fail "an input ran as code"
run_step commit "" "" "$RELEASED" Linux X64 "$FAKE"; downloaded commit 9.9.9
run_step other-commit "" "" "fedcba9876543210fedcba9876543210fedcba98" Linux X64 "$FAKE"; built other-commit
grep -q "is not the commit release v9.9.9 was made from" "$WORK/log-other-commit" || fail "other-commit: the reason is not said"
run_step commit-no-release "" "" "$RELEASED" Linux X64; built commit-no-release
run_step missing 9.9.7 "" main Linux X64; built missing
grep -q "no release asset" "$WORK/log-missing" || fail "missing: the fall-back is not said"
run_step branch "" "" main Linux X64; built branch
first_hash=$(value source-hash)
run_step source source "" v9.9.9 Linux X64; built source
run_step windows 9.9.9 "" main Windows X64; built windows
run_step again "" "" main Linux X64; built again
[ "$(value source-hash)" = "$first_hash" ] || fail "the same sources gave another cache key"
if [ -n "$REAL_VERSION" ]; then
  run_step real "$REAL_VERSION" "" main Linux X64; downloaded real "$REAL_VERSION"
  "$(value bin)" "$REPO/samples" > /dev/null || fail "the released okrlint does not pass samples/"
fi
grep -q '"GET /okrlint/okrlint/releases/download/v9.9.9/' "$WORK/server.log" || fail "nothing was fetched from the server"
echo "action download: $passed cases against http://127.0.0.1:$PORT passed (good, tag, release commit, pinned, wrong checksums refused, missing release or other commit built)${REAL_VERSION:+, the real $REAL_VERSION tarball ran}"

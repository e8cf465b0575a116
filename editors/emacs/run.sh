#!/usr/bin/env bash
# Emacs (batch) with eglot against `okrlint lsp` (editors/emacs/test.el). Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
OKRLINT=${OKRLINT:-$PWD/.build/debug/okrlint}
WORKSPACE=$(mktemp -d)
trap 'rm -rf "$WORKSPACE"' EXIT
mkdir -p "$WORKSPACE/teams"
cp samples/company.okr "$WORKSPACE/"
cp samples/teams/*.okr "$WORKSPACE/teams/"
echo '{"today": "2026-11-25"}' > "$WORKSPACE/.okrlint.json"
git -C "$WORKSPACE" init -q   # a project for project.el
sed -i '0,/- owner: @raj/s//- Owner: @raj/' "$WORKSPACE/teams/platform.okr"
export OKRLINT WORKSPACE
timeout 120 emacs --batch -Q -l editors/emacs/test.el 2>&1

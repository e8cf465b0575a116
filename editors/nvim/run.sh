#!/usr/bin/env bash
# Neovim headless with its built-in LSP client against `okrlint lsp` (editors/nvim/test.lua). Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
OKRLINT=${OKRLINT:-$PWD/.build/debug/okrlint}
WORKSPACE=$(mktemp -d)
trap 'rm -rf "$WORKSPACE"' EXIT
mkdir -p "$WORKSPACE/teams"
cp samples/company.okr "$WORKSPACE/"
cp samples/teams/*.okr "$WORKSPACE/teams/"
echo '{"today": "2026-11-25"}' > "$WORKSPACE/.okrlint.json"
# One problem with a safe fix: a capitalised key (a syntax error whose fix lowercases it).
sed -i '0,/- owner: @raj/s//- Owner: @raj/' "$WORKSPACE/teams/platform.okr"
export OKRLINT WORKSPACE
timeout 120 nvim --headless --clean -c "luafile editors/nvim/test.lua" 2>&1

#!/usr/bin/env bash
# Neovim headless with its built-in LSP client against `okrlint lsp` (editors/nvim/test.lua). Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source editors/workspace.sh
timeout 120 nvim --headless --clean -c "luafile editors/nvim/test.lua" 2>&1

#!/usr/bin/env bash
# Emacs (batch) with eglot against `okrlint lsp` (editors/emacs/test.el). Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source editors/workspace.sh
git -C "$WORKSPACE" init -q   # a project for project.el
timeout 120 emacs --batch -Q -l editors/emacs/test.el 2>&1

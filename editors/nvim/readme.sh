#!/usr/bin/env bash
# The README's Neovim `init.lua`, as a new user copies it, in Neovim headless (the Neovim installed: Debian's is
# 0.7.2): opening a .okr and a .okr.md file gives each the filetype `okr`, the okrlint client attached, and
# okrlint's diagnostics. With `okrlint` found on PATH, as the README assumes. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source editors/workspace.sh
CONF=$(mktemp -d)
trap 'rm -rf "$WORKSPACE" "$CONF"' EXIT
python3 - README.md > "$CONF/init.lua" <<'PY'
import re, sys
blocks = [b for b in re.findall(r"```lua\n(.*?)```", open(sys.argv[1]).read(), re.S) if b.startswith("-- okrlint in Neovim")]
assert len(blocks) == 1, f"{len(blocks)} Neovim init.lua blocks in the README"
print(blocks[0], end="")
PY
mkdir -p "$CONF/bin" && ln -s "$OKRLINT" "$CONF/bin/okrlint"
cat > "$CONF/check.lua" <<'LUA'
local path = assert(os.getenv("OKR_FILE"))
vim.cmd("edit " .. path)
local buf = vim.api.nvim_get_current_buf()
local ft = vim.api.nvim_buf_get_option(buf, "filetype")
local ok = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local sources = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do sources[d.source or "?"] = true end
io.stdout:write(string.format("%s: filetype %s, %d client(s), %d diagnostic(s)\n", vim.fn.fnamemodify(path, ":t"), ft,
  #vim.lsp.buf_get_clients(buf), #vim.diagnostic.get(buf)))
vim.cmd((ok and ft == "okr" and sources.okrlint) and "qall!" or "cquit 1")
LUA
# A .okr.md twin of the file with the problem.
cp "$WORKSPACE/teams/platform.okr" "$WORKSPACE/teams/platform-copy.okr.md"
sed -i 's/^- team: platform$/- team: platform-md/' "$WORKSPACE/teams/platform-copy.okr.md"
for f in teams/platform.okr teams/platform-copy.okr.md; do
  OKR_FILE="$WORKSPACE/$f" PATH="$CONF/bin:$PATH" XDG_CONFIG_HOME="$CONF/xdg" XDG_DATA_HOME="$CONF/xdg-data" \
    timeout 60 nvim --headless -u "$CONF/init.lua" -c "luafile $CONF/check.lua" 2>&1 || { echo "FAIL: the README's init.lua with $f"; exit 1; }
done
echo "Neovim $(nvim --version | head -n 1 | cut -d' ' -f2) with the README's init.lua: filetype, client and diagnostics for .okr and .okr.md"

-- okrlint lsp in Neovim's own LSP client, headless: diagnostics on a file with problems, go-to-definition from an
-- `aligns` link to the company objective, hover on it, and a quick fix applied. Exits non-zero on any failure.
-- Run by run.sh (which prepares the workspace); works with Neovim 0.7 (vim.lsp.start_client) and 0.8+ (vim.lsp.start).
local bin = assert(os.getenv("OKRLINT"), "OKRLINT not set")
local ws = assert(os.getenv("WORKSPACE"), "WORKSPACE not set")

local function fail(msg)
  io.stderr:write("FAIL: " .. msg .. "\n")
  vim.cmd("cquit 1")
end

local function check(cond, msg)
  if not cond then fail(msg) end
end

local ok, err = pcall(function()
  vim.cmd("edit " .. ws .. "/teams/platform.okr")
  local buf = vim.api.nvim_get_current_buf()
  local config = { name = "okrlint", cmd = { bin, "lsp" }, root_dir = ws }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  check(client_id, "the server did not start")

  -- 1. Diagnostics of the file with problems reach vim.diagnostic.
  check(vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50), "no diagnostics after 15 s")
  local diags = vim.diagnostic.get(buf)
  local syntax
  for _, d in ipairs(diags) do
    if d.source == "okrlint" and (d.code == "syntax-error" or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == "syntax-error")) then syntax = d end
  end
  check(syntax, "no okrlint syntax-error diagnostic among " .. #diags)
  print("diagnostics: " .. #diags .. ", syntax-error on line " .. (syntax.lnum + 1))

  local client = vim.lsp.get_client_by_id(client_id)
  local encoding = client.offset_encoding or "utf-16"

  -- 2. Go to definition from `aligns: company/O2`.
  local aligns = vim.fn.search("- aligns: company/O2")
  check(aligns > 0, "no aligns line")
  vim.api.nvim_win_set_cursor(0, { aligns, 12 })
  local params = vim.lsp.util.make_position_params(0, encoding)
  local res = vim.lsp.buf_request_sync(buf, "textDocument/definition", params, 10000)
  local loc
  for _, r in pairs(res or {}) do loc = r.result end
  check(loc, "no definition answer")
  if loc[1] then loc = loc[1] end
  vim.lsp.util.jump_to_location(loc, encoding)
  local here = vim.api.nvim_buf_get_name(0)
  check(here:sub(-#"company.okr") == "company.okr", "definition went to " .. here)
  local line = vim.api.nvim_get_current_line()
  check(line:find("^## O2: Make the product fast") ~= nil, "definition landed on: " .. line)
  print("definition: " .. line)

  -- 3. Hover on the link shows the objective's progress.
  vim.cmd("buffer " .. buf)
  local hres = vim.lsp.buf_request_sync(buf, "textDocument/hover",
    { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = aligns - 1, character = 12 } }, 10000)
  local hover
  for _, r in pairs(hres or {}) do hover = r.result end
  check(hover and hover.contents and hover.contents.value:find("progress: ") ~= nil, "hover without progress")
  print("hover: " .. hover.contents.value:gsub("\n", " "))

  -- 4. The quick fix for the capitalised key, applied.
  local lnum = syntax.lnum
  local cparams = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = lnum, character = 0 }, ["end"] = { line = lnum, character = 0 } },
    context = { diagnostics = {}, only = { "quickfix" } },
  }
  local cres = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", cparams, 10000)
  local action
  for _, r in pairs(cres or {}) do
    for _, a in ipairs(r.result or {}) do
      if a.isPreferred then action = a end
    end
  end
  check(action, "no preferred quick fix")
  vim.lsp.util.apply_workspace_edit(action.edit, encoding)
  local fixed = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1]
  check(fixed == "- owner: @raj", "after the fix the line is: " .. tostring(fixed))
  print("quick fix: " .. action.title .. " -> " .. fixed)
  -- The change goes to the server, which publishes the file clean.
  check(vim.wait(15000, function() return #vim.diagnostic.get(buf) == 0 end, 50),
    "diagnostics left after the fix: " .. #vim.diagnostic.get(buf))
  print("diagnostics after the fix: 0")
end)
if not ok then fail(tostring(err)) end
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.cmd("qall!")

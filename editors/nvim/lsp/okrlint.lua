-- okrlint's language server for Neovim 0.11 or later (`vim.lsp.config`): copy this file to
-- ~/.config/nvim/lsp/okrlint.lua, and in init.lua give .okr files their filetype and enable the server:
--   vim.filetype.add({ extension = { okr = "okr" }, pattern = { [".*%.okr%.md"] = "okr" } })
--   vim.lsp.enable("okrlint")
-- The workspace is the nearest folder with .okrlint.json, else the repository (okrlint finds the same one).
-- For Neovim 0.7 to 0.10, use the init.lua of the README ("Editor (language server)").
return {
  cmd = { "okrlint", "lsp" },
  filetypes = { "okr" },
  root_markers = { ".okrlint.json", ".git" },
}

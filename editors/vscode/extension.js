// Starts `okrlint lsp` for .okr and .okr.md files (standard input and output).
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("okrlint").get("path") || "okrlint";
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient("okrlint", "okrlint", { run: server, debug: server }, {
    documentSelector: [{ scheme: "file", language: "okr" }, { scheme: "untitled", language: "okr" }],
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher("**/*.okr"),
        vscode.workspace.createFileSystemWatcher("**/*.okr.md"),
        vscode.workspace.createFileSystemWatcher("**/.okrlint.json"),
      ],
    },
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

"""Shared set-up for the okrlint language server tests (pytest-lsp drives the built binary).

Each test gets a fresh workspace folder: a copy of the company and team samples, a `.okrlint.json` fixing the date,
and the server started in it, so links across files resolve the way `okrlint` resolves them on the command line.
"""
import os
import pathlib
import shutil
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("OKRLINT", str(REPO / ".build" / "debug" / "okrlint"))
SAMPLES = REPO / "samples"


def make_workspace(root: pathlib.Path) -> pathlib.Path:
    (root / "teams").mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLES / "company.okr", root / "company.okr")
    for name in ("platform.okr", "growth.okr", "support.okr"):
        shutil.copy(SAMPLES / "teams" / name, root / "teams" / name)
    (root / ".okrlint.json").write_text('{"today": "2026-11-25"}\n')
    return root


@pytest.fixture
def workspace(tmp_path_factory):
    return make_workspace(tmp_path_factory.mktemp("okr"))


def uri(path: pathlib.Path) -> str:
    return path.resolve().as_uri()


def capabilities(pull=False, utf8=False, watch=True):
    caps = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16] if utf8 else [types.PositionEncodingKind.Utf16]
        ),
        text_document=types.TextDocumentClientCapabilities(
            synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True, code_description_support=True, tag_support=types.ClientDiagnosticsTagOptions(value_set=[types.DiagnosticTag.Unnecessary])),
            diagnostic=types.DiagnosticClientCapabilities() if pull else None,
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(value_set=["quickfix", "source", "source.fixAll"])
                ),
                is_preferred_support=True,
            ),
            document_symbol=types.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            completion=types.CompletionClientCapabilities(),
            definition=types.DefinitionClientCapabilities(),
            references=types.ReferenceClientCapabilities(),
            folding_range=types.FoldingRangeClientCapabilities(),
            formatting=types.DocumentFormattingClientCapabilities(),
        ),
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=watch),
            symbol=types.WorkspaceSymbolClientCapabilities(),
        ),
    )
    return caps


async def start(lsp_client: LanguageClient, root: pathlib.Path, **kw):
    params = types.InitializeParams(capabilities=capabilities(**kw), root_uri=uri(root),
                                    workspace_folders=[types.WorkspaceFolder(uri=uri(root), name="okr")])
    return await lsp_client.initialize_session(params)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp", "--today", "2026-11-25"]))
async def client(lsp_client: LanguageClient):
    # The server asks to watch the .okr files and the configs (dynamic registration): recorded here.
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def on_register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)
        return None

    yield
    await lsp_client.shutdown_session()

"""Issue 20, hostile input: okrlint lsp under a client that sends broken frames and text made to inject Markdown.

A rejected header must not take the later messages with it: the server resynchronises (skips the body when its
length is known, else reads on from the next `Content-Length:`), reports the header once, and answers every request
that follows. The raw bytes are written to the server's standard input through the pytest-lsp client's own pipe,
between messages of that client, so the answers are read by the client as any other.
"""
import asyncio
import json

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import BINARY, start, uri


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp", "--today", "2026-11-25"]))
async def client(lsp_client: LanguageClient):
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def on_register(params: types.RegistrationParams):
        return None

    yield
    # A server that stopped reading would never answer `shutdown`: the test fails rather than hangs.
    try:
        await asyncio.wait_for(lsp_client.shutdown_session(), 10)
    except asyncio.TimeoutError:
        lsp_client._server.kill()
        raise


async def send_raw(client, data: bytes):
    stdin = client._server.stdin
    stdin.write(data)
    await stdin.drain()


def body(method, id=None, params=None):
    m = {"jsonrpc": "2.0", "method": method, "params": params if params is not None else {}}
    if id is not None:
        m["id"] = id
    return json.dumps(m).encode()


async def symbols(client, path):
    return await asyncio.wait_for(client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)))), 10)


def bad_frames(text_uri):
    """Each kind of rejected header, each followed by a body that would do harm if it were read as a message (it
    closes the document the requests after it ask about) or read as the next header."""
    harmful = body("textDocument/didClose", params={"textDocument": {"uri": text_uri}})
    n = len(harmful)
    junk = b"X-Junk: " + b"j" * 9000 + b"\r\n"
    return {
        "repeated Content-Length, different": b"Content-Length: %d\r\nContent-Length: 3\r\n\r\n" % n + harmful,
        "repeated Content-Length, same": b"Content-Length: %d\r\nContent-Length: %d\r\n\r\n" % (n, n) + harmful,
        "line without colon": b"Content-Length: %d\r\nnot a field\r\n\r\n" % n + harmful,
        "no colon at all": b"Content-Length %d\r\n\r\n" % n + harmful,
        "header over 8 KiB, length first": b"Content-Length: %d\r\n" % n + junk + b"\r\n" + harmful,
        "header over 8 KiB, no length": junk + b"Content-Type: x\r\n\r\n" + harmful,
    }


@pytest.mark.parametrize("case", list(bad_frames("file:///x").keys()))
async def test_requests_after_a_rejected_header_are_answered(client, workspace, case):
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri(path), language_id="okr", version=1, text=path.read_text())))
    before = await symbols(client, path)
    assert before
    await send_raw(client, bad_frames(uri(path))[case])
    # Requests after the bad frame: each is answered, and the document is still open (the body was not read).
    for _ in range(3):
        assert await symbols(client, path) == before
    hover = await asyncio.wait_for(client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=types.Position(line=0, character=0))), 10)
    assert hover is None or hover.contents is not None

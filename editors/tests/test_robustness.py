"""okrlint lsp under hostile input: malformed JSON, bad frames, unknown methods, requests before initialize, a
100,000-line document, 1,000 changes in a burst, and a client that goes away. Each case checks the answer the
protocol asks for, that the server lives on (or exits with the right code), and that standard output carries only
well-formed frames.
"""
import json
import queue
import subprocess
import threading
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import BINARY, start, uri


class Raw:
    """The binary on pipes, spoken to byte by byte. Every byte it writes to stdout must be part of a frame."""

    def __init__(self, cwd=None):
        self.p = subprocess.Popen([BINARY, "lsp", "--today", "2026-11-25"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.messages = queue.Queue()
        self.stderr = b""
        self.bad_output = None
        threading.Thread(target=self._read, daemon=True).start()
        self.err_thread = threading.Thread(target=self._read_err, daemon=True)
        self.err_thread.start()

    def _read(self):
        out = self.p.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                c = out.read(1)
                if not c:
                    if header:
                        self.bad_output = header
                    self.messages.put(None)
                    return
                header += c
            if not header.startswith(b"Content-Length: "):
                self.bad_output = header
            n = int(header[16:-4])
            self.messages.put(json.loads(out.read(n)))

    def _read_err(self):
        self.stderr = self.p.stderr.read()

    def send_bytes(self, b):
        self.p.stdin.write(b)
        self.p.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj).encode()
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, id, method, params=None):
        self.send({"jsonrpc": "2.0", "id": id, "method": method, "params": params or {}})

    def next(self, timeout=10):
        return self.messages.get(timeout=timeout)

    def answer(self, id, timeout=10):
        deadline = time.time() + timeout
        while True:
            m = self.next(max(0.1, deadline - time.time()))
            assert m is not None, "the server closed its output"
            if m.get("id") == id and "method" not in m:
                return m

    def initialize(self, root):
        self.request(1, "initialize", {"capabilities": {}, "rootUri": uri(root)})
        assert "result" in self.answer(1)
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def finish(self, timeout=10):
        code = self.p.wait(timeout=timeout)
        self.err_thread.join(timeout)
        assert self.bad_output is None, self.bad_output
        return code


def test_requests_before_initialize_get_server_not_initialized(workspace):
    s = Raw()
    s.request(7, "textDocument/hover", {"textDocument": {"uri": uri(workspace / "company.okr")}, "position": {"line": 0, "character": 0}})
    m = s.answer(7)
    assert m["error"]["code"] == -32002
    # Notifications before initialize are dropped without an answer; then initialize works.
    s.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {}})
    s.initialize(workspace)
    s.request(2, "shutdown")
    assert s.answer(2)["result"] is None
    s.send({"jsonrpc": "2.0", "method": "exit"})
    assert s.finish() == 0


def test_malformed_json_bad_frames_and_unknown_methods(workspace):
    s = Raw()
    s.initialize(workspace)
    s.send_bytes(b"Content-Length: 9\r\n\r\n{\"id\": 1,")            # malformed JSON
    m = s.next()
    assert m["error"]["code"] == -32700 and m["id"] is None
    s.send_bytes(b"Content-Length: 4\r\n\r\n[12]")                  # not an object
    assert s.next()["error"]["code"] == -32600
    s.send({"jsonrpc": "2.0", "id": 3})                            # no method
    assert s.answer(3)["error"]["code"] == -32600
    s.send({"jsonrpc": "1.0", "id": 4, "method": "shutdown"})       # wrong version
    assert s.answer(4)["error"]["code"] == -32600
    s.send_bytes(b"Content-Type: text/plain\r\n\r\n")               # no Content-Length: logged, skipped
    s.send_bytes(b"Content-Length: 99999999999\r\n\r\n")             # over the limit: answered, body skipped
    assert s.next()["error"]["code"] == -32600
    s.send_bytes(b"X" * 20000 + b"\r\n\r\n")                        # a header too long: logged, dropped
    # The body of the oversized frame never comes; the server reads on once it is skipped. Here, it is not sent,
    # so a fresh server checks what follows a bad header instead.
    s.p.stdin.close()
    assert s.finish() == 1
    assert b"without `Content-Length`" in s.stderr

    s = Raw()
    s.initialize(workspace)
    # A header without a length: what follows it is dropped up to the next `Content-Length:` (issue 20).
    s.send_bytes(b"Content-Type: text/plain\r\n\r\n" + b"X" * 20000 + b"\r\n\r\n")
    s.request(5, "workspace/noSuchMethod")
    assert s.answer(5)["error"]["code"] == -32601
    s.send_bytes(b"X" * 20000 + b"\r\n\r\n")                        # a header too long: logged, dropped
    s.send({"jsonrpc": "2.0", "method": "$/noSuchNotification", "params": {}})
    s.request(6, "textDocument/hover", {"textDocument": {"uri": "file:///not/open.okr"}, "position": {"line": 0, "character": 0}})
    assert s.answer(6)["error"]["code"] == -32602
    s.request(7, "textDocument/hover", {"textDocument": 12})
    assert s.answer(7)["error"]["code"] == -32602
    s.request(8, "shutdown")
    s.answer(8)
    s.request(9, "textDocument/hover", {})
    assert s.answer(9)["error"]["code"] == -32600
    s.send({"jsonrpc": "2.0", "method": "exit"})
    assert s.finish() == 0
    assert b"header longer than" in s.stderr


def test_exit_without_shutdown_is_one_and_a_disconnect_ends_the_server(workspace):
    s = Raw()
    s.initialize(workspace)
    s.send({"jsonrpc": "2.0", "method": "exit"})
    assert s.finish() == 1
    # The client goes away with a document open: end of input, the server stops (1: no shutdown).
    s = Raw()
    s.initialize(workspace)
    s.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri(workspace / "company.okr"), "languageId": "okr", "version": 1, "text": (workspace / "company.okr").read_text()}}})
    s.p.stdin.close()
    assert s.finish() == 1
    # The client closes our output too, while we have things to write: no crash (no SIGPIPE death), exit 1.
    p = subprocess.Popen([BINARY, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}).encode()
    try:
        p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        p.stdin.flush()
    except BrokenPipeError:
        pass
    assert p.wait(timeout=10) == 1


async def test_a_100000_line_document(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "huge.okr"
    lines = ["# Huge team OKRs", "", "- okr: 1", "- team: huge", "- period: 2026-Q4", "- owner: @h", ""]
    o = 0
    while len(lines) < 100_000:
        o += 1
        lines += [f"## O{o}: Objective number {o} 😀", "- owner: @h", "", f"### KR{o}.1: Grow thing {o}",
                  "- metric: 10 -> 20 things", "- current: 15 things", "- confidence: 0.5", "- owner: @h", ""]
    text = "\n".join(lines) + "\n"
    assert text.count("\n") >= 100_000
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri(path), language_id="okr", version=1, text=text)))
    started = time.time()
    while uri(path) not in client.diagnostics:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert time.time() - started < 60
    assert any(d.code == "too-many-objectives" for d in client.diagnostics[uri(path)])
    # An edit near the end, then a request that reads the new tree.
    last = len(lines) - 1
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=last, character=0), end=types.Position(line=last, character=0)),
            text="## Check-ins\n- 2026-11-20 KR1.1: 16 things\n")]))
    loc = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=types.Position(line=last + 1, character=14)))
    assert loc.range.start.line == 10


async def test_1000_changes_in_a_burst_are_applied_in_order_and_published_coalesced(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    text = path.read_text()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri(path), language_id="okr", version=0, text=text)))
    # Type "Deploys" one character at a time at the end of O1's title, then delete it again: 1,000 changes.
    title_line = text.split("\n").index("## O1: Make deploys boring")
    col = len("## O1: Make deploys boring")
    word = " Deploys!" * 56 + "xxxxxxxx"  # 56 words typed (504 characters)...  # 504 characters typed...
    version = 0
    for i, ch in enumerate(word):
        version += 1
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=title_line, character=col + i), end=types.Position(line=title_line, character=col + i)),
                text=ch)]))
    for i in reversed(range(len(word) - 8, len(word))):  # ...and the last 8 deleted...
        version += 1
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=title_line, character=col + i), end=types.Position(line=title_line, character=col + i + 1)),
                text="")]))
    while version < 1000:  # ...then a space added and removed until 1,000 changes.
        version += 1
        at = types.Position(line=title_line, character=col + len(word) - 8)
        end = at if version % 2 else types.Position(line=title_line, character=at.character + 1)
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=at, end=end), text=" " if version % 2 else "")]))
    assert version == 1000
    seen = []
    while True:
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri(path):
            seen.append(params.version)
            if params.version == 1000:
                break
    # Coalesced: far fewer publications than changes, the last for the last version.
    assert len(seen) < 100, seen
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path))))
    assert symbols[0].name == "O1: Make deploys boring" + " Deploys!" * 56
    # What was published last is for the final text: the title has 3 + 56 words now.
    messages = [d.message for d in client.diagnostics[uri(path)] if d.code == "objective-too-long"]
    assert len(messages) == 1 and "59 words" in messages[0], messages

"""Issue 20, hostile input: okrlint lsp under a client that sends broken frames, text made to inject Markdown, and a
buffer where every line is a finding.

- Frames: a rejected header must not take the later messages with it. The server resynchronises (skips the body
  when its length is known, else reads on from the next `Content-Length:`), reports the header once, and answers
  every request that follows. The raw bytes are written to the server's standard input through the pytest-lsp
  client's own pipe, between messages of that client, so the answers are read by the client as any other.
- Hover: titles and owners from files are read back with a CommonMark renderer (markdown-it-py, GFM-like, linkify
  on): no link, image or HTML may come out of them.
- Memory: the peak growth for a buffer full of findings, against the size of the diagnostics it is sent.

Needs: pip install pytest-lsp markdown-it-py linkify-it-py
"""
import asyncio
import json

import pytest
import pytest_lsp
from lsprotocol import types
from markdown_it import MarkdownIt  # pip install markdown-it-py linkify-it-py
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import BINARY, start, uri
from test_lsp import position_of
from test_robustness import Raw


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


# ---- Markdown injection through hover (read with a real CommonMark renderer: markdown-it-py, GFM-like, linkify on)

PAYLOADS = ["![x](https://e.invalid/t.png)", "<img src=x>", "https://e.invalid", "www.e.invalid", "[a](javascript:x)",
            "<https://e.invalid>", "a@b.com", "evil.com", "&lt;b&gt;", "`code`", "*em* _em_ ~~s~~"]
BAD = " ".join(PAYLOADS)
RENDERER = MarkdownIt("gfm-like", {"linkify": True, "html": True})


def rendered(markdown):
    """What a renderer makes of the hover: the kinds of element it builds, and the text it shows."""
    kinds, text = set(), []

    def walk(tokens):
        for t in tokens:
            kinds.add(t.type)
            if t.type in ("text", "code_inline"):
                text.append(t.content)
            elif t.type in ("softbreak", "hardbreak", "paragraph_close"):
                text.append("\n")
            if t.children:
                walk(t.children)
    walk(RENDERER.parse(markdown))
    return kinds, "".join(text)


async def hover_at(client, path, text, needle, after):
    result = await asyncio.wait_for(client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=position_of(text, needle, after))), 10)
    assert result is not None and result.contents.kind == types.MarkupKind.Markdown
    return result.contents.value


async def test_hover_renders_titles_and_owners_from_files_as_text(client, workspace):
    company = workspace / "company.okr"
    ctext = company.read_text()
    ctext = ctext.replace("## O1: Become the default choice for mid-market teams", "## O1: Grow " + BAD, 1)
    ctext = ctext.replace("- owner: @ceo-maria\n- type: aspirational", "- owner: @ceo " + BAD + "\n- type: aspirational", 1)
    ctext = ctext.replace("### KR1.1: Grow net new mid-market accounts", "### KR1.1: Sign " + BAD, 1)
    ctext = ctext.replace("- owner: @vp-sales-ken", "- owner: @ken " + BAD, 1)
    company.write_text(ctext)
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    text = path.read_text().replace("- aligns: company/O2", "- aligns: company/O1", 1)
    text = text.replace("## O2: Keep the API dependable under peak load\n- owner: @mei", "## O2: Keep the API dependable under peak load\n- owner: @mei\n- aligns: company/KR1.1", 1)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri(path), language_id="okr", version=1, text=text)))
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri(company), language_id="okr", version=1, text=ctext)))
    hovers = {
        "link to an objective": await hover_at(client, path, text, "company/O1", 3),
        "link to a key result": await hover_at(client, path, text, "company/KR1.1", 10),
        "an objective's own heading": await hover_at(client, company, ctext, "## O1", 3),
        "a key result's own heading": await hover_at(client, company, ctext, "### KR1.1", 5),
    }
    for where, value in hovers.items():
        kinds, shown = rendered(value)
        made = kinds & {"link_open", "image", "html_inline", "html_block", "s_open", "em_open"}
        assert not made, f"{where}: the hover renders {made}:\n{value}"
        # Every payload is shown as the text it is, in the title and in the owner.
        assert shown.count(BAD) >= 2, f"{where}:\n{shown}"
    assert "Grow " + BAD in rendered(hovers["link to an objective"])[1]
    assert "owner: @ceo " + BAD in rendered(hovers["link to an objective"])[1]
    assert "KR1.1: Sign " + BAD in rendered(hovers["link to a key result"])[1]
    assert "owner: @ken " + BAD in rendered(hovers["link to a key result"])[1]


# ---- memory: a buffer where every line is a finding

def rss_mb(pid, field):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_a_buffer_with_a_finding_on_every_line_costs_a_few_times_its_diagnostics(workspace):
    """Opening a buffer with 60,000 findings: the server's peak memory growth stays within 6 times the size of the
    diagnostics message it sends (before, every finding was copied into two caches and the message built as a tree
    of values first, then copied twice more to be framed: 8 times)."""
    s = Raw(cwd=workspace)
    s.initialize(workspace)
    base = rss_mb(s.p.pid, "VmRSS")
    path = workspace / "many.okr"
    text = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n- owner: @t\n\n## O1: A\n- owner: @t\n" + "- ownr: x\n" * 60_000
    s.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri(path), "languageId": "okr", "version": 1, "text": text}}})
    while True:
        m = s.next(timeout=120)
        assert m is not None
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri(path):
            break
    diagnostics = m["params"]["diagnostics"]
    assert len(diagnostics) > 60_000
    size_mb = len(json.dumps(m, separators=(",", ":"), ensure_ascii=False).encode()) / 2**20
    growth = rss_mb(s.p.pid, "VmHWM") - base
    assert growth < 6 * size_mb, f"peak grew {growth:.0f} MB for a {size_mb:.0f} MB message"
    s.request(2, "shutdown")
    s.answer(2)
    s.send({"jsonrpc": "2.0", "method": "exit"})
    assert s.finish() == 0

"""okrlint lsp end to end, driven by pytest-lsp (a client we did not write) over the built binary.

Run: pip install pytest-lsp && swift build && python3 -m pytest -q editors/tests
"""
import asyncio
import pathlib

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import BINARY, start, uri

DOCS = "https://github.com/okrlint/okrlint/blob/main/docs/rules.md#"


def open_doc(client, path: pathlib.Path, text=None, version=1):
    text = path.read_text() if text is None else text
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri(path), language_id="okr", version=version, text=text)))
    return text


def change(client, path, version, changes):
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
        content_changes=changes))


async def diagnostics(client, path, until=lambda ds: True, timeout=10.0):
    """The latest diagnostics published for `path` that satisfy `until`."""
    key = uri(path)
    async def wait():
        while True:
            if key in client.diagnostics and until(client.diagnostics[key]):
                return client.diagnostics[key]
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return await asyncio.wait_for(wait(), timeout)


def codes(ds):
    return sorted(d.code for d in ds)


def utf16_offset(text, line, character):
    lines = text.split("\n")
    prefix = sum(len(l) + 1 for l in lines[:line])
    chars = 0
    units = 0
    for ch in lines[line] if line < len(lines) else "":
        if units >= character:
            break
        units += 2 if ord(ch) > 0xFFFF else 1
        chars += 1
    return prefix + chars


def apply(text, edits):
    """Applies LSP text edits (UTF-16 positions, as the server was told)."""
    spans = [(utf16_offset(text, e.range.start.line, e.range.start.character),
              utf16_offset(text, e.range.end.line, e.range.end.character), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def position_of(text, needle, after=0):
    i = text.index(needle) + after
    line = text[:i].count("\n")
    col = i - (text.rfind("\n", 0, i) + 1)
    return types.Position(line=line, character=len(text[i - col:i].encode("utf-16-le")) // 2)


# ---- initialize and position encoding

async def test_initialize_advertises_features_and_utf16_by_default(client, workspace):
    result = await start(client, workspace)
    caps = result.capabilities
    assert caps.position_encoding == types.PositionEncodingKind.Utf16
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert list(caps.code_action_provider.code_action_kinds) == ["quickfix", "source.fixAll.okrlint"]
    for name in ("definition_provider", "references_provider", "hover_provider", "document_symbol_provider",
                 "workspace_symbol_provider", "folding_range_provider", "document_formatting_provider"):
        assert getattr(caps, name), name
    assert caps.diagnostic_provider is None  # no pull support offered: diagnostics are pushed
    assert result.server_info.name == "okrlint"
    # After `initialized`, the server registers its file watchers.
    for _ in range(50):
        if client.registrations:
            break
        await asyncio.sleep(0.05)
    [reg] = client.registrations
    assert reg.method == "workspace/didChangeWatchedFiles"
    assert sorted(w["globPattern"] if isinstance(w, dict) else w.glob_pattern for w in reg.register_options["watchers"]) == ["**/*.okr", "**/*.okr.md", "**/.okrlint.json"]


async def test_utf8_is_chosen_when_offered_and_used_for_positions(client, workspace):
    result = await start(client, workspace, utf8=True)
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    path = workspace / "emoji.okr"
    text = "# Emoji 😀 OKRs\n\n- okr: 1\n- team: emoji\n- period: 2026-Q4\n- owner: @e\n\n## O1: Grow 漢字 e\u0301 Bad\n- owner: @e\n"
    open_doc(client, path, text)
    # "Bad" in UTF-8 bytes on its line: `## O1: Grow ` (12) + 漢字 (6) + ` e` (2) + U+0301 (2) + ` ` (1) = 23.
    change(client, path, 2, [types.TextDocumentContentChangePartial(
        range=types.Range(start=types.Position(line=7, character=23), end=types.Position(line=7, character=26)), text="Good")])
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path))))
    assert symbols[0].name == "O1: Grow 漢字 e\u0301 Good"


async def test_incremental_utf16_changes_after_emoji_cjk_and_combining_marks(client, workspace):
    await start(client, workspace)
    path = workspace / "emoji.okr"
    text = "# Emoji OKRs\n\n- okr: 1\n- team: emoji\n- period: 2026-Q4\n- owner: @e\n\n## O1: 😀 漢 e\u0301 Bad\n- owner: @e\n"
    open_doc(client, path, text)
    # UTF-16: `## O1: ` (7) + 😀 (2) + ` 漢 ` (3) + e + U+0301 (2) + ` ` (1) = 15.
    start_pos = position_of(text, "Bad")
    assert start_pos.character == 15
    change(client, path, 2, [types.TextDocumentContentChangePartial(
        range=types.Range(start=start_pos, end=types.Position(line=7, character=18)), text="Good")])
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path))))
    assert symbols[0].name == "O1: 😀 漢 e\u0301 Good"
    # A full-text change replaces everything.
    change(client, path, 3, [types.TextDocumentContentChangeWholeDocument(text=text.replace("Bad", "Full"))])
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path))))
    assert symbols[0].name == "O1: 😀 漢 e\u0301 Full"


# ---- diagnostics

async def test_diagnostics_pushed_on_open_with_code_docs_severity_and_source(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "orphan.okr"
    path.write_text((pathlib.Path(__file__).parents[2] / "samples/pitfalls/orphaned-initiative.okr").read_text())
    open_doc(client, path)
    ds = await diagnostics(client, path, lambda ds: len(ds) > 0)
    d = next(d for d in ds if d.code == "orphaned-initiative")
    assert d.source == "okrlint"
    assert d.severity == types.DiagnosticSeverity.Warning
    assert d.code_description.href == DOCS + "orphaned-initiative"
    assert d.range.start.line == 13 and d.range.start.character == 0
    assert "Rewrite the deploy scripts" in d.message


async def test_diagnostics_follow_changes_and_saves(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    text = open_doc(client, path)
    assert list(await diagnostics(client, path)) == []
    broken = text.replace("- owner: @dana\n- aligns: company/O2", "- owner: @dana\n- aligns: company/O2\n- ownr: @x", 1)
    change(client, path, 2, [types.TextDocumentContentChangeWholeDocument(text=broken)])
    ds = await diagnostics(client, path, lambda ds: len(ds) > 0)
    assert "unknown-key" in codes(ds)
    change(client, path, 3, [types.TextDocumentContentChangeWholeDocument(text=text)])
    assert list(await diagnostics(client, path, lambda ds: len(ds) == 0)) == []
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri(path))))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[uri(path)]) == []


async def test_editing_the_company_file_rechecks_open_team_files(client, workspace):
    await start(client, workspace)
    team = workspace / "teams" / "platform.okr"
    company = workspace / "company.okr"
    open_doc(client, team)
    company_text = open_doc(client, company)
    assert list(await diagnostics(client, team)) == []
    # Renaming the company's O2 breaks the platform team's `aligns: company/O2`.
    change(client, company, 2, [types.TextDocumentContentChangeWholeDocument(text=company_text.replace("## O2:", "## O9:"))])
    ds = await diagnostics(client, team, lambda ds: "broken-alignment" in codes(ds))
    d = next(d for d in ds if d.code == "broken-alignment")
    assert d.severity == types.DiagnosticSeverity.Error
    change(client, company, 3, [types.TextDocumentContentChangeWholeDocument(text=company_text)])
    await diagnostics(client, team, lambda ds: len(ds) == 0)


async def test_related_information_points_into_the_other_file(client, workspace):
    await start(client, workspace)
    copy = workspace / "teams" / "platform-copy.okr"
    copy.write_text((workspace / "teams" / "platform.okr").read_text())
    path = workspace / "teams" / "platform.okr"
    open_doc(client, path)
    ds = await diagnostics(client, path, lambda ds: "duplicate-team-id" in codes(ds))
    d = next(d for d in ds if d.code == "duplicate-team-id")
    rel = d.related_information[0]
    assert rel.location.uri == uri(copy)
    assert rel.location.range.start == types.Position(line=9, character=3)
    assert "also defined here" in rel.message


async def test_pull_diagnostics_when_the_client_supports_them(client, workspace):
    result = await start(client, workspace, pull=True)
    assert result.capabilities.diagnostic_provider.inter_file_dependencies is True
    path = workspace / "teams" / "platform.okr"
    text = open_doc(client, path)
    open_doc(client, path, text.replace("- owner: @raj", "- owner: @raj\n- ownr: @x", 1), version=2)
    report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path))))
    assert report.kind == "full"
    assert [d.code for d in report.items] == ["unknown-key"]
    assert uri(path) not in client.diagnostics  # nothing pushed in pull mode


async def test_watched_files_and_config_changes_are_picked_up(client, workspace):
    await start(client, workspace)
    team = workspace / "teams" / "platform.okr"
    text = team.read_text().replace("company/O2", "company/O4", 1)
    open_doc(client, team, text)
    await diagnostics(client, team, lambda ds: "broken-alignment" in codes(ds))
    # A new company file on disk defines O4... (the buffer is not open: the disk is read)
    company = workspace / "company.okr"
    company.write_text(company.read_text().replace("## O3:", "## O4:"))
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=uri(company), type=types.FileChangeType.Changed)]))
    await diagnostics(client, team, lambda ds: "broken-alignment" not in codes(ds))
    # ...and a config that turns a rule off applies without a restart.
    open_doc(client, team, text.replace("company/O4", "company/O4\n- ownr: x", 1), version=5)
    await diagnostics(client, team, lambda ds: "unknown-key" in codes(ds))
    (workspace / ".okrlint.json").write_text('{"today": "2026-11-25", "rules": {"unknown-key": "off"}}\n')
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=uri(workspace / ".okrlint.json"), type=types.FileChangeType.Changed)]))
    await diagnostics(client, team, lambda ds: "unknown-key" not in codes(ds))


# ---- code actions and formatting

async def code_actions(client, path, rng, only=None):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), range=rng,
        context=types.CodeActionContext(diagnostics=[], only=only)))


async def test_quick_fix_from_a_rule_fix_is_preferred_and_applies(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    text = path.read_text().replace("- owner: @raj", "- Owner: @raj", 1)
    open_doc(client, path, text)
    await diagnostics(client, path, lambda ds: len(ds) > 0)
    pos = position_of(text, "- Owner")
    actions = await code_actions(client, path, types.Range(start=pos, end=pos))
    fixes = [a for a in actions if a.kind == "quickfix" and a.is_preferred]
    assert fixes, actions
    fixed = apply(text, fixes[0].edit.changes[uri(path)])
    assert "- owner: @raj" in fixed and "- Owner" not in fixed
    change(client, path, 2, [types.TextDocumentContentChangeWholeDocument(text=fixed)])
    await diagnostics(client, path, lambda ds: len(ds) == 0)


async def test_fix_all_applies_every_safe_fix(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    text = path.read_text().replace("- owner: @raj", "- Owner: @raj").replace("- confidence:", "- Confidence:")
    open_doc(client, path, text)
    actions = await code_actions(client, path, types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
                                 only=["source.fixAll"])
    assert [a.kind for a in actions] == ["source.fixAll.okrlint"]
    assert apply(text, actions[0].edit.changes[uri(path)]) == path.read_text()


async def test_disable_for_this_line_inserts_a_suppression_that_works(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    text = path.read_text().replace("- owner: @raj", "- owner: @raj\n- ownr: @x", 1)
    open_doc(client, path, text)
    await diagnostics(client, path, lambda ds: "unknown-key" in codes(ds))
    pos = position_of(text, "- ownr")
    actions = await code_actions(client, path, types.Range(start=pos, end=pos), only=["quickfix"])
    disable = next(a for a in actions if a.title == "Disable unknown-key for this line")
    fixed = apply(text, disable.edit.changes[uri(path)])
    assert "<!-- okrlint-disable-next-line unknown-key -->\n- ownr: @x" in fixed
    change(client, path, 2, [types.TextDocumentContentChangeWholeDocument(text=fixed)])
    await diagnostics(client, path, lambda ds: len(ds) == 0)


async def test_formatting_gives_what_okrlint_fmt_gives(client, workspace):
    import subprocess
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    messy = path.read_text().replace("## O1:", "\n\n\n## O1:").replace("- owner: @dana\n- aligns", "- aligns: company/O2\n- owner: @dana\n- xaligns", 1)
    open_doc(client, path, messy)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert edits
    expected = subprocess.run([BINARY, "fmt", "-"], input=messy.encode(), capture_output=True).stdout.decode()
    assert apply(messy, edits) == expected
    assert expected != messy


# ---- navigation

async def test_document_symbols_are_objectives_with_their_key_results(client, workspace):
    await start(client, workspace)
    path = workspace / "company.okr"
    open_doc(client, path)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path))))
    assert [s.name for s in symbols] == ["O1: Become the default choice for mid-market teams",
                                         "O2: Make the product fast and dependable",
                                         "O3: Make customers successful without waiting on us"]
    assert [c.name for c in symbols[0].children] == ["KR1.1: Grow net new mid-market accounts", "KR1.2: Raise trial-to-paid conversion"]
    assert symbols[0].kind == types.SymbolKind.Class and symbols[0].children[0].kind == types.SymbolKind.Property
    assert symbols[0].detail == "@ceo-maria"


async def test_folding_ranges_cover_objectives_and_key_results(client, workspace):
    await start(client, workspace)
    path = workspace / "company.okr"
    text = open_doc(client, path)
    ranges = await client.text_document_folding_range_async(types.FoldingRangeParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path))))
    lines = text.split("\n")
    starts = {r.start_line for r in ranges}
    assert lines.index("## O1: Become the default choice for mid-market teams") in starts
    assert lines.index("### KR1.1: Grow net new mid-market accounts") in starts
    o1 = next(r for r in ranges if r.start_line == lines.index("## O1: Become the default choice for mid-market teams"))
    assert lines[o1.end_line] == "- owner: @vp-growth-ana"


async def test_definition_jumps_from_aligns_to_the_company_objective(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    text = open_doc(client, path)
    loc = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=position_of(text, "company/O2", 9)))
    assert loc.uri == uri(workspace / "company.okr")
    company = (workspace / "company.okr").read_text().split("\n")
    assert company[loc.range.start.line].startswith("## O2: Make the product fast")


async def test_definition_of_kr_references_and_check_in_ids(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "growth.okr"
    text = path.read_text() + "\n## Initiatives\n- [ ] Pricing page test @ana kr:KR2.1\n"
    text = text.replace("## Initiatives", "## Initiatives", 1)
    open_doc(client, path, text)
    lines = text.split("\n")
    loc = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=position_of(text, "kr:KR2.1", 4)))
    assert lines[loc.range.start.line].startswith("### KR2.1:")
    checkin = next(i for i, l in enumerate(lines) if l.startswith("- 2026-") and " KR1." in l)
    kr = lines[checkin].split()[2].rstrip(":")
    loc = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=types.Position(line=checkin, character=14)))
    assert lines[loc.range.start.line].startswith(f"### {kr}:")


async def test_references_of_a_company_objective_are_the_team_links(client, workspace):
    await start(client, workspace)
    path = workspace / "company.okr"
    text = open_doc(client, path)
    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=position_of(text, "O1: Become", 1),
        context=types.ReferenceContext(include_declaration=False)))
    expected = set()
    for team in (workspace / "teams").glob("*.okr"):
        for i, line in enumerate(team.read_text().split("\n")):
            if "company/O1" in line and line.startswith("- aligns:"):
                expected.add((uri(team), i))
    assert expected
    assert {(r.uri, r.range.start.line) for r in refs} == expected


async def test_hover_on_a_link_shows_the_objective_owner_progress_and_band(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    text = open_doc(client, path)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=position_of(text, "company/O2", 3)))
    value = hover.contents.value
    assert "O2: Make the product fast and dependable" in value
    assert "owner: @cto-ivan" in value
    assert "progress: 0." in value and any(b in value for b in ("(red)", "(yellow)", "(green)"))


async def test_hover_on_a_rule_id_in_a_suppression_comment(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    text = path.read_text().replace("## O1:", "<!-- okrlint-disable-next-line missing-owner -->\n## O1:", 1)
    open_doc(client, path, text)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=position_of(text, "missing-owner", 3)))
    assert hover.contents.value.startswith("**missing-owner**")
    assert DOCS + "missing-owner" in hover.contents.value


async def complete(client, path, text, needle, after):
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=position_of(text, needle, after)))
    return [i.label for i in result.items], result.items


async def test_completion_of_keys_links_key_results_and_rule_ids(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    base = path.read_text()
    text = base.replace("- owner: @raj", "- owner: @raj\n- conf", 1)
    open_doc(client, path, text)
    labels, items = await complete(client, path, text, "- conf\n", 6)
    assert "confidence" in labels and "aligns" not in labels
    conf = next(i for i in items if i.label == "confidence")
    assert apply(text, [conf.text_edit]).count("- confidence: \n") == 1
    text2 = base.replace("- aligns: company/O2", "- aligns: comp", 1)
    open_doc(client, path, text2, version=2)
    labels, _ = await complete(client, path, text2, "- aligns: comp", 14)
    assert "company/O1" in labels and "growth/O1" in labels
    text3 = base + "\n## Initiatives\n- [ ] Something @dana kr:K\n"
    open_doc(client, path, text3, version=3)
    labels, _ = await complete(client, path, text3, "kr:K", 4)
    assert "KR1.1" in labels and "KR2.1" in labels
    text4 = base.replace("## O1:", "<!-- okrlint-disable-next-line miss -->\n## O1:", 1)
    open_doc(client, path, text4, version=4)
    labels, _ = await complete(client, path, text4, "line miss", 9)
    assert "missing-owner" in labels and "syntax-error" not in labels
    checkin_text = base.rstrip("\n") + "\n- 2026-11-24 KR\n"
    open_doc(client, path, checkin_text, version=5)
    labels, _ = await complete(client, path, checkin_text, "- 2026-11-24 KR", 15)
    assert "KR1.1" in labels


async def test_workspace_symbols_find_objectives_across_files(client, workspace):
    await start(client, workspace)
    open_doc(client, workspace / "company.okr")
    symbols = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="boring"))
    names = [s.name for s in symbols]
    assert "platform/O1: Make deploys boring" in names
    s = next(s for s in symbols if s.name == "platform/O1: Make deploys boring")
    assert s.location.uri == uri(workspace / "teams" / "platform.okr")
    assert (workspace / "teams" / "platform.okr").read_text().split("\n")[s.location.range.start.line].startswith("## O1:")


async def test_pull_mode_asks_for_a_refresh_when_another_file_changes(client, workspace):
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(diagnostic=types.DiagnosticClientCapabilities()),
            workspace=types.WorkspaceClientCapabilities(diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=True))),
        root_uri=uri(workspace))
    await client.initialize_session(params)
    team, company = workspace / "teams" / "platform.okr", workspace / "company.okr"
    open_doc(client, team)
    company_text = open_doc(client, company)
    before = client.diagnostic_refresh_count
    change(client, company, 2, [types.TextDocumentContentChangeWholeDocument(text=company_text.replace("## O2:", "## O9:"))])
    for _ in range(100):
        if client.diagnostic_refresh_count > before:
            break
        await asyncio.sleep(0.05)
    assert client.diagnostic_refresh_count > before
    report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri(team))))
    assert "broken-alignment" in [d.code for d in report.items]


async def test_references_of_a_key_result_from_a_check_in(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "growth.okr"
    text = path.read_text() + "\n## Initiatives\n- [ ] Pricing page test @ana kr:KR1.1\n"
    open_doc(client, path, text)
    lines = text.split("\n")
    checkin = next(i for i, l in enumerate(lines) if l.startswith("- 2026-") and " KR1.1:" in l)
    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=types.Position(line=checkin, character=14),
        context=types.ReferenceContext(include_declaration=True)))
    found = sorted(r.range.start.line for r in refs)
    expected = sorted([lines.index(next(l for l in lines if l.startswith("### KR1.1:")))]
                      + [i for i, l in enumerate(lines) if l.startswith("- 2026-") and " KR1.1:" in l]
                      + [i for i, l in enumerate(lines) if l.endswith("kr:KR1.1")])
    assert found == expected and len(found) >= 3
    assert all(r.uri == uri(path) for r in refs)


async def test_a_link_to_a_key_result_and_hover_on_it(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    text = path.read_text().replace("- aligns: company/O2", "- aligns: company/KR2.1", 1)
    open_doc(client, path, text)
    pos = position_of(text, "company/KR2.1", 10)
    loc = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=pos))
    company = (workspace / "company.okr").read_text().split("\n")
    assert company[loc.range.start.line].startswith("### KR2.1: Raise API availability")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=pos))
    assert "KR2.1: Raise API availability" in hover.contents.value and "progress: " in hover.contents.value
    # A link to nothing: no definition, and the hover says so.
    broken = text.replace("company/KR2.1", "company/O7", 1)
    open_doc(client, path, broken, version=2)
    pos = position_of(broken, "company/O7", 9)
    assert await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=pos)) is None
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=pos))
    assert "not found" in hover.contents.value


async def test_completion_of_suppression_directives(client, workspace):
    await start(client, workspace)
    path = workspace / "teams" / "platform.okr"
    text = path.read_text().replace("## O1:", "<!-- okrlint-dis\n## O1:", 1)
    open_doc(client, path, text)
    labels, items = await complete(client, path, text, "<!-- okrlint-dis", 16)
    assert "okrlint-disable-next-line" in labels and "okrlint-enable" in labels
    item = next(i for i in items if i.label == "okrlint-disable-next-line")
    assert "\n<!-- okrlint-disable-next-line\n## O1:" in apply(text, [item.text_edit])


async def test_pull_diagnostics_answer_unchanged_for_the_same_result_id(client, workspace):
    await start(client, workspace, pull=True)
    path = workspace / "teams" / "platform.okr"
    text = open_doc(client, path, (workspace / "teams" / "platform.okr").read_text().replace("- owner: @raj", "- ownr: @raj", 1))
    ident = types.TextDocumentIdentifier(uri=uri(path))
    first = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=ident))
    assert first.kind == "full" and first.result_id
    again = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=ident, previous_result_id=first.result_id))
    assert again.kind == "unchanged" and again.result_id == first.result_id
    change(client, path, 2, [types.TextDocumentContentChangeWholeDocument(text=text.replace("- ownr:", "- owner:"))])
    after = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=ident, previous_result_id=first.result_id))
    assert after.kind == "full" and after.result_id != first.result_id and list(after.items) == []

#!/usr/bin/env python3
"""Latency of `okrlint lsp` (a benchmark, not a timed test; numbers go to BENCHMARKS.md).

Measures, over a raw stdio client (no framework in the way):
  1. start-up: process start to the `initialize` answer;
  2. a 2,000-line document: one-character `didChange` to its `publishDiagnostics`, each change waited for;
  3. a team file in a 1,000-team workspace (bench/gen.py): the same, with the rules across files.

    bench/lsp.py [--binary .build/release/okrlint] [--changes 200] [--teams 1000] [--cases document,workspace]
"""
import argparse
import json
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Client:
    def __init__(self, binary, cwd):
        self.p = subprocess.Popen([binary, "lsp", "--today", "2026-11-25"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, cwd=cwd)
        self.buf = b""
        self.next_id = 1

    def send(self, obj):
        body = json.dumps(obj).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        fd = self.p.stdout.fileno()
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end >= 0:
                n = int(self.buf[16:end])
                if len(self.buf) >= end + 4 + n:
                    body = self.buf[end + 4:end + 4 + n]
                    self.buf = self.buf[end + 4 + n:]
                    return json.loads(body)
            select.select([fd], [], [])
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise EOFError
            self.buf += chunk

    def request(self, method, params):
        i = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == i and "method" not in m:
                return m

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics_for(self, uri, version):
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri and m["params"].get("version") == version:
                return m["params"]["diagnostics"]

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.p.stdin.close()
        self.p.wait()


def initialize(c, root):
    return c.request("initialize", {"capabilities": {}, "rootUri": "file://" + root, "processId": os.getpid()})


def two_thousand_lines(findings=False):
    """A 2,000-line team file shaped like the generated ones: objectives with two measured key results, tasks and
    check-ins (few findings); with `findings`, objectives of one key result and no check-ins (447 findings)."""
    lines = ["# Bench team OKRs 2026-Q4", "", "- okr: 1", "- team: bench", "- period: 2026-Q4", "- owner: @b", ""]
    checkins = []
    o = 0
    while len(lines) + len(checkins) < 1990:
        o += 1
        lines += [f"## O{o}: Make deploys boring number {o}", "- owner: @b", ""]
        for k in (1,) if findings else (1, 2):
            lines += [f"### KR{o}.{k}: Cut median deploy time {o}", "- metric: 45 -> 15 min", "- current: 24 min",
                      "- confidence: 0.6", "- owner: @b"]
            if not findings:
                lines += [f"- [ ] Cache the build step {o}.{k} @b due:2026-12-10"]
                checkins.append(f"- 2026-11-20 KR{o}.{k}: 24 min, confidence 0.6")
            lines.append("")
    if checkins:
        lines += ["## Check-ins"] + checkins
    return "\n".join(lines[:2000]) + "\n"


def cpu_ms(pid):
    """User + system CPU time of a process so far (Linux), in milliseconds."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def typing(c, uri, text, changes, line):
    """Types `changes` characters at the end of `line`, one change at a time, each waited for."""
    col = len(text.split("\n")[line])
    times = []
    cpu0 = cpu_ms(c.p.pid)
    for v in range(2, changes + 2):
        t0 = time.perf_counter()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v}, "contentChanges": [
            {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": "x"}]})
        c.diagnostics_for(uri, v)
        times.append((time.perf_counter() - t0) * 1000)
        col += 1
    print(f"  server CPU per change (user + system, mean): {(cpu_ms(c.p.pid) - cpu0) / changes:.2f} ms")
    return times


def summary(name, ms):
    ms = sorted(ms)
    print(f"{name}: median {statistics.median(ms):.2f} ms, p90 {ms[int(len(ms) * 0.9)]:.2f} ms, min {ms[0]:.2f} ms, "
          f"max {ms[-1]:.2f} ms ({len(ms)} samples)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/okrlint"))
    ap.add_argument("--changes", type=int, default=200)
    ap.add_argument("--teams", type=int, default=1000)
    ap.add_argument("--starts", type=int, default=30)
    ap.add_argument("--cases", default="start,document,findings,workspace",
                    help="which measures to run, comma-separated (start, document, findings, workspace)")
    a = ap.parse_args()
    a.binary = os.path.abspath(a.binary)
    if not os.path.exists(a.binary):
        sys.exit(f"{a.binary} missing: swift build -c release --product okrlint")
    work = tempfile.mkdtemp(prefix="okrlint-lsp-bench-")
    with open(os.path.join(work, ".okrlint.json"), "w") as f:
        f.write('{"today": "2026-11-25"}\n')

    cases = set(a.cases.split(","))
    starts = []
    for _ in range(a.starts if "start" in cases else 0):
        t0 = time.perf_counter()
        c = Client(a.binary, work)
        initialize(c, work)
        starts.append((time.perf_counter() - t0) * 1000)
        c.close()
    if starts:
        summary("start-up to the initialize answer", starts)

    for findings in (False, True):
        if ("findings" if findings else "document") not in cases:
            continue
        c = Client(a.binary, work)
        initialize(c, work)
        c.notify("initialized", {})
        text = two_thousand_lines(findings)
        path = os.path.join(work, "bench.okr")
        with open(path, "w") as f:
            f.write(text)
        uri = "file://" + path
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "okr", "version": 1, "text": text}})
        n = len(c.diagnostics_for(uri, 1))
        line = next(i for i, l in enumerate(text.split("\n")) if i > 1000 and l.startswith("## O"))
        summary(f"2,000-line document with {n} findings, didChange to publishDiagnostics", typing(c, uri, text, a.changes, line))
        c.close()

    if "workspace" not in cases:
        return
    org = os.path.join(work, "org")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench/gen.py"), str(a.teams), org], check=True, stdout=subprocess.DEVNULL)
    okr = os.path.join(org, "okr")
    with open(os.path.join(okr, ".okrlint.json"), "w") as f:
        f.write('{"today": "2026-11-25"}\n')
    team = next(os.path.join(dp, n) for dp, _, fs in sorted(os.walk(okr)) for n in sorted(fs) if n.endswith(".okr") and "company" not in n)
    c = Client(a.binary, okr)
    initialize(c, okr)
    c.notify("initialized", {})
    text = open(team).read()
    uri = "file://" + team
    t0 = time.perf_counter()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "okr", "version": 1, "text": text}})
    c.diagnostics_for(uri, 1)
    print(f"{a.teams}-team workspace: first diagnostics (reads and summarises every file) {(time.perf_counter() - t0) * 1000:.1f} ms")
    line = next(i for i, l in enumerate(text.split("\n")) if l.startswith("## O"))
    summary(f"team file in a {a.teams}-team workspace, didChange to publishDiagnostics", typing(c, uri, text, a.changes, line))
    c.close()


if __name__ == "__main__":
    main()

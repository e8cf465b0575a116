#!/usr/bin/env python3
"""Peak memory of `okrlint lsp` holding a large buffer full of findings (issue 20; a benchmark, not a test).

Opens one buffer of `--mb` megabytes in which every line is a finding (`- ownr: x` under one objective: each line
repeats a key, a syntax error with a help text), waits for its diagnostics, then asks for a hover and the document
symbols (is the server still answering?), edits one line and waits for the new diagnostics. Prints, from
/proc/<pid>/status, the peak resident set (VmHWM) after each step and the resident set at the end.

    bench/lsp_memory.py [--binary .build/release/okrlint] [--mb 18] [--line '- ownr: x']
"""
import argparse
import json
import os
import select
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def status(pid, field):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # MB
    return 0.0


class Client:
    def __init__(self, binary, cwd):
        self.p = subprocess.Popen([binary, "lsp", "--today", "2026-11-25"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, cwd=cwd)
        self.buf = bytearray()
        self.next_id = 1
        self.received = 0

    def send(self, obj):
        body = json.dumps(obj).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self, timeout):
        fd = self.p.stdout.fileno()
        deadline = time.time() + timeout
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end >= 0:
                n = int(self.buf[16:end])
                if len(self.buf) >= end + 4 + n:
                    body = bytes(self.buf[end + 4:end + 4 + n])
                    del self.buf[:end + 4 + n]
                    self.received += n
                    return json.loads(body)
            left = deadline - time.time()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(fd, 1 << 22)
            if not chunk:
                raise EOFError
            self.buf += chunk

    def request(self, method, params, timeout):
        i = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        while True:
            m = self.read(timeout)
            if m.get("id") == i and "method" not in m:
                return m

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics_for(self, uri, version, timeout):
        while True:
            m = self.read(timeout)
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri and m["params"].get("version") == version:
                return m["params"]["diagnostics"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/okrlint"))
    ap.add_argument("--mb", type=float, default=18)
    ap.add_argument("--line", default="- ownr: x")
    ap.add_argument("--timeout", type=float, default=600)
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    if not os.path.exists(binary):
        sys.exit(f"{binary} missing: swift build -c release --product okrlint")
    work = tempfile.mkdtemp(prefix="okrlint-lsp-mem-")
    with open(os.path.join(work, ".okrlint.json"), "w") as f:
        f.write('{"today": "2026-11-25"}\n')
    head = "# T\n\n- okr: 1\n- team: t\n- period: 2026-Q4\n- owner: @t\n\n## O1: A\n- owner: @t\n"
    line = a.line + "\n"
    count = int((a.mb * 1e6 - len(head)) / len(line))
    text = head + line * count
    path = os.path.join(work, "big.okr")
    uri = "file://" + path

    c = Client(binary, work)
    pid = c.p.pid
    c.request("initialize", {"capabilities": {}, "rootUri": "file://" + work}, a.timeout)
    c.notify("initialized", {})
    base = status(pid, "VmRSS")
    print(f"{len(text) / 1e6:.1f} MB buffer, {count:,} lines of {a.line!r}; server RSS after initialize {base:.0f} MB")
    t0 = time.time()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "okr", "version": 1, "text": text}})
    try:
        n = len(c.diagnostics_for(uri, 1, a.timeout))
    except TimeoutError:
        print(f"no diagnostics within {a.timeout:.0f} s; peak RSS {status(pid, 'VmHWM'):.0f} MB")
        c.p.kill()
        return
    print(f"open -> diagnostics: {time.time() - t0:.1f} s, {n:,} diagnostics ({c.received / 1e6:.0f} MB received); "
          f"peak RSS {status(pid, 'VmHWM'):.0f} MB, RSS now {status(pid, 'VmRSS'):.0f} MB")
    t0 = time.time()
    c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 7, "character": 3}}, a.timeout)
    c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}}, a.timeout)
    print(f"hover + symbols: {time.time() - t0:.2f} s; peak RSS {status(pid, 'VmHWM'):.0f} MB")
    t0 = time.time()
    last = text.count("\n") - 1
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": last, "character": 0}, "end": {"line": last, "character": 0}}, "text": "x"}]})
    n = len(c.diagnostics_for(uri, 2, a.timeout))
    print(f"one edit -> diagnostics: {time.time() - t0:.1f} s, {n:,} diagnostics; peak RSS {status(pid, 'VmHWM'):.0f} MB, "
          f"RSS now {status(pid, 'VmRSS'):.0f} MB")
    c.request("shutdown", None, a.timeout)
    c.notify("exit", None)
    c.p.wait(timeout=60)


if __name__ == "__main__":
    main()

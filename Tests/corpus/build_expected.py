#!/usr/bin/env python3
"""Write expected.json for each set of the real-world corpus and the holdout.

The expectations live here as (file, target, rule, reason) rows; a target names a heading or a line
(`O2`, `KR1.3`, `init:<text>`, `L<n>`) and is resolved to the 1-based line of that heading in the set's
file, so the JSON files carry plain line numbers (what score.py and the corpus test compare).

usage: build_expected.py SETS_ROOT [SETS_ROOT...]   (writes SETS_ROOT/<set>/expected.json for the sets below)
"""
import json
import os
import re
import sys

from specs import SETS  # noqa: E402  (specs.py sits next to this file)


def resolve(setdir, fname, target):
    path = os.path.join(setdir, fname)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if target.startswith("L"):
        n = int(target[1:])
        assert 1 <= n <= len(lines), (fname, target)
        return n
    if target.startswith("init:"):
        text = target[5:]
        hits = [i + 1 for i, l in enumerate(lines) if re.match(r"- \[[ xX]\] ", l) and text in l]
        assert len(hits) == 1, (fname, target, hits)
        return hits[0]
    if target.startswith("KR"):
        pat = re.compile(r"^### " + re.escape(target) + r":")
    elif target.startswith("O"):
        pat = re.compile(r"^## " + re.escape(target) + r":")
    else:
        raise ValueError(target)
    hits = [i + 1 for i, l in enumerate(lines) if pat.match(l)]
    assert len(hits) == 1, (fname, target, hits)
    return hits[0]


def objectives(setdir, fname):
    with open(os.path.join(setdir, fname), encoding="utf-8") as f:
        return [m.group(1) for m in re.finditer(r"^## (O\d+):", f.read(), re.M)]


def expand(setdir, rows):
    out = []
    for row in rows:
        fname, target, rule, reason = row
        targets = objectives(setdir, fname) if target == "*O" else [target]
        for t in targets:
            out.append({"file": fname, "line": resolve(setdir, fname, t), "rule": rule, "reason": reason})
    out.sort(key=lambda e: (e["file"], e["line"], e["rule"]))
    return out


def main():
    roots = sys.argv[1:]
    if not roots:
        sys.exit(__doc__)
    written = 0
    for root in roots:
        for name in sorted(os.listdir(root)):
            setdir = os.path.join(root, name)
            if not os.path.isdir(setdir):
                continue
            if name not in SETS:
                print(f"warning: no spec for {setdir}", file=sys.stderr)
                continue
            spec = SETS[name]
            doc = {
                "source": spec["source"],
                "kind": spec["kind"],
                "expected": expand(setdir, spec.get("expected", [])),
                "acceptable": expand(setdir, spec.get("acceptable", [])),
            }
            keys = [(e["file"], e["line"], e["rule"]) for e in doc["expected"] + doc["acceptable"]]
            assert len(keys) == len(set(keys)), f"{name}: a finding is listed twice"
            with open(os.path.join(setdir, "expected.json"), "w", encoding="utf-8") as f:
                json.dump(doc, f, indent=2, ensure_ascii=False)
                f.write("\n")
            written += 1
    print(f"wrote {written} expected.json files")


if __name__ == "__main__":
    main()

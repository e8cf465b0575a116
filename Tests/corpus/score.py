#!/usr/bin/env python3
"""Score an okrlint binary on a folder of OKR sets (the real-world corpus or the holdout).

usage: score.py OKRLINT SETS_FOLDER [--verbose] [--json FILE]

Each set is a subfolder with its .okr files, a .okrlint.json and an expected.json
({"kind": good|bad|mixed, "expected": [...], "acceptable": [...]}, entries {file, line, rule, reason}).
For each set the script runs `OKRLINT --format json --report-all .` inside the set folder (so the set's
.okrlint.json is its workspace root) and compares the findings by (file, line, rule):

- expected found / expected          recall
- false alarms                       error/warning findings neither expected nor acceptable (syntax errors apart)
- syntax errors                      findings of `syntax-error` (never expected; listed apart)
- infos                              ignored unless listed

Recall is also reported for output-shaped key results (expectations of key-result-is-a-task) apart from the
other rules.

A set whose run fails (exit code 2: bad config, unreadable file) is reported as a run error and counts
all its expected findings as missed. Exit code: 0 when every set ran, 1 otherwise.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

OUTPUT_RULE = "key-result-is-a-task"


def load_expected(setdir):
    with open(os.path.join(setdir, "expected.json"), encoding="utf-8") as f:
        doc = json.load(f)
    for key in ("expected", "acceptable"):
        doc.setdefault(key, [])
    return doc


def run_okrlint(binary, setdir):
    proc = subprocess.run([binary, "--format", "json", "--report-all", "."], cwd=setdir,
                          capture_output=True, text=True, timeout=120)
    if proc.returncode not in (0, 1):
        return None, proc.stderr.strip() or f"exit code {proc.returncode}"
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        return None, f"output is not JSON: {e}"
    findings = []
    for f in report.get("files", []):
        rel = os.path.normpath(os.path.relpath(os.path.join(setdir, f["path"]), setdir))
        for d in f.get("diagnostics", []):
            findings.append({
                "file": rel,
                "line": d["range"]["start"]["line"],
                "rule": d["rule"],
                "severity": d["severity"],
                "message": d["message"],
            })
    return findings, None


def score_set(binary, setdir):
    doc = load_expected(setdir)
    findings, error = run_okrlint(binary, setdir)
    res = {
        "name": os.path.basename(setdir.rstrip("/")),
        "kind": doc.get("kind", "?"),
        "expected": len(doc["expected"]),
        "found": 0,
        "missed": [],
        "false_alarms": [],
        "syntax_errors": [],
        "run_error": error,
    }
    if findings is None:
        res["missed"] = doc["expected"]
        return res
    key = lambda e: (os.path.normpath(e["file"]), e["line"], e["rule"])
    got = {key(f) for f in findings}
    listed = {key(e) for e in doc["expected"]} | {key(e) for e in doc["acceptable"]}
    for e in doc["expected"]:
        if key(e) in got:
            res["found"] += 1
        else:
            res["missed"].append(e)
    for f in findings:
        if f["rule"] == "syntax-error":
            res["syntax_errors"].append(f)
        elif f["severity"] in ("error", "warning") and key(f) not in listed:
            res["false_alarms"].append(f)
    return res


def fmt(f):
    return f"{f['file']}:{f['line']} {f['rule']} ({f.get('severity', 'expected')}) {f.get('message', f.get('reason', ''))}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("okrlint")
    ap.add_argument("sets")
    ap.add_argument("--verbose", "-v", action="store_true", help="list missed findings and syntax errors too")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args()
    binary = os.path.abspath(args.okrlint)
    root = os.path.abspath(args.sets)
    sets = sorted(d for d in os.listdir(root)
                  if os.path.isfile(os.path.join(root, d, "expected.json")))
    if not sets:
        sys.exit(f"no sets (folders with expected.json) under {root}")
    results = [score_set(binary, os.path.join(root, d)) for d in sets]

    for r in results:
        recall = f"{r['found']}/{r['expected']}"
        print(f"{r['name']:<28} {r['kind']:<5} expected {recall:>7}  false alarms {len(r['false_alarms']):>3}"
              f"  syntax errors {len(r['syntax_errors']):>3}" + (f"  RUN ERROR: {r['run_error']}" if r["run_error"] else ""))
        for f in r["false_alarms"]:
            print(f"    false alarm: {fmt(f)}")
        if args.verbose:
            for e in r["missed"]:
                print(f"    missed:      {fmt(e)}")
            for f in r["syntax_errors"]:
                print(f"    syntax:      {fmt(f)}")

    total_exp = sum(r["expected"] for r in results)
    total_found = sum(r["found"] for r in results)
    fa = [f for r in results for f in r["false_alarms"]]
    syn = [f for r in results for f in r["syntax_errors"]]
    by_rule = collections.Counter(f["rule"] for f in fa)
    missed_by_rule = collections.Counter(e["rule"] for r in results for e in r["missed"])
    exp_by_rule = collections.Counter(e["rule"] for r in results
                                      for e in load_expected(os.path.join(root, r["name"]))["expected"])
    good = [r for r in results if r["kind"] == "good"]
    good_err = [r["name"] for r in good if any(f["severity"] == "error" for f in r["false_alarms"])]
    good_err_syn = [r["name"] for r in good
                    if any(f["severity"] == "error" for f in r["false_alarms"]) or r["syntax_errors"]]
    good_any = [r["name"] for r in good if r["false_alarms"]]

    print()
    print(f"sets: {len(results)} ({', '.join(f'{k} {v}' for k, v in sorted(collections.Counter(r['kind'] for r in results).items()))})")
    pct = 100.0 * total_found / total_exp if total_exp else 100.0
    print(f"recall: {total_found}/{total_exp} expected findings ({pct:.1f}%)")
    # Output-shaped key results (the key results a coach calls work rather than outcome) apart from the rest.
    out_exp = exp_by_rule[OUTPUT_RULE]
    out_found = out_exp - missed_by_rule[OUTPUT_RULE]
    rest_exp, rest_found = total_exp - out_exp, total_found - out_found
    print(f"  output-shaped key results ({OUTPUT_RULE}): {out_found}/{out_exp}"
          + (f" ({100.0 * out_found / out_exp:.1f}%)" if out_exp else ""))
    print(f"  other rules: {rest_found}/{rest_exp}" + (f" ({100.0 * rest_found / rest_exp:.1f}%)" if rest_exp else ""))
    for rule in sorted(exp_by_rule):
        print(f"    {rule:<26} {exp_by_rule[rule] - missed_by_rule[rule]}/{exp_by_rule[rule]}")
    print(f"false alarms: {len(fa)} ({sum(1 for f in fa if f['severity'] == 'error')} errors, "
          f"{sum(1 for f in fa if f['severity'] == 'warning')} warnings)")
    for rule, n in by_rule.most_common():
        print(f"    {rule:<26} {n}")
    print(f"syntax errors: {len(syn)} in {sum(1 for r in results if r['syntax_errors'])} sets")
    print(f"good sets with a disputed error-level finding: {len(good_err)}/{len(good)}"
          + (f" ({', '.join(good_err)})" if good_err else ""))
    print(f"good sets with a disputed error-level finding or a syntax error: {len(good_err_syn)}/{len(good)}"
          + (f" ({', '.join(good_err_syn)})" if good_err_syn else ""))
    print(f"good sets with any false alarm (error or warning): {len(good_any)}/{len(good)}")
    run_errors = [r["name"] for r in results if r["run_error"]]
    if run_errors:
        print(f"run errors: {len(run_errors)} ({', '.join(run_errors)})")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"sets": results, "recall": [total_found, total_exp],
                       "output_recall": [out_found, out_exp],
                       "false_alarms_by_rule": dict(by_rule), "syntax_errors": len(syn),
                       "good_sets_with_error_false_alarm": good_err}, f, indent=2)
    sys.exit(1 if run_errors else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generates a synthetic organisation for benchmarks: 1 company file and N team files (about 5 KB each) with
objectives, key results of every metric kind, initiatives, check-ins, alignment links and a few pitfalls.
Deterministic for a given seed. Also writes the same content as YAML (for yamllint) and Markdown (for pymarkdown).

    bench/gen.py N OUTDIR [SEED]
"""
import json, os, random, sys

n = int(sys.argv[1]); out = sys.argv[2]; seed = int(sys.argv[3]) if len(sys.argv) > 3 else 42
rng = random.Random(seed)
VERBS = ["Cut", "Raise", "Grow", "Lift", "Lower", "Double", "Halve"]
# The verb a title keeps when its metric goes the other way (so metric-direction reports only the planted pitfalls).
UP = {"Cut": "Raise", "Lower": "Lift", "Halve": "Double"}
DOWN = {"Raise": "Cut", "Grow": "Cut", "Lift": "Lower", "Double": "Halve"}

def agree(verb, m):
    """The verb, or its opposite when the metric `m` goes the other way (no random draw: the stream stays the same)."""
    if m.startswith(">="): up = True
    elif m.startswith("<="): up = False
    elif "->" in m:
        b, t = (float(x.strip().split()[0].strip("$%")) for x in m.split("->"))
        up = t > b
    else: return verb
    return UP.get(verb, verb) if up else DOWN.get(verb, verb)
NOUNS = ["median deploy time", "trial conversion", "weekly active teams", "API availability", "p95 latency",
         "support backlog", "churned accounts", "NPS", "test coverage", "onboarding completion", "refund rate"]
OBJ = ["Make deploys boring", "Delight new customers", "Keep the API dependable", "Grow the partner channel",
       "Make on-call humane", "Turn trials into paying teams", "Help customers help themselves"]
NAMES = ["dana", "raj", "mei", "lee", "sam", "ana", "tom", "joy", "priya", "ken"]

def metric(i):
    k = i % 6
    if k == 0: b, t = rng.randint(30, 60), rng.randint(5, 25); return f"{b} -> {t} min", f"{rng.randint(t, b)} min", "min"
    if k == 1: b = rng.randint(5, 20); t = b + rng.randint(5, 20); return f"{b}% -> {t}%", f"{rng.randint(b, t)}%", "%"
    if k == 2: b = rng.randint(100, 500) * 100; t = b * 2; return f"${b} -> ${t}", f"${rng.randint(b, t)}", "$"
    if k == 3: return ">= 99.9%", f"99.9{rng.randint(0, 9)}%", "%"
    if k == 4: return "<= 200 ms", f"{rng.randint(120, 199)} ms", "ms"
    return "milestone", rng.choice(["done", "not done"]), ""

def team_file(idx, n_company):
    team = f"team-{idx:05d}"
    lines = [f"# {team} OKRs 2026-Q4", "", "- okr: 1", f"- team: {team}", "- period: 2026-Q4", f"- owner: @{rng.choice(NAMES)}", "",
             f"Team {idx} works on part of the product; these are its goals for the quarter.", ""]
    checkins = []
    data = {"team": team, "period": "2026-Q4", "objectives": []}
    for o in range(1, rng.randint(3, 5) + 1):
        oid = f"O{o}"
        lines += [f"## {oid}: {rng.choice(OBJ)}", "Why it matters: customers told us in the last survey; see the Notes section for context."]
        if rng.random() > 0.03: lines += [f"- owner: @{rng.choice(NAMES)}"]          # pitfall: missing owner
        lines += [f"- aligns: company/O{rng.randint(1, n_company)}", ""]
        obj = {"id": oid, "krs": []}
        for k in range(1, rng.randint(2, 5) + 1):
            kid = f"KR{o}.{k}"
            m, cur, unit = metric(rng.randint(0, 100))
            title = f"{agree(rng.choice(VERBS), m)} {rng.choice(NOUNS)}"
            if rng.random() < 0.03: title = "Launch the referral program"            # pitfall: task-like KR
            lines += [f"### {kid}: {title}", f"Measured weekly from the {rng.choice(NOUNS)} dashboard; owner reports in the Monday review."]
            if rng.random() > 0.03: lines += [f"- metric: {m}", f"- current: {cur}"]   # pitfall: unmeasurable
            lines += [f"- confidence: 0.{rng.randint(3, 9)}", f"- owner: @{rng.choice(NAMES)}"]
            for t in range(rng.randint(1, 4)):
                lines += [f"- [{'x' if rng.random() < 0.4 else ' '}] Initiative {t + 1} for {kid} @{rng.choice(NAMES)} due:2026-12-{rng.randint(10, 28)}"]
            lines += [""]
            checkins.append(f"- 2026-10-{rng.randint(10, 28)} {kid}: {cur}, confidence 0.{rng.randint(3, 9)} -- first review after kickoff")
            checkins.append(f"- 2026-11-{rng.randint(12, 24)} {kid}: {cur}, confidence 0.{rng.randint(3, 9)} -- weekly review, on track")
            obj["krs"].append({"id": kid, "title": title, "metric": m, "current": cur})
        data["objectives"].append(obj)
    checkins.sort(key=lambda c: c[2:12])
    lines += ["## Check-ins"] + checkins
    return team, "\n".join(lines) + "\n", data

def to_yaml(data):
    out = [f"team: {data['team']}", f"period: '{data['period']}'", "objectives:"]
    for o in data["objectives"]:
        out += [f"  - id: {o['id']}", "    key_results:"]
        for k in o["krs"]:
            out += [f"      - id: '{k['id']}'", f"        title: {json.dumps(k['title'])}", f"        metric: {json.dumps(k['metric'])}",
                    f"        current: {json.dumps(k['current'])}"]
    return "---\n" + "\n".join(out) + "\n"

for kind in ["okr", "yaml", "md"]:
    os.makedirs(os.path.join(out, kind, "teams"), exist_ok=True)
n_company = 4
company = ["# Company OKRs 2026-Q4", "", "- okr: 1", "- team: company", "- period: 2026-Q4", "- owner: @ceo", ""]
for o in range(1, n_company + 1):
    company += [f"## O{o}: Company objective {o}", "- owner: @ceo", "", f"### KR{o}.1: Grow revenue line {o}", "- metric: 10 -> 20 x",
                "- current: 15 x", "- owner: @ceo", "", f"### KR{o}.2: Raise customer satisfaction {o}", "- metric: 4.0 -> 4.5 CSAT",
                "- current: 4.3 CSAT", "- owner: @ceo", ""]
company += ["## Check-ins"] + [f"- 2026-11-20 KR{o}.{k}: {'15 x' if k == 1 else '4.3 CSAT'}" for o in range(1, n_company + 1) for k in (1, 2)]
open(os.path.join(out, "okr", "company.okr"), "w").write("\n".join(company) + "\n")
open(os.path.join(out, "md", "company.md"), "w").write("\n".join(company) + "\n")
# The folder is its own workspace root, with the date fixed so runs are comparable.
open(os.path.join(out, "okr", ".okrlint.json"), "w").write('{"root": true, "today": "2026-11-25"}\n')
total = 0
for i in range(1, n + 1):
    team, text, data = team_file(i, n_company)
    total += len(text)
    open(os.path.join(out, "okr", "teams", f"{team}.okr"), "w").write(text)
    open(os.path.join(out, "md", "teams", f"{team}.md"), "w").write(text)
    open(os.path.join(out, "yaml", "teams", f"{team}.yaml"), "w").write(to_yaml(data))
print(f"{n} team files, {total / 1e6:.1f} MB of .okr in {out}/okr")

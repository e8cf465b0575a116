#!/usr/bin/env python3
"""Issue 20: the Markdown okrlint writes for GitHub forms no link, image or HTML from what a file says.

Writes an OKR file whose titles, owners, values and check-in notes hold bare URLs, `www.` addresses, emails,
`<…>` autolinks, Markdown links and images and HTML, runs `okrlint report --format markdown`, `okrlint diff --format
markdown` (in a git repository whose last commit had plain titles) and `okrlint graph` (Mermaid in a fence), and
renders each output as GitHub does — cmark-gfm with the table, autolink, strikethrough, tagfilter and tasklist
extensions — checking that the HTML has no `<a ` and no `<img`.

    pip install cmarkgfm
    OKRLINT=.build/debug/okrlint python3 Tests/integration/markdown-links.py
"""
import os
import subprocess
import sys
import tempfile

try:
    import cmarkgfm
    from cmarkgfm.cmark import Options
except ImportError:
    sys.exit("cmarkgfm is not installed: pip install cmarkgfm")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OKRLINT = os.path.abspath(os.environ.get("OKRLINT", os.path.join(ROOT, ".build", "debug", "okrlint")))

PLAIN = """# Web
- team: web
- period: 2026-Q4
- owner: @dana

## O1: Plain
- owner: @dana

### KR1.1: Plain
- metric: 0 -> 10 x
- owner: @dana
"""

HOSTILE = """# Web https://e.invalid/x
- team: web
- period: 2026-Q4
- owner: mail@e.invalid

## O1: Visit https://e.invalid/x and www.e.invalid or mail@e.invalid #123 :rocket:
- owner: [a](https://e.invalid)

### KR1.1: Ship <https://e.invalid> [a](https://e.invalid) ![i](https://e.invalid/i.png) <img src=x> http://e.invalid/y
- metric: 0 -> 10 www.e.invalid
- current: 3 www.e.invalid
- owner: <img src=x>

### KR1.2: Reach ftp://e.invalid, WWW.E.INVALID and mailto:mail@e.invalid
- metric: 0 -> 10 pages
- confidence: 0.2

## Check-ins
- 2026-11-02 KR1.1: 3 www.e.invalid, confidence 0.3 -- see https://e.invalid/x <img src=x>
"""


def render(markdown):
    return cmarkgfm.markdown_to_html_with_extensions(
        markdown, options=Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_GITHUB_PRE_LANG,
        extensions=["table", "autolink", "strikethrough", "tagfilter", "tasklist"])


def run(args, cwd):
    r = subprocess.run([OKRLINT] + args, cwd=cwd, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit(f"okrlint {' '.join(args)} exited {r.returncode}: {r.stderr}")
    return r.stdout


def git(args, cwd):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@e.invalid", "-c", "commit.gpgsign=false"] + args,
                   cwd=cwd, check=True, capture_output=True)


def main():
    passed, failed = 0, 0
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "web.okr")
        open(path, "w").write(PLAIN)
        git(["init", "-q"], d)
        git(["add", "web.okr"], d)
        git(["commit", "-q", "-m", "plain"], d)
        open(path, "w").write(HOSTILE)
        outputs = {
            "report --format markdown": run(["report", "--format", "markdown", "--no-config", "--today", "2026-11-25", "web.okr"], d),
            "diff --format markdown": run(["diff", "HEAD", "--format", "markdown"], d),
            "graph (Mermaid)": run(["graph", "--no-config", "web.okr"], d),
        }
    for name, markdown in outputs.items():
        html = render(markdown)
        problems = [form for form in ("<a ", "<img") if form in html]
        if "e.invalid" not in html and "e&#46;invalid" not in html:
            problems.append("the hostile text is missing, so nothing was checked")
        if problems:
            failed += 1
            print(f"FAIL okrlint {name}: the rendered HTML holds {problems}\n{html}")
        else:
            passed += 1
            print(f"ok   okrlint {name}: no link, image or HTML in {len(html)} bytes of HTML")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

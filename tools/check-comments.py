#!/usr/bin/env python3
"""Re-derives the cmark-gfm column of the comment table in Tests/OKRKitTests/CommentRuleTests.swift.

Each row of that table is `input ║ hidden ║ expectation`: the input (`⏎` a line end, `→` a tab, `␣` a space), the
texts of the HTML comments GitHub hides when it renders the input (a JSON list, each text trimmed, `⏎` for a line
end), and what okrlint must make of it (the Swift test checks that column). This script renders each input as GitHub
does — cmark-gfm with GitHub's extensions, raw HTML kept, then an HTML5 parser (html5lib, as a browser or a
sanitizer reads the output) — and checks the hidden column against what it finds.

    pip install cmarkgfm html5lib
    python3 tools/check-comments.py          # exit 1 and the differing rows if the table is out of date
    python3 tools/check-comments.py --print  # every row with what cmark-gfm hides and shows
"""
import json
import os
import sys

import cmarkgfm
import html5lib
from cmarkgfm.cmark import Options

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEST = os.path.join(ROOT, "Tests", "OKRKitTests", "CommentRuleTests.swift")


def render(markdown):
    """GitHub's renderer: cmark-gfm with the GFM extensions; raw HTML is passed through (GitHub sanitizes after)."""
    return cmarkgfm.markdown_to_html_with_extensions(
        markdown, options=Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_GITHUB_PRE_LANG,
        extensions=["table", "autolink", "tagfilter", "strikethrough", "tasklist"])


def comments(html):
    """The comments and the visible text of `html` as an HTML5 parser reads it (a fragment, as a sanitizer does)."""
    fragment = html5lib.parseFragment(html, container="div", treebuilder="etree", namespaceHTMLElements=False)
    hidden, visible = [], []
    for token in html5lib.getTreeWalker("etree")(fragment):
        if token["type"] == "Comment":
            hidden.append(token["data"])
        elif token["type"] in ("Characters", "SpaceCharacters"):
            visible.append(token["data"])
    return hidden, "".join(visible)


def rows():
    lines = open(TEST, encoding="utf-8").read().split("\n")
    start = lines.index("    static let table = #\"\"\"") + 1
    end = lines.index("    \"\"\"#", start)
    for line in lines[start:end]:
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        source, hidden, expectation = [part.strip() for part in line.split("║")]
        yield source, json.loads(hidden), expectation


def decode(source):
    return source.replace("⏎", "\n").replace("→", "\t").replace("␣", " ") + "\n"


def main():
    show = "--print" in sys.argv
    failures = 0
    count = 0
    for source, recorded, expectation in rows():
        count += 1
        hidden, visible = comments(render(decode(source)))
        derived = [h.strip(" \t\n").replace("\n", "⏎") for h in hidden]
        if show:
            print(f"{source}\n    hides {json.dumps(derived, ensure_ascii=False)}; shows {visible!r}; okrlint: {expectation}")
        if derived != recorded:
            failures += 1
            print(f"differs: {source}\n    recorded {json.dumps(recorded, ensure_ascii=False)}\n    cmark-gfm {json.dumps(derived, ensure_ascii=False)}")
    print(f"{count - failures} passed, {failures} failed")
    return 1 if failures or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())

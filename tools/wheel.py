"""Writes Python wheels (PEP 427, 491) with the standard library only: the okrlint wheel, which carries the binary
in `*.data/scripts/` so that pip puts `okrlint` on PATH (as maturin does for ruff), and the small wheel of the
pre-commit hook package (tools/hook_backend.py). No Python runs when okrlint runs: the wheel holds no module.

A wheel is a zip: the files, then `NAME-VERSION.dist-info/` with METADATA, WHEEL and RECORD (each file's SHA-256,
URL-safe base64 without padding, and size). Entries are written in a fixed order with a fixed date, so the same
inputs give the same bytes.
"""
import base64
import hashlib
import os
import re
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# 1980-01-01, the earliest date a zip can hold: the wheel does not change with the time it was built.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def okrlint_version(root=ROOT):
    """The version, read from its one place: `okrlintVersion` in the Swift sources."""
    path = os.path.join(root, "Sources", "OKRKit", "Report", "Reporter.swift")
    with open(path, encoding="utf-8") as f:
        m = re.search(r'^public let okrlintVersion = "([0-9]+\.[0-9]+\.[0-9]+)"$', f.read(), re.M)
    if not m:
        raise SystemExit(f"{path}: no `public let okrlintVersion = \"X.Y.Z\"`")
    return m.group(1)


def record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def normalized(name):
    """The distribution name as it appears in file names (PEP 427: runs of -_. become _)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def write_wheel(out_dir, name, version, tag, files, metadata_lines=(), summary="", description=""):
    """Writes `{name}-{version}-{tag}.whl` into out_dir and returns its file name.

    files: (path inside the wheel, bytes, executable) in the order they should appear.
    tag: `py3-none-PLATFORM` (a binary) or `py3-none-any`.
    description: the long description (Markdown), after the headers.
    """
    dist = normalized(name)
    info = f"{dist}-{version}.dist-info"
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    if summary:
        lines.append(f"Summary: {summary}")
    metadata = "\n".join(lines + list(metadata_lines)) + "\n"
    if description:
        metadata += "Description-Content-Type: text/markdown\n\n" + description
    root_is_purelib = "true" if tag.endswith("-any") else "false"
    wheel = (f"Wheel-Version: 1.0\nGenerator: okrlint tools/wheel.py\nRoot-Is-Purelib: {root_is_purelib}\n"
             + "".join(f"Tag: {t}\n" for t in expand_tags(tag)))
    entries = list(files) + [(f"{info}/METADATA", metadata.encode(), False), (f"{info}/WHEEL", wheel.encode(), False)]
    record_lines = [f"{path},{record_hash(data)},{len(data)}" for path, data, _ in entries] + [f"{info}/RECORD,,"]
    entries.append((f"{info}/RECORD", ("\n".join(record_lines) + "\n").encode(), False))
    file_name = f"{dist}-{version}-{tag}.whl"
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, file_name)
    tmp = target + ".part"
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for path, data, executable in entries:
            zi = zipfile.ZipInfo(path, date_time=FIXED_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = ((0o100755 if executable else 0o100644) << 16)
            z.writestr(zi, data)
    os.replace(tmp, target)
    return file_name


def expand_tags(tag):
    """`py3-none-a.b` -> the tags `py3-none-a` and `py3-none-b` (a compressed tag set, PEP 425)."""
    py, abi, platforms = tag.split("-", 2)
    return [f"{p}-{a}-{plat}" for p in py.split(".") for a in abi.split(".") for plat in platforms.split(".")]

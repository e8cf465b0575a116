#!/usr/bin/env python3
"""Packages a built okrlint binary for one target (run by tools/release, which builds it):

  okrlint-VERSION-TARGET.tar.gz         a folder okrlint-VERSION-TARGET/ with okrlint, README.md (and LICENSE
                                        when the repository has one)
  okrlint-VERSION-TARGET.tar.gz.sha256  its SHA-256, as `sha256sum` prints it
  okrlint-VERSION-py3-none-PLATFORM.whl the binary in okrlint-VERSION.data/scripts/: `pip install` puts it on PATH

The wheel's platform tag says what the binary needs: on Linux the newest glibc symbol version it uses
(manylinux_2_X, never below 2_17) after checking that it links only libraries every manylinux system has; a fully
static binary (Static Linux SDK) is tagged for glibc and musl alike; on macOS the deployment target of
Package.swift (macosx_13_0). Usage: package.py BINARY TARGET OUT_DIR
"""
import gzip
import hashlib
import io
import os
import re
import subprocess
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wheel  # noqa: E402  (tools/wheel.py)

# What manylinux (PEP 600) lets a wheel's binary link dynamically.
MANYLINUX_LIBRARIES = {"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libgcc_s.so.1",
                       "libstdc++.so.6", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libutil.so.1"}
FIXED_MTIME = 315532800  # 1980-01-01: the tarball does not change with the time it was made


def elf_needs(binary):
    """(libraries linked dynamically, newest GLIBC_x.y symbol version), or None for a static binary."""
    dyn = subprocess.run(["readelf", "-d", binary], capture_output=True, text=True, check=True).stdout
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dyn)
    if not needed:
        return None
    versions = subprocess.run(["readelf", "-V", binary], capture_output=True, text=True, check=True).stdout
    glibc = sorted({tuple(int(x) for x in v.split(".")) for v in re.findall(r"GLIBC_([0-9]+\.[0-9]+(?:\.[0-9]+)?)", versions)})
    return needed, (glibc[-1] if glibc else (2, 17))


def platform_tag(binary, target):
    arch = target.split("-")[0]
    if "apple-darwin" in target:
        manifest = open(os.path.join(wheel.ROOT, "Package.swift"), encoding="utf-8").read()
        m = re.search(r"\.macOS\(\.v(\d+)(?:_(\d+))?\)", manifest)
        major, minor = (int(m.group(1)), int(m.group(2) or 0)) if m else (13, 0)
        return f"macosx_{major}_{minor}_{'arm64' if arch in ('aarch64', 'arm64') else 'x86_64'}"
    needs = elf_needs(binary)
    if needs is None:
        # Nothing linked dynamically: it runs on any Linux of this architecture, glibc or musl.
        return f"manylinux_2_17_{arch}.musllinux_1_1_{arch}"
    needed, glibc = needs
    foreign = [lib for lib in needed if lib not in MANYLINUX_LIBRARIES]
    if foreign:
        raise SystemExit(f"{binary} links {', '.join(foreign)}: a wheel may link only {sorted(MANYLINUX_LIBRARIES)} "
                         "(build with --static-swift-stdlib)")
    major, minor = glibc[0], glibc[1]
    if (major, minor) < (2, 17):
        major, minor = 2, 17
    return f"manylinux_{major}_{minor}_{arch}"


def tar_member(tar, name, data, mode):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = mode
    info.mtime = FIXED_MTIME
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    tar.addfile(info, io.BytesIO(data))


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    binary, target, out = sys.argv[1:]
    version = wheel.okrlint_version()
    os.makedirs(out, exist_ok=True)
    exe = open(binary, "rb").read()
    readme = open(os.path.join(wheel.ROOT, "README.md"), "rb").read()
    docs = [("README.md", readme)]
    if os.path.exists(os.path.join(wheel.ROOT, "LICENSE")):
        docs.append(("LICENSE", open(os.path.join(wheel.ROOT, "LICENSE"), "rb").read()))

    stem = f"okrlint-{version}-{target}"
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar_member(tar, f"{stem}/okrlint", exe, 0o755)
        for name, data in docs:
            tar_member(tar, f"{stem}/{name}", data, 0o644)
    tarball = f"{stem}.tar.gz"
    with open(os.path.join(out, tarball), "wb") as f:
        # mtime=0 and no file name in the gzip header: the same input gives the same bytes.
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
            gz.write(raw.getvalue())
    digest = hashlib.sha256(open(os.path.join(out, tarball), "rb").read()).hexdigest()
    with open(os.path.join(out, tarball + ".sha256"), "w") as f:
        f.write(f"{digest}  {tarball}\n")

    tag = "py3-none-" + platform_tag(binary, target)
    files = [(f"okrlint-{version}.data/scripts/okrlint", exe, True)]
    files += [(f"okrlint-{version}.dist-info/{n}", d, False) for n, d in docs if n == "LICENSE"]
    metadata = ["Requires-Python: >=3.7", "Home-page: https://github.com/okrlint/okrlint",
                 "Classifier: Environment :: Console", "Classifier: Programming Language :: Swift"]
    name = wheel.write_wheel(out, "okrlint", version, tag, files, metadata,
                             summary="A linter for OKRs kept as plain text (.okr): CLI, pre-commit hook and language server",
                             description=readme.decode("utf-8"))
    print(f"{tarball}\n{tarball}.sha256\n{name}")


if __name__ == "__main__":
    main()

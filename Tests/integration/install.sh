#!/usr/bin/env bash
# The README's install paths, run for real on what tools/release wrote (OKRLINT_DIST, default dist/), with no
# network but the loopback address:
#   pip     a new virtual environment, `pip install okrlint` from the folder (PIP_FIND_LINKS, PIP_NO_INDEX):
#           `okrlint` on the environment's PATH is the binary, says the version, passes samples/
#   pipx    `pipx install okrlint` the same way, when pipx is installed and can set up its shared pip
#   tarball the README's tarball block as written, its URL put to a python3 -m http.server on 127.0.0.1 that
#           serves the release folder: download, checksum, unpack, install into ~/.local/bin (HOME is a temporary
#           folder), `okrlint --version`
# and the wheel itself: the platform tag auditwheel reads from the binary is the wheel's (when auditwheel is
# installed), `twine check` passes its metadata (when twine is installed), RECORD lists every file with its hash,
# and packaging the same binary again gives the same bytes.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
DIST="$(cd "${OKRLINT_DIST:-$REPO/dist}" && pwd)"
WORK="$(mktemp -d)"
SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2> /dev/null; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
VERSION=$(python3 -c "import sys; sys.path.insert(0, '$REPO/tools'); import wheel; print(wheel.okrlint_version())")
WHEEL=$(ls "$DIST"/okrlint-"$VERSION"-py3-none-*.whl | head -n 1)
TARBALL=$(ls "$DIST"/okrlint-"$VERSION"-*.tar.gz | head -n 1)
[ -f "$WHEEL" ] && [ -f "$TARBALL" ] && [ -f "$TARBALL.sha256" ] || fail "tools/release output missing in $DIST"
export PIP_FIND_LINKS="$DIST" PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1
done=()

# The wheel's insides: RECORD names every other file with its SHA-256 and size; the binary is an executable script.
python3 - "$WHEEL" <<'PY'
import base64, hashlib, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
record = next(n for n in names if n.endswith(".dist-info/RECORD"))
rows = [line.split(",") for line in z.read(record).decode().splitlines()]
listed = {r[0]: r for r in rows}
assert set(listed) == set(names), (set(listed) ^ set(names))
for name, digest, size in rows:
    if name == record:
        continue
    data = z.read(name)
    want = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    assert digest == want and int(size) == len(data), name
script = next(n for n in names if n.endswith(".data/scripts/okrlint"))
assert (z.getinfo(script).external_attr >> 16) & 0o111, "the binary is not executable in the wheel"
PY
done+=("RECORD")

# pip into a new virtual environment.
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet okrlint=="$VERSION" || fail "pip install okrlint from $DIST"
bin=$(PATH="$WORK/venv/bin:/usr/bin:/bin" command -v okrlint)
[ "$bin" = "$WORK/venv/bin/okrlint" ] || fail "okrlint is not on the environment's PATH ($bin)"
head -c 4 "$bin" | od -An -c | tr -d ' ' | grep -Eq '177ELF|317372355376|316372355376' || fail "$bin is not a binary"
[ "$("$bin" --version)" = "okrlint $VERSION" ] || fail "$bin --version"
"$bin" "$REPO/samples/" | grep -q "^All checks passed" || fail "okrlint samples/ from the wheel"
done+=("pip")

# pipx, as the README says it.
# pipx first sets up its own shared pip (from PyPI: pipx's, not okrlint's); then okrlint comes from the folder only.
if command -v pipx > /dev/null && env -u PIP_NO_INDEX -u PIP_FIND_LINKS PIPX_HOME="$WORK/pipx" PIPX_BIN_DIR="$WORK/pipx-bin" \
     pipx upgrade-shared > "$WORK/pipx.log" 2>&1; then
  PIPX_HOME="$WORK/pipx" PIPX_BIN_DIR="$WORK/pipx-bin" pipx install okrlint >> "$WORK/pipx.log" 2>&1 \
    || { cat "$WORK/pipx.log"; fail "pipx install okrlint"; }
  [ "$("$WORK/pipx-bin/okrlint" --version)" = "okrlint $VERSION" ] || fail "pipx's okrlint --version"
  done+=("pipx")
fi

# The README's tarball block, served over HTTP on the loopback address.
SERVE="$WORK/serve/okrlint/okrlint/releases/download/v$VERSION"
mkdir -p "$SERVE" && cp "$TARBALL" "$TARBALL.sha256" "$SERVE/"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$WORK/serve" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do grep -q "port" "$WORK/server.log" 2> /dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/.* port \([0-9]*\).*/\1/p' "$WORK/server.log" | head -n 1)
[ -n "$PORT" ] || fail "the HTTP server did not start"
target=$(basename "$TARBALL" .tar.gz); target=${target#okrlint-"$VERSION"-}
python3 - "$REPO/README.md" "$PORT" "$VERSION" "$target" > "$WORK/tarball.sh" <<'PY'
import re, sys
readme, port, version, target = sys.argv[1:]
blocks = [b for b in re.findall(r"```sh\n(.*?)```", open(readme).read(), re.S) if "releases/download" in b and "tar -xzf" in b]
assert len(blocks) == 1, f"{len(blocks)} tarball blocks in the README"
text = blocks[0]
assert f"V={version} " in text, f"the README's tarball block does not pin V={version}"
text = text.replace(f"V={version} T=x86_64-unknown-linux-gnu", f"V={version} T={target}")
text = text.replace("https://github.com/okrlint/okrlint", f"http://127.0.0.1:{port}/okrlint/okrlint")
print(text, end="")
PY
mkdir -p "$WORK/home" "$WORK/cwd"
(cd "$WORK/cwd" && env -i PATH="$WORK/home/.local/bin:/usr/bin:/bin" HOME="$WORK/home" bash -eo pipefail "$WORK/tarball.sh") > "$WORK/tarball.log" 2>&1 \
  || { cat "$WORK/tarball.log"; fail "the README's tarball block"; }
[ "$(tail -n 1 "$WORK/tarball.log")" = "okrlint $VERSION" ] && [ -x "$WORK/home/.local/bin/okrlint" ] \
  || { cat "$WORK/tarball.log"; fail "the tarball block did not install okrlint"; }
grep -q "GET /okrlint/okrlint/releases/download/v$VERSION/" "$WORK/server.log" || fail "nothing was downloaded"
done+=("tarball")

# Checks by the tools PyPI and pip users rely on, when installed.
if python3 -c "import auditwheel" 2> /dev/null && [[ $WHEEL == *manylinux* ]]; then
  tag=$(basename "$WHEEL" .whl); tag=${tag#okrlint-"$VERSION"-py3-none-}
  python3 -m auditwheel show "$WHEEL" > "$WORK/auditwheel.txt" 2>&1 || { cat "$WORK/auditwheel.txt"; fail "auditwheel show"; }
  tr -s ' \n' ' ' < "$WORK/auditwheel.txt" | grep -q "consistent with the following platform tag: \"${tag%%.*}\"" \
    || { cat "$WORK/auditwheel.txt"; fail "auditwheel reads another tag than $tag"; }
  done+=("auditwheel: $tag")
fi
if command -v twine > /dev/null; then
  twine check --strict "$WHEEL" > "$WORK/twine.txt" 2>&1 || { cat "$WORK/twine.txt"; fail "twine check"; }
  done+=("twine check")
fi

# The same binary packaged again gives the same bytes.
tar -xzf "$TARBALL" -C "$WORK"
python3 "$REPO/tools/package.py" "$WORK/okrlint-$VERSION-$target/okrlint" "$target" "$WORK/again" > /dev/null
cmp -s "$WHEEL" "$WORK/again/$(basename "$WHEEL")" && cmp -s "$TARBALL" "$WORK/again/$(basename "$TARBALL")" \
  || fail "packaging the same binary twice gave other bytes"
done+=("reproducible")
echo "install paths passed: ${done[*]} ($(basename "$WHEEL"): $(wc -c < "$WHEEL") bytes)"

"""The PEP 517 build backend of `okrlint-pre-commit` (pyproject.toml): the package pre-commit installs for the
`okrlint` and `okrlint-fmt` hooks. It holds no code; it requires `okrlint==VERSION`, the wheel that carries the
binary, so the hook's environment gets `okrlint` on PATH with no Swift toolchain. Standard library only.
"""
import io
import os
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wheel as _wheel  # noqa: E402  (tools/wheel.py)

NAME = "okrlint-pre-commit"
SUMMARY = "The okrlint pre-commit hooks: installs the okrlint wheel (the binary) of the same version"


def _requires():
    return [f"Requires-Dist: okrlint=={_wheel.okrlint_version()}"]


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _wheel.write_wheel(wheel_directory, NAME, _wheel.okrlint_version(), "py3-none-any", [], _requires(),
                              summary=SUMMARY)


def build_sdist(sdist_directory, config_settings=None):
    """The files the backend reads: pyproject.toml, tools/, and the Swift file that holds the version."""
    version = _wheel.okrlint_version()
    stem = f"{_wheel.normalized(NAME)}-{version}"
    paths = ["pyproject.toml", "tools/hook_backend.py", "tools/wheel.py", "Sources/OKRKit/Report/Reporter.swift"]
    pkg_info = f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {version}\nSummary: {SUMMARY}\n" + "".join(
        line + "\n" for line in _requires())
    name = f"{stem}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for path in paths:
            tar.add(os.path.join(_wheel.ROOT, path), arcname=f"{stem}/{path}")
        info = tarfile.TarInfo(f"{stem}/PKG-INFO")
        data = pkg_info.encode()
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return name

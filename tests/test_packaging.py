"""The wheel's contents, as pyproject.toml declares them: every package and every data file.

A package left out of the package list, or a YAML/TTL file no package-data pattern
matches, works in the editable install (it reads the source tree) and is missing from a
wheel; these checks read the same declarations setuptools does, without building one.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
TOP_LEVEL = ("vlmkg", "ingest", "kg", "search", "ui")


def _source_packages() -> set[str]:
    return {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in TOP_LEVEL
        for init in (ROOT / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }


def test_every_package_is_in_the_wheel() -> None:
    found = set(find_packages(str(ROOT), include=SETUPTOOLS["packages"]["find"]["include"]))
    assert sorted(found) == sorted(_source_packages())


def test_every_data_file_is_in_the_wheel() -> None:
    patterns: dict[str, list[str]] = SETUPTOOLS["package-data"]
    missing = []
    for package in sorted(_source_packages()):
        directory = ROOT.joinpath(*package.split("."))
        for path in sorted(directory.rglob("*")):
            if path.is_dir() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
                continue
            owner = ".".join(path.parent.relative_to(ROOT).parts)
            if owner in _source_packages() and owner != package:
                continue  # a file of a subpackage: checked with that package
            shipped = {hit for p in patterns.get(package, []) for hit in directory.glob(p)}
            if path not in shipped:
                missing.append(f"{package}: {path.relative_to(directory)}")
    assert missing == []

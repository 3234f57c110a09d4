"""A graph built once per session by the real `vlmkg build`, copied for tests that change it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ENV = {
    **os.environ,
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
}
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def vlmkg(home: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real CLI on `home`; its completed process (text output)."""
    return subprocess.run(
        [sys.executable, "-m", "vlmkg.cli", *args],
        env={**ENV, "VLMKG_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def triple_count(home: Path) -> int:
    """The number of triples `vlmkg sparql` counts in the current graph."""
    done = vlmkg(home, "sparql", COUNT_QUERY, "--format", "csv")
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[1])


def copy_home(source: Path, target: Path) -> Path:
    """A copy of a VLMKG_HOME (the `current` symlink is relative, so it still works)."""
    shutil.copytree(source, target, symlinks=True)
    return target


@pytest.fixture(scope="session")
def built_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A VLMKG_HOME with the bundled hub built (graph and search index). Do not modify."""
    home = tmp_path_factory.mktemp("hardening-home")
    done = vlmkg(home, "build", timeout=580)
    assert done.returncode == 0, done.stderr
    return home

"""A graph built once per session by the real `vlmkg build`, copied for tests that change it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.ui.conftest import Server, serving

ENV = {
    **os.environ,
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
}
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def vlmkg(home: Path, *args: str, timeout: float = 1200) -> subprocess.CompletedProcess[str]:
    """Run the real CLI on `home`; its completed process (text output). The timeout is a
    deadline for a loaded machine, not an expectation."""
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
    done = vlmkg(home, "build", timeout=1200)
    assert done.returncode == 0, done.stderr
    return home


@pytest.fixture(scope="session")
def server(built_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`vlmkg serve` (assistant loaded) on a copy of the built home.

    The query time limit is generous: these tests send only honest queries, on a machine
    that rebuilds graphs (and runs other jobs) at the same time.
    """
    home = copy_home(built_home, tmp_path_factory.mktemp("served") / "home")
    env = {**ENV, "VLMKG_HOME": str(home)}
    with serving(home, ["--query-timeout", "60"], env) as (server, health):
        assert health["status"] == "ok", health
        assert health["steps"]["assistant"].startswith("ready"), health
        yield server


def endpoint_count(url: str) -> int:
    """The number of triples the endpoint at `url` counts."""
    reply = httpx.get(
        f"{url}/sparql", params={"query": COUNT_QUERY}, headers={"Accept": "text/csv"}, timeout=30
    )
    assert reply.status_code == 200, reply.text
    return int(reply.text.split()[1])

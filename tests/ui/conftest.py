"""A real `vlmkg serve` on 127.0.0.1 and a free port, over a graph it builds on first run."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

# The served time limit: long enough that an honest query finishes within it on a loaded
# machine (tests send one while a runaway query runs into the limit).
QUERY_TIMEOUT_S = 10
# How long a server may take to build and load: on a machine shared with other jobs a
# startup that takes one minute when idle can take many (a deadline, not an expectation).
READY_S = 1200
ROW_LIMIT = 2_000


@dataclass(frozen=True)
class Server:
    """A running server: its base URL and the VLMKG_HOME it serves."""

    url: str
    home: Path
    process: subprocess.Popen[bytes]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(
    home: Path, args: list[str], env: dict[str, str], limit_s: float = READY_S
) -> Iterator[tuple[Server, dict]]:
    """`vlmkg serve ARGS` on 127.0.0.1 and a free port, logging to HOME/serve.log: the
    server and its /health answer once loaded; stopped on exit."""
    port = free_port()
    log = (home / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "vlmkg.cli", "serve", "--port", str(port), *args],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        health = wait_until_ready(url, process, limit_s)
        yield Server(url, home, process), health
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_until_ready(url: str, process: subprocess.Popen[bytes], limit_s: float) -> dict:
    """The /health answer once every loading step has finished; fails on timeout or exit."""
    deadline = time.monotonic() + limit_s
    health: dict = {}
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"vlmkg serve exited with {process.returncode}")
        try:
            health = httpx.get(f"{url}/health", timeout=5).json()
        except httpx.HTTPError:
            time.sleep(0.5)
            continue
        if all(
            not s.startswith(("waiting", "loading", "building")) for s in health["steps"].values()
        ):
            return health
        time.sleep(0.5)
    pytest.fail(f"server not ready after {limit_s} s: {health}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`vlmkg serve` in a child process on a fresh VLMKG_HOME (so it builds the graph).

    For quick iterations, VLMKG_TEST_SERVER=<url>,<home> reuses a running server (started
    with the same --query-timeout and --row-limit).
    """
    reuse = os.environ.get("VLMKG_TEST_SERVER")
    if reuse:
        url, home_dir = reuse.split(",")
        yield Server(url, Path(home_dir), None)  # type: ignore[arg-type]
        return
    home = tmp_path_factory.mktemp("vlmkg-home")
    env = {
        **os.environ,
        "VLMKG_HOME": str(home),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    args = ["--query-timeout", str(QUERY_TIMEOUT_S), "--row-limit", str(ROW_LIMIT)]
    with serving(home, args, env) as (server, health):
        assert health["status"] == "ok", health
        yield server

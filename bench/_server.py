"""Start `vlmkg serve` in a child process for a benchmark, and find a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_serve(home: Path, port: int, *extra: str) -> subprocess.Popen[bytes]:
    """`vlmkg serve --port PORT` on VLMKG_HOME=home, output discarded."""
    env = {
        **os.environ,
        "VLMKG_HOME": str(home),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "vlmkg.cli", "serve", "--port", str(port), *extra],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate the server (kill it if it does not exit in 15 s)."""
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)

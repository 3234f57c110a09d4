"""`vlmkg build` killed (SIGKILL) at every stage, or starved of disk, loses nothing.

Kill points are observed from outside, in the build directory, so the build runs
unmodified: the temporary directory appears, its manifest, its store, its index, the
renamed build; plus kills at 10%...90% of the time a whole build takes here. After each
kill the previous graph and index must be byte-identical and queryable, and the next build
must succeed.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hardening.conftest import ENV, copy_home, triple_count, vlmkg

QUESTION = "Which models use a SigLIP vision encoder?"


def tree_digest(path: Path) -> dict[str, str]:
    """relative file path -> sha256 of every file under `path`."""
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def temporaries(home: Path) -> list[Path]:
    return sorted((home / "builds").glob(".tmp-*"))


def _in_tmp(name: str) -> Callable[[Path, set[str]], bool]:
    return lambda home, _: any((t / name).exists() for t in temporaries(home))


KILL_POINTS: dict[str, Callable[[Path, set[str]], bool]] = {
    "temporary directory created": lambda home, _: bool(temporaries(home)),
    "manifest written": _in_tmp("manifest.json"),
    "records written": _in_tmp("records.json"),
    "store being written": _in_tmp("store"),
    "index being written": _in_tmp("index"),
    "build renamed (swap pending)": lambda home, before: bool(
        {p.name for p in (home / "builds").iterdir() if not p.name.startswith(".")} - before
    ),
}
KILL_SHARES = (0.1, 0.3, 0.5, 0.7, 0.9)  # of the time a whole build takes here


def kill_build(home: Path, when: Callable[[], bool], limit_s: float = 1200) -> bool:
    """Start `vlmkg build`, SIGKILL it once `when()` holds; True if it was killed then
    (False when the build finished first). A build still running at the deadline fails."""
    process = subprocess.Popen(
        [sys.executable, "-m", "vlmkg.cli", "build"],
        env={**ENV, "VLMKG_HOME": str(home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + limit_s
    killed = False
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if when():
                process.send_signal(signal.SIGKILL)
                killed = True
                break
            time.sleep(0.002)
    finally:
        if process.poll() is None and not killed:
            process.kill()
            process.wait(60)
            pytest.fail(f"the build neither reached the kill point nor finished in {limit_s} s")
        process.wait(60)
    return killed and process.returncode == -signal.SIGKILL


@pytest.mark.slow
def test_builds_killed_at_every_stage_lose_nothing(built_home: Path, tmp_path: Path) -> None:
    home = copy_home(built_home, tmp_path / "home")
    began = time.monotonic()
    assert vlmkg(home, "build").returncode == 0  # how long a whole build takes here
    build_s = time.monotonic() - began
    old = (home / "current").resolve()
    old_files = tree_digest(old)
    old_count = triple_count(home)
    outcomes: dict[str, str] = {}
    points: list[tuple[str, Callable[[], bool]]] = []
    for name, condition in KILL_POINTS.items():
        points.append((name, lambda c=condition: c(home, {old.name})))
    for share in KILL_SHARES:
        delay = share * build_s
        points.append((f"at {share:.0%} of a build", lambda d=delay: time.monotonic() - start >= d))
    for name, when in points:
        start = time.monotonic()
        killed = kill_build(home, when)
        current = (home / "current").resolve()
        outcomes[name] = "killed" if killed else "finished"
        if current != old:  # killed after the swap (or finished): the new build is complete
            assert tree_digest(current).keys() == old_files.keys(), name
            old, old_files = current, tree_digest(current)
        assert tree_digest(current) == old_files, name  # not a byte changed
        assert triple_count(home) == old_count, name
    print(json.dumps(outcomes))  # for docs/reliability.md (pytest -s)
    stages = [name for name in KILL_POINTS if not name.startswith("build renamed")]
    assert all(outcomes[name] == "killed" for name in stages), outcomes  # the test can fail
    # The later shares may come after a build that runs faster than the one measured (the
    # machine's load changes): only the first is sure to fall inside a build.
    assert outcomes[f"at {KILL_SHARES[0]:.0%} of a build"] == "killed", outcomes

    answer = vlmkg(home, "ask", "--json", QUESTION)
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout)["grounded"] is True

    done = vlmkg(home, "build")
    assert done.returncode == 0, done.stderr
    assert temporaries(home) == []
    assert not list(home.glob(".current-*"))
    assert (home / "current").resolve() != old
    assert len([p for p in (home / "builds").iterdir()]) == 2  # the new one and the previous
    assert triple_count(home) == old_count


def _tmpfs(path: Path, size: str) -> bool:
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    return mounted.returncode == 0


def _tmpfs_bytes(tree: Path) -> int:
    """What `tree` takes on a tmpfs: every file rounded up to whole 4 KiB pages."""
    return sum(-(-f.stat().st_size // 4096) * 4096 for f in tree.rglob("*") if f.is_file())


@pytest.mark.slow
@pytest.mark.parametrize("room", [0.95, 0.3], ids=["full-near-the-end", "full-at-store"])
def test_full_disk_keeps_the_previous_build(built_home: Path, tmp_path: Path, room: float) -> None:
    """The disk holds the previous build and `room` of another one (sized from the build
    itself, so the test follows the graph as it grows)."""
    mount = tmp_path / "small"
    old = (built_home / "current").resolve()
    size = f"{int(_tmpfs_bytes(old) * (1 + room)) // 1024 + 64}k"
    if os.geteuid() != 0 or not _tmpfs(mount, size):
        pytest.skip("cannot mount a tmpfs here (needs root); see the RLIMIT_FSIZE test")
    try:
        home = mount / "home"
        (home / "builds").mkdir(parents=True)
        copy_home(old, home / "builds" / old.name)
        (home / "current").symlink_to(Path("builds") / old.name)
        before = tree_digest(home / "builds" / old.name)

        done = vlmkg(home, "build")
        assert done.returncode == 1
        last = done.stderr.strip().splitlines()[-1]
        assert last.startswith("error: cannot write the ")
        assert "No space left on device" in last
        assert "Traceback" not in done.stderr
        assert (home / "current").resolve().name == old.name
        assert tree_digest(home / "builds" / old.name) == before
        assert temporaries(home) == []
        assert triple_count(home) > 20_000
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))


@pytest.mark.slow
def test_write_error_keeps_the_previous_build(built_home: Path, tmp_path: Path) -> None:
    """Without root: a file size limit makes the storage layer's writes fail (EFBIG)."""
    home = copy_home(built_home, tmp_path / "home")
    old = (home / "current").resolve()
    before = tree_digest(old)
    done = subprocess.run(
        [sys.executable, "-m", "vlmkg.cli", "build", "--no-index"],
        env={**ENV, "VLMKG_HOME": str(home)},
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("error: cannot write the build in "), done.stderr
    assert "File too large" in last
    assert (home / "current").resolve() == old
    assert tree_digest(old) == before
    assert temporaries(home) == []
    assert triple_count(home) > 20_000

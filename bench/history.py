"""The hub's history: git readers, cold build of every version, warm build after one commit.

    python -m bench.history [BUNDLE]   # default: the hub bundle under /work/shared/hub/history

1. git: seconds to list the versions of README.md and read every blob, dulwich vs pygit2
   (pygit2 only when installed), best of 5, with the ratio.
2. cold: `vlmkg build --history` of the clone without its last commit, in a new home;
   warm: the last commit pulled in, built again in the same home (one new version).
   Each build runs in its own process: seconds and peak RSS (ru_maxrss of the child).
3. storage: triples in the default graph, per version graph (min / max / sum), distinct
   triples over all versions, changes. Appends one JSON line to bench/results/history.jsonl.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

RESULTS = Path(__file__).parent / "results" / "history.jsonl"


def git_readers(repo: Path) -> dict[str, float]:
    from kg._history_git import versions_dulwich, versions_pygit2

    readers = {"dulwich": versions_dulwich}
    try:
        import pygit2  # noqa: F401

        readers["pygit2"] = versions_pygit2
    except ImportError:
        pass
    best: dict[str, float] = {}
    for name, read in readers.items():
        times = []
        for _ in range(5):
            started = time.perf_counter()
            read(repo, "README.md")
            times.append(time.perf_counter() - started)
        best[name] = min(times)
    return best


def build(repo: Path, home: Path) -> dict[str, Any]:
    """One `vlmkg build --history` in a child process: seconds and its own peak RSS in MB."""
    child = (
        "import resource, sys; from vlmkg.cli import main; code = main(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
        "sys.exit(code)"
    )
    args = ["build", "--history", str(repo), "--no-index", "--home", str(home)]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", child, *args], check=True, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    lines = done.stderr.splitlines()
    built = sum(1 for line in lines if line.endswith("(built)"))
    stages = [line for line in lines if line.startswith(("graph:", "SHACL", "store:"))]
    return {
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "versions_ingested": built,
        "stages": stages,
    }


def storage(home: Path) -> dict[str, int]:
    from kg.builds import open_current
    from kg.changes import CHANGES_GRAPH, VERSION_GRAPH

    with open_current(home) as store:
        inner = store.inner
        per_version = {}
        distinct: set[object] = set()
        for graph in inner.named_graphs():
            name = graph.value
            if name.startswith(VERSION_GRAPH):
                triples = [q.triple for q in inner.quads_for_pattern(None, None, None, graph)]
                per_version[name] = len(triples)
                distinct.update(triples)
        changes = len(list(inner.quads_for_pattern(None, None, None, ox.NamedNode(CHANGES_GRAPH))))
        full = [
            json.loads(p.read_text("utf-8")).get("full_triples", 0)
            for p in (home / "history").glob("*.json")
            if p.name != "last-build.json"
        ]
        return {
            "full_builds_sum": sum(full),
            "default_graph": len(store),
            "versions": len(per_version),
            "version_min": min(per_version.values()),
            "version_max": max(per_version.values()),
            "version_sum": sum(per_version.values()),
            "version_distinct": len(distinct),
            "changes_graph": changes,
            "all_quads": len(inner),
        }


def main(bundle: str) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-history-") as scratch:
        root = Path(scratch)
        full, partial = root / "full", root / "partial"
        subprocess.run(["git", "clone", "-q", bundle, str(full)], check=True)
        subprocess.run(["git", "clone", "-q", str(full), str(partial)], check=True)
        subprocess.run(["git", "-C", str(partial), "reset", "-q", "--hard", "HEAD~1"], check=True)
        readers = git_readers(full)
        home = root / "home"
        cold = build(partial, home)
        subprocess.run(["git", "-C", str(partial), "pull", "-q", "--ff-only"], check=True)
        warm = build(partial, home)
        counts = storage(home)
    row = {
        "git_seconds": readers,
        "cold_43_versions": cold,
        "warm_one_new_version": warm,
        "storage": counts,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(row) + "\n")
    print(json.dumps(row, indent=1))
    if "pygit2" in readers:
        print(f"git: pygit2 / dulwich = {readers['pygit2'] / readers['dulwich']:.2f}")
    print(f"warm / cold seconds = {warm['seconds'] / cold['seconds']:.2f}")
    print(
        f"version graphs sum / distinct triples = "
        f"{counts['version_sum'] / counts['version_distinct']:.2f}"
    )


if __name__ == "__main__":
    main(
        sys.argv[1]
        if len(sys.argv) > 1
        else "/work/shared/hub/history/vlm-research-hub-2025.bundle"
    )

"""`python -m bench` (`make bench`): the quick benchmarks, one after another, each printing
its numbers; `python -m bench NAME ...` runs the named ones. The long scaling runs are
separate (`python -m bench.scaling all`, `python -m bench.kg_build --scales 1000`...).
"""

from __future__ import annotations

import subprocess
import sys

# name -> arguments for a run of a few minutes on 2 cores
QUICK: dict[str, list[str]] = {
    "cli_speed": ["--rounds", "3", "--before"],
    "shacl": [],
    "kg_build": ["--scales", "1", "10"],
    "fuzz_ingest": [],
    "search_recall": ["--scales", "10"],
    "assistant": [],
    "export_formats": ["--scales", "1", "10"],
    "serve_startup": [],
    "endpoint_load": [],
}


def main(argv: list[str]) -> int:
    names = argv or list(QUICK)
    unknown = [n for n in names if n not in QUICK]
    if unknown:
        print(f"error: unknown benchmark {', '.join(unknown)}; choose from {', '.join(QUICK)}")
        return 2
    failed = []
    for name in names:
        print(f"\n=== bench.{name} {' '.join(QUICK[name])}", flush=True)
        done = subprocess.run([sys.executable, "-m", f"bench.{name}", *QUICK[name]], check=False)
        if done.returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

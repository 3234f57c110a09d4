"""Build time of a real list and how it grows with the list: 1x, 2x, 4x concatenations.

The list (default: the architectures write-ups, ../shared/hub/other/) is concatenated k
times into one file (k copies of every section: more lines, spans and facts; the same
names, so entities merge) and built by the stages `vlmkg build --no-index` runs: ingest,
graph (records -> RDF, repair, SHACL), Oxigraph load. Each size runs in its own process.
Times are printed as seconds and as ratios to 1x; a line goes to bench/results/list_build.jsonl.

    python -m bench.list_build
    python -m bench.list_build --list path/to/list.md --scales 1 2 4 8
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LIST = ROOT.parent / "shared" / "hub" / "other" / "awesome-vlm-architectures.md"
RESULTS = ROOT / "bench" / "results" / "list_build.jsonl"


def measure(path: Path, copies: int) -> dict[str, object]:
    """Seconds per stage for `copies` concatenations of the list (run in this process)."""
    import ingest
    from kg.builds import write_build

    with tempfile.TemporaryDirectory() as tmp:
        hub = Path(tmp) / path.name
        text = path.read_text("utf-8")
        hub.write_text("\n".join([text] * copies), encoding="utf-8")
        started = time.perf_counter()
        records = ingest.read_hubs([hub])
        ingested = time.perf_counter()
        stages: dict[str, float] = {}
        clock = [ingested]

        def log(line: str) -> None:
            now = time.perf_counter()
            stage = line.split(":", 1)[0]
            if not line.startswith("warning"):
                stages[stage] = stages.get(stage, 0.0) + now - clock[0]
                clock[0] = now

        build = write_build(records, Path(tmp) / "home", [hub], index=False, strict=False, log=log)
        total = time.perf_counter() - started
        manifest = json.loads((build / "manifest.json").read_text("utf-8"))
    return {
        "copies": copies,
        "bytes": len(text.encode("utf-8")) * copies,
        "records": len(records),
        "triples": manifest["counts"]["triples"],
        "ingest_s": round(ingested - started, 2),
        "graph_s": round(stages.get("graph", 0.0), 2),
        "shacl_s": round(stages.get("SHACL shapes", 0.0), 2),
        "store_s": round(stages.get("store", 0.0), 2),
        "total_s": round(total, 2),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=Path, default=DEFAULT_LIST)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one size, JSON out
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.list, args.one)))
        return 0
    rows = []
    for copies in args.scales:
        command = [sys.executable, "-m", "bench.list_build", "--list", str(args.list)]
        done = subprocess.run(
            [*command, "--one", str(copies)], capture_output=True, text=True, check=True, cwd=ROOT
        )
        rows.append(json.loads(done.stdout.splitlines()[-1]))
    base = rows[0]
    print(f"{args.list.name}: build time by size (ratios to {base['copies']}x)")
    header = (
        "copies  records  triples  ingest s  graph+SHACL s  store s  total s  x time  x triples"
    )
    print(header)
    for row in rows:
        graph = row["graph_s"] + row["shacl_s"]
        print(
            f"{row['copies']:>6}  {row['records']:>7}  {row['triples']:>7}  {row['ingest_s']:>8}"
            f"  {graph:>13.2f}  {row['store_s']:>7}  {row['total_s']:>7}"
            f"  {row['total_s'] / base['total_s']:>6.2f}  {row['triples'] / base['triples']:>9.2f}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"list": args.list.name, "rows": rows}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

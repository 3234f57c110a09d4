"""Build time and SPARQL latency: the bundled hub and synthetic hubs 10x, 100x, 1000x.

For each size (each in its own process, so peak memory is per size):
  - build stages: ingest, triples, rdflib Graph, SHACL (pyshacl), Oxigraph load; peak RSS;
    store size on disk. Big sizes skip the stages that hold the graph in rdflib (the
    triples then stream into Oxigraph in batches) — the report says which ran.
  - SPARQL latency (p50/p95 ms) of five typical queries on Oxigraph through
    `kg.oxigraph_store.OxigraphStore.query` (pyoxigraph directly), on the same store
    through rdflib's API (oxrdflib), and on rdflib's in-memory store, with ratios.

    python -m bench.kg_build                       # 1x (bundled), 10x, 100x
    python -m bench.kg_build --scales 1000 --no-rdflib
    python -m bench.kg_build --one 10              # one size, JSON on stdout
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, Literal

QUERIES: dict[str, str] = {
    "lookup by label": "SELECT ?m ?p ?o ?label WHERE { ?m rdfs:label ?label ; ?p ?o }",
    "reverse skos:broader*": (
        'SELECT DISTINCT ?m WHERE { ?m vlm:visionEncoder/skos:broader* ?f . ?f rdfs:label "CLIP" }'
    ),
    "aggregate by year": (
        "SELECT ?y (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a vlm:Model ; vlm:releaseYear ?y } "
        "GROUP BY ?y ORDER BY ?y"
    ),
    "two-hop join": (
        "SELECT ?l ?fam WHERE { ?m a vlm:Model ; rdfs:label ?l ; vlm:visionEncoder ?e . "
        "?e skos:broader ?f . ?f rdfs:label ?fam }"
    ),
    "FILTER regex": (
        "SELECT ?m ?d WHERE { ?m a vlm:Model ; dcterms:description ?d "
        'FILTER(REGEX(?d, "context window", "i")) }'
    ),
}
LOAD_BATCH = 500_000


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(stages: dict[str, float], name: str, fn: Callable[[], object]) -> object:
    started = time.perf_counter()
    value = fn()
    stages[name] = round(time.perf_counter() - started, 3)
    return value


def latency(run: Callable[[], object], budget: float, min_runs: int = 3) -> dict[str, float]:
    """p50/p95 in ms over as many runs as fit in `budget` seconds (after one warm-up)."""
    run()
    samples: list[float] = []
    spent = 0.0
    while len(samples) < min_runs or (spent < budget and len(samples) < 200):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
        spent += samples[-1] / 1000
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"p50": round(statistics.median(samples), 3), "p95": round(p95, 3), "runs": len(samples)}


def hub_file(scale: int, directory: Path) -> Path:
    if scale == 1:
        from vlmkg.config import bundled_hub

        return bundled_hub()
    from bench.synthetic import write

    return write(scale, directory / f"hub-{scale}x.md")


def one(scale: int, rdflib_max: int, shacl_max: int, budget: float) -> dict[str, object]:
    """Measure one size; returns the numbers as a dict."""
    import ingest
    from ingest.records import ModelRecord
    from kg.build import emit, triples
    from kg.oxigraph_store import OxigraphStore
    from kg.shacl import violations
    from kg.vocab import PREFIXES, sparql_prologue

    work = Path(tempfile.mkdtemp(prefix="vlmkg-bench-"))
    stages: dict[str, float] = {}
    report: dict[str, object] = {"scale": scale, "stages_s": stages}
    try:
        path = hub_file(scale, work)
        report["hub_bytes"] = path.stat().st_size
        records = timed(stages, "ingest", lambda: ingest.read_hubs([path]))
        assert isinstance(records, list)
        report["records"] = len(records)
        label = next(r.name for r in records if isinstance(r, ModelRecord))
        store_path = work / "store"
        graph: Graph | None = None
        if scale <= rdflib_max:
            triple_set = timed(stages, "triples", lambda: triples(records))
            assert isinstance(triple_set, set)
            report["triples"] = len(triple_set)

            def to_graph() -> Graph:
                g = Graph()
                for t in triple_set:
                    g.add(t)
                return g

            graph = timed(stages, "rdflib graph", to_graph)  # type: ignore[assignment]
            if len(triple_set) <= shacl_max:
                assert graph is not None
                found = timed(stages, "SHACL (pyshacl)", lambda: violations(graph))
                report["shacl_violations"] = len(found)  # type: ignore[arg-type]
            store = timed(
                stages, "oxigraph load", lambda: OxigraphStore.create(store_path, triple_set)
            )
            del triple_set
        else:
            store = OxigraphStore(store_path, read_only=False)
            batch: list = []

            def flush() -> None:
                store.load(batch)
                batch.clear()

            def stream() -> None:
                def sink(triple: object) -> None:
                    batch.append(triple)
                    if len(batch) >= LOAD_BATCH:
                        flush()

                emit(records, sink)
                flush()
                store.optimize()

            timed(stages, "triples + oxigraph load (streamed)", stream)
        assert isinstance(store, OxigraphStore)
        store.close()
        reader = OxigraphStore(store_path)
        report["triples"] = len(reader)
        stages["total"] = round(sum(stages.values()), 3)
        report["peak_rss_mb"] = round(peak_rss_mb())
        report["store_mb"] = round(
            sum(f.stat().st_size for f in store_path.rglob("*") if f.is_file()) / 1e6, 1
        )

        bindings = {"label": Literal(label)}
        prologue = sparql_prologue()
        latencies: dict[str, dict[str, object]] = {}
        for name, query in QUERIES.items():
            binds = bindings if "?label" in query else None
            rows = len(reader.query(query, binds).rows)
            entry: dict[str, object] = {"rows": rows}
            entry["oxigraph"] = latency(lambda q=query, b=binds: reader.query(q, b), budget)
            entry["oxrdflib"] = latency(
                lambda q=query, b=binds: list(
                    reader.graph.query(q, initNs=PREFIXES, initBindings=b or {})
                ),
                budget,
            )
            if graph is not None:
                parsed = prologue + query
                memory_rows = len(list(graph.query(parsed, initBindings=binds or {})))
                assert memory_rows == rows, (name, memory_rows, rows)
                entry["rdflib memory"] = latency(
                    lambda q=parsed, b=binds: list(graph.query(q, initBindings=b or {})), budget
                )
                entry["ratio memory/oxigraph p50"] = round(
                    entry["rdflib memory"]["p50"] / max(entry["oxigraph"]["p50"], 1e-3),
                    1,  # type: ignore[index]
                )
            latencies[name] = entry
        report["queries"] = latencies
        reader.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report


def print_report(reports: list[dict]) -> None:
    print("\n== build (seconds) ==")
    for r in reports:
        stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages_s"].items())
        print(
            f"{r['scale']:>5}x  {r['records']:>7} records  {r['triples']:>9} triples  "
            f"peak {r['peak_rss_mb']} MB  store {r['store_mb']} MB  | {stages}"
        )
    print("\n== SPARQL latency p50 / p95 (ms) ==")
    for r in reports:
        print(f"-- {r['scale']}x ({r['triples']} triples)")
        for name, q in r["queries"].items():
            cells = [f"{name:<22} rows {q['rows']:>6}"]
            for engine in ("oxigraph", "oxrdflib", "rdflib memory"):
                if engine in q:
                    cells.append(f"{engine} {q[engine]['p50']:.2f}/{q[engine]['p95']:.2f}")
            if "ratio memory/oxigraph p50" in q:
                cells.append(f"memory/oxigraph x{q['ratio memory/oxigraph p50']}")
            print("   " + "  |  ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scales", default="1,10,100", help="comma-separated sizes (1 = bundled hub)"
    )
    parser.add_argument("--one", type=int, help="measure one size in this process; print JSON")
    parser.add_argument("--rdflib-max", type=int, default=100, help="largest size held in rdflib")
    parser.add_argument("--shacl-max", type=int, default=3_000_000, help="most triples for pyshacl")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds per query and engine")
    parser.add_argument("--no-rdflib", action="store_true", help="never hold the graph in rdflib")
    parser.add_argument("--out", type=Path, default=Path("bench/out/kg_build.json"))
    args = parser.parse_args()
    rdflib_max = 0 if args.no_rdflib else args.rdflib_max
    if args.one is not None:
        print(json.dumps(one(args.one, rdflib_max, args.shacl_max, args.budget)))
        return
    reports = []
    for scale in (int(s) for s in args.scales.split(",")):
        command = [
            sys.executable, "-m", "bench.kg_build", "--one", str(scale),
            "--rdflib-max", str(rdflib_max), "--shacl-max", str(args.shacl_max),
            "--budget", str(args.budget),
        ]  # fmt: skip
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        reports.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"measured {scale}x", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(reports, indent=1) + "\n", encoding="utf-8")
    print_report(reports)
    print(f"\n(JSON: {args.out})")


if __name__ == "__main__":
    main()

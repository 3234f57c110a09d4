"""How the graph stores scale: build time, peak memory, disk, query latency at N x the hub.

    python -m bench.scaling run --backend oxigraph --scale 100   # one measurement
    python -m bench.scaling all --scales 1,100                   # every backend, fresh processes
    python -m bench.scaling report                               # markdown tables

Backends: `rdflib` (in-memory Graph), `oxigraph` (kg.oxigraph_store on disk), `virtuoso`
(kg.remote_store over HTTP; needs `bash scripts/virtuoso.sh start`). Each run is its own
process so peak RSS is its own; for Virtuoso the server's peak (VmHWM, after a restart)
is reported. Results are appended to bench/results/scaling.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from bench._synth_triples import hub_graph, ntriples, replicate
from kg.vocab import GRAPH, PREFIXES

RESULTS = Path(__file__).parent / "results" / "scaling.jsonl"
MEMORY_RESULTS = Path(__file__).parent / "results" / "rdflib_memory.jsonl"
BACKENDS = ("rdflib", "oxigraph", "virtuoso")
VIRTUOSO_ENDPOINT = "http://127.0.0.1:8890/sparql"
VIRTUOSO_DB = Path("/var/lib/virtuoso-opensource-7/db/virtuoso.db")
BENCH_GRAPH = "https://w3id.org/vlmkg/graph/bench"
LOADERS = ("ntriples", "triples")  # Oxigraph: its bulk_load of N-Triples, or bulk_extend
_NTRIPLES_CHUNK = 20  # copies per bulk_load call (~85 MB of N-Triples)
QUERY_BUDGET_S = 60.0  # stop repeating a query after this much time (at least 2 timed runs)

QUERIES = {
    "label lookup": "SELECT ?m WHERE {{ ?m rdfs:label {label} }}",
    # The family bound first: the path from the family down, then the models. Written as
    # one path (the next query) Oxigraph walks it from every model: linear in graph size.
    "family (broader*)": (
        "SELECT ?m WHERE {{ ?e skos:broader* {family} . ?m vlm:visionEncoder ?e }}"
    ),
    "family (one path)": "SELECT ?m WHERE {{ ?m vlm:visionEncoder/skos:broader* {family} }}",
    "count by year": """SELECT ?y (COUNT(?m) AS ?n) WHERE {{
        ?m a vlm:Model ; vlm:releaseYear ?y }} GROUP BY ?y""",
    "two-hop join": """SELECT ?l (COUNT(?m) AS ?n) WHERE {{
        ?m vlm:result ?r . ?r vlm:benchmark ?b . ?b rdfs:label ?l }}
        GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 10""",
    "regex filter": """SELECT (COUNT(?s) AS ?n) WHERE {{
        ?s rdfs:label ?l FILTER(REGEX(?l, "qwen", "i")) }}""",
}

Query = Callable[[str], int]  # runs a query, returns the number of rows


def queries(graph: Graph) -> dict[str, str]:
    """The five queries, aimed at a label and an encoder family of copy 0."""
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    label = _first(graph, "SELECT ?l WHERE { ?m a vlm:Model ; rdfs:label ?l } ORDER BY ?l")
    family = _first(
        graph,
        """SELECT ?f WHERE { ?m vlm:visionEncoder/skos:broader* ?f }
           GROUP BY ?f ORDER BY DESC(COUNT(DISTINCT ?m)) ?f""",
    )
    values = {"label": label.n3(), "family": family.n3()}
    return {name: prologue + text.format(**values) for name, text in QUERIES.items()}


def _first(graph: Graph, query: str) -> Node:
    row = next(iter(graph.query(query, initNs=PREFIXES)))
    return row[0]  # type: ignore[index]


# -- one measurement -----------------------------------------------------------------------


def run(backend: str, scale: int, loader: str = LOADERS[0]) -> dict[str, object]:
    """Load scale x the hub into `backend`, then time the queries."""
    base = hub_graph()
    texts = queries(base)
    if backend == "virtuoso":
        _virtuoso_restart()
    rss_before = _peak_rss_mb()
    load_before = os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    load = {"rdflib": _rdflib, "oxigraph": _oxigraph, "virtuoso": _virtuoso}[backend]
    with tempfile.TemporaryDirectory(prefix="vlmkg-bench-") as tmp:
        query, extra, close = load(base, scale, Path(tmp), loader)
        build_s = time.perf_counter() - started
        build_cpu_s = time.process_time() - cpu_started
        cpu = _virtuoso_cpu_seconds if backend == "virtuoso" else time.process_time
        latencies = {name: _time_query(query, text, cpu) for name, text in texts.items()}
        close()
    result: dict[str, object] = {
        "backend": backend,
        "scale": scale,
        "triples": len(base) * scale,
        "build_s": round(build_s, 2),
        "build_cpu_s": round(build_cpu_s, 2),  # this process's threads (not Virtuoso's)
        "peak_rss_mb": _peak_rss_mb(),
        "rss_before_load_mb": rss_before,
        "queries": latencies,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        # The machine is shared: the 1-minute load average at the start and at the end.
        "load_avg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        **extra,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(result) + "\n")
    return result


def _rdflib(
    base: Graph, scale: int, _: Path, __: str
) -> tuple[Query, dict[str, object], Callable[[], None]]:
    graph = Graph()
    graph.addN((s, p, o, graph) for s, p, o in replicate(base, scale))

    def query(text: str) -> int:
        return len(list(graph.query(text)))

    return query, {"disk_mb": None}, lambda: None


def _oxigraph(
    base: Graph, scale: int, tmp: Path, loader: str
) -> tuple[Query, dict[str, object], Callable[[], None]]:
    import pyoxigraph as ox

    from kg.oxigraph_store import OxigraphStore

    path = tmp / "store"
    if loader == "triples":  # rdflib terms -> pyoxigraph quads in Python, bulk_extend
        OxigraphStore.create(path, replicate(base, scale)).close()
    else:  # N-Triples text parsed by Oxigraph's own bulk loader, in Rust
        writer = OxigraphStore(path, read_only=False)
        for chunk in ntriples(base, scale, per_chunk=_NTRIPLES_CHUNK):
            writer.inner.bulk_load(
                input=chunk.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPH)
            )
        writer.inner.flush()
        writer.optimize()
        writer.close()
    disk_mb = _du_mb(path)
    store = OxigraphStore(path)

    def query(text: str) -> int:
        return len(store.query(text).rows)

    return query, {"disk_mb": disk_mb, "loader": loader}, store.close


def _virtuoso(
    base: Graph, scale: int, _: Path, __: str
) -> tuple[Query, dict[str, object], Callable[[], None]]:
    from kg.remote_store import RemoteSparqlStore
    from kg.store_config import read_auth_file

    credentials = read_auth_file(Path("~/.vlmkg-store-credentials").expanduser())
    store = RemoteSparqlStore(VIRTUOSO_ENDPOINT, BENCH_GRAPH, credentials, timeout=600)
    used_before = _virtuoso_used_mb()
    store.batch_size = 50_000
    store.load_graph(replicate(base, scale))
    extra: dict[str, object] = {
        "disk_mb": round(_virtuoso_used_mb() - used_before, 1),
        "db_file_mb": round(VIRTUOSO_DB.stat().st_size / 2**20, 1),
        "server_peak_rss_mb": _virtuoso_peak_rss_mb(),
    }

    def query(text: str) -> int:
        return len(store.query(text).rows)

    def close() -> None:
        store.drop_graph()
        store.close()

    return query, extra, close


def _time_query(query: Query, text: str, cpu: Callable[[], float]) -> dict[str, object]:
    """p50 / p95 wall-clock ms over timed runs after one warm-up run; mean CPU ms; rows.

    CPU time is the work done (this process, or the Virtuoso server plus this process),
    which a busy machine does not inflate the way it inflates wall-clock time.
    """
    rows = query(text)  # warm-up: caches, plan caches, page cache
    times: list[float] = []
    cpu_times: list[float] = []
    spent = 0.0
    while len(times) < 20 and (spent < QUERY_BUDGET_S or len(times) < 2):
        started, cpu_started = time.perf_counter(), cpu()
        query(text)
        elapsed = time.perf_counter() - started
        cpu_times.append((cpu() - cpu_started) * 1000)
        times.append(elapsed * 1000)
        spent += elapsed
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(p95, 2),
        "cpu_ms": round(sum(cpu_times) / len(cpu_times), 2),
        "runs": len(times),
        "rows": rows,
    }


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _du_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


def _virtuoso_restart() -> None:
    """A fresh server process, so its peak RSS is this run's; old bench graphs dropped."""
    script = Path(__file__).parents[1] / "scripts" / "virtuoso.sh"
    subprocess.run(["bash", str(script), "stop"], check=True)
    subprocess.run(["bash", str(script), "start"], check=True, stdout=subprocess.DEVNULL)
    from kg.remote_store import RemoteSparqlStore
    from kg.store_config import read_auth_file

    credentials = read_auth_file(Path("~/.vlmkg-store-credentials").expanduser())
    with RemoteSparqlStore(VIRTUOSO_ENDPOINT, BENCH_GRAPH, credentials) as store:
        store.drop_graph()


def _virtuoso_used_mb() -> float:
    """Pages in use in the database file after a checkpoint, in MB (8 KB pages)."""
    password = os.environ.get("VIRTUOSO_DBA_PASSWORD", "dba")
    status = subprocess.run(
        ["isql-vt", "1111", "dba", password, "exec=checkpoint; status('');"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return pages_in_use_mb(status)


def pages_in_use_mb(status: str) -> float:
    """MB of database pages in use (8 KB pages) from the text of Virtuoso's `status('')`."""
    match = re.search(r"(\d+) pages, (\d+) free", status)
    if match is None:
        raise RuntimeError(f"no page counts in Virtuoso's status: {status[:200]}")
    pages, free = map(int, match.groups())
    return (pages - free) * 8192 / 2**20


def _virtuoso_cpu_seconds() -> float:
    """CPU seconds used by the Virtuoso server and by this process (the client)."""
    pid = Path("/var/run/virtuoso-opensource-7.pid").read_text().strip()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    server = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return server + time.process_time()


def _virtuoso_peak_rss_mb() -> float | None:
    pid_file = Path("/var/run/virtuoso-opensource-7.pid")
    try:
        status = Path(f"/proc/{pid_file.read_text().strip()}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def rdflib_memory(scales: list[int]) -> dict[str, object]:
    """rdflib's resident memory as one in-memory Graph grows to each scale (one process).

    Returns the RSS (VmRSS, after a collection) at each scale and the growth per added
    triple between the first and last scale, from which larger graphs are projected.
    """
    import gc

    base = hub_graph()
    graph = Graph()
    have = 0
    rss: dict[int, float] = {}
    for scale in sorted(scales):
        graph.addN((s, p, o, graph) for s, p, o in _copies(base, have, scale))
        have = scale
        gc.collect()
        rss[scale] = _rss_mb()
    first, last = min(rss), max(rss)
    per_triple = (rss[last] - rss[first]) * 2**20 / (len(base) * (last - first))
    return {
        "backend": "rdflib",
        "measure": "memory",
        "triples": {scale: len(base) * scale for scale in rss},
        "rss_mb": rss,
        "bytes_per_triple": round(per_triple),
        "projected_rss_mb": {
            n: round(rss[last] + per_triple * len(base) * (n - last) / 2**20) for n in (1000, 10000)
        },
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_avg": round(os.getloadavg()[0], 2),
    }


def _copies(base: Graph, first: int, last: int) -> Iterator[tuple[Node, Node, Node]]:
    """Copies first .. last - 1 of `base`, renamed as `replicate` renames them."""
    for k, triple in enumerate(replicate(base, last)):
        if k >= first * len(base):
            yield triple


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError("no VmRSS in /proc/self/status")


# -- all runs, and the report ----------------------------------------------------------------


def run_all(scales: list[int], backends: list[str]) -> None:
    """Each (backend, scale) in a fresh process, so each peak RSS is its own."""
    for scale in scales:
        for backend in backends:
            print(f"-- {backend} x{scale}", file=sys.stderr, flush=True)
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.scaling",
                    "run",
                    "--backend",
                    backend,
                    "--scale",
                    str(scale),
                ],
                check=False,
            )


def report(path: Path = RESULTS) -> str:
    """Markdown tables of the latest result per (backend, scale)."""
    latest: dict[tuple[str, int], dict[str, object]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        latest[(result["backend"], result["scale"])] = result
    scales = sorted({scale for _, scale in latest})
    lines = [
        "| scale | triples | backend | build s | x rdflib | peak RSS MB | x rdflib | disk MB |",
        "|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for scale in scales:
        ref = latest.get(("rdflib", scale))
        for backend in BACKENDS:
            r = latest.get((backend, scale))
            if r is None:
                continue
            rss = r.get("server_peak_rss_mb") or r["peak_rss_mb"]
            added = r.get("copies_loaded")  # a bulk load that added copies to a loaded graph
            build = f"{r['build_s']} (copies {added[0]}-{added[1] - 1})" if added else r["build_s"]
            lines.append(
                f"| {scale}x | {r['triples']:,} | {backend} | {build} | "
                f"{_ratio(r['build_s'], ref and ref['build_s'])} | {rss} | "
                f"{_ratio(rss, ref and ref['peak_rss_mb'])} | {r['disk_mb'] or '-'} |"
            )
    lines += [
        "",
        "| scale | query | " + " | ".join(f"{b} p50 / p95 ms" for b in BACKENDS) + " | rows |",
        "|---:|---|" + "---:|" * 4,
    ]
    for scale in scales:
        for name in QUERIES:
            cells, rows = [], set()
            ref = latest.get(("rdflib", scale))
            ref_q = ref["queries"].get(name) if ref else None  # type: ignore[attr-defined]
            ref_p50 = ref_q["p50_ms"] if ref_q else None
            for backend in BACKENDS:
                r = latest.get((backend, scale))
                q = r["queries"].get(name) if r else None  # type: ignore[attr-defined]
                if q is None:  # not run, or measured before this query was added
                    cells.append("-")
                    continue
                rows.add(q["rows"])
                ratio = _ratio(q["p50_ms"], ref_p50)
                cpu = f", cpu {q['cpu_ms']}" if "cpu_ms" in q else ""
                cells.append(f"{q['p50_ms']} / {q['p95_ms']} ({ratio}{cpu})")
            lines.append(
                f"| {scale}x | {name} | "
                + " | ".join(cells)
                + f" | {'/'.join(map(str, sorted(rows)))} |"
            )
    return "\n".join(lines)


def _ratio(value: object, reference: object) -> str:
    if (
        not isinstance(value, int | float)
        or not isinstance(reference, int | float)
        or not reference
    ):
        return "-"
    return f"{value / reference:.2g}x"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("run", help="one backend at one scale")
    one.add_argument("--backend", choices=BACKENDS, required=True)
    one.add_argument("--scale", type=int, default=1)
    one.add_argument("--loader", choices=LOADERS, default=LOADERS[0], help="Oxigraph only")
    every = commands.add_parser("all", help="every backend at the given scales")
    every.add_argument("--scales", default="1,100")
    every.add_argument("--backends", default=",".join(BACKENDS))
    commands.add_parser("report", help="print the markdown tables")
    memory = commands.add_parser("rdflib-memory", help="rdflib's RSS growth per triple")
    memory.add_argument("--scales", default="1,10,100")
    args = parser.parse_args(argv)
    if args.command == "run":
        print(json.dumps(run(args.backend, args.scale, args.loader), indent=1))
    elif args.command == "all":
        run_all([int(s) for s in args.scales.split(",")], args.backends.split(","))
        print(report())
    elif args.command == "rdflib-memory":
        result = rdflib_memory([int(s) for s in args.scales.split(",")])
        with MEMORY_RESULTS.open("a", encoding="utf-8") as out:
            out.write(json.dumps(result) + "\n")
        print(json.dumps(result, indent=1))
    else:
        print(report())


if __name__ == "__main__":
    main()

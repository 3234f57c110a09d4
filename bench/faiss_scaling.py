"""FAISS at N x the hub: index build time and size, query latency, HNSW recall vs exact.

    python -m bench.faiss_scaling --scales 1,10,100,1000
    python -m bench.faiss_scaling report

Copy 0 holds the real embeddings (search.embed, the bundled model) of every labelled
entity of the hub (label + description). Copy k is copy 0 plus Gaussian noise, unit
normalised (cosine ~0.95 to its original): N hubs that describe the same field in other
words. Queries are noisy copies of random entities. Both indexes come from
`search.index.make_faiss_index` ("flat" = exact IndexFlatIP, "hnsw" = IndexHNSWFlat M=32,
efConstruction 80, efSearch 128); recall@10 is HNSW's top 10 against the exact top 10.
Builds use all cores; queries are timed one at a time on one thread.
Results are appended to bench/results/faiss.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

RESULTS = Path(__file__).parent / "results" / "faiss.jsonl"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser() / "vlmkg-bench"
QUERIES = 200
K = 10
NOISE = 0.3  # per-vector noise norm relative to the unit vector


def base_vectors() -> np.ndarray:
    """Real embeddings of the hub's labelled entities (cached between runs)."""
    cached = CACHE / "hub-entities.npy"
    if cached.is_file():
        return np.load(cached)
    from bench._synth_triples import hub_graph
    from kg.vocab import PREFIXES
    from search.embed import embed, load_encoder

    graph = hub_graph()
    rows = graph.query(
        """SELECT ?s (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?text) WHERE {
             ?s rdfs:label ?l OPTIONAL { ?s dcterms:description ?d } } GROUP BY ?s""",
        initNs=PREFIXES,
    )
    texts = sorted(f"{label}. {text or ''}".strip() for _, label, text in rows)  # type: ignore[misc]
    vectors = embed(load_encoder(), texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(cached, vectors)
    return vectors


def _noisy(vectors: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    noise = rng.standard_normal(vectors.shape).astype(np.float32)
    noise *= NOISE / np.sqrt(vectors.shape[1])
    out = vectors + noise
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def synthetic(base: np.ndarray, scale: int, seed: int = 0) -> np.ndarray:
    """`scale` copies of `base` (copy 0 exact, the others noisy), shape (n * scale, d)."""
    rng = np.random.default_rng(seed)
    out = np.empty((len(base) * scale, base.shape[1]), dtype=np.float32)
    out[: len(base)] = base
    for k in range(1, scale):
        out[k * len(base) : (k + 1) * len(base)] = _noisy(base, rng)
    return out


def measure(scale: int, hnsw: bool = True) -> dict[str, object]:
    """Build both indexes over `scale` x the hub's vectors; time queries; HNSW recall@10."""
    import faiss

    from search.index import make_faiss_index

    base = base_vectors()
    vectors = synthetic(base, scale)
    rng = np.random.default_rng(1)
    queries = _noisy(base[rng.integers(0, len(base), QUERIES)], rng)
    result: dict[str, object] = {"scale": scale, "vectors": len(vectors), "dim": base.shape[1]}
    exact_ids = None
    for kind in ("flat", "hnsw") if hnsw else ("flat",):
        started = time.perf_counter()
        index = make_faiss_index(vectors, kind)
        build_s = time.perf_counter() - started
        # One thread per query: on a busy machine OpenMP's barriers dominate a single search.
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        times, found = [], []
        for query in queries:
            started = time.perf_counter()
            _, ids = index.search(query[None, :], K)
            times.append((time.perf_counter() - started) * 1000)
            found.append(ids[0])
        faiss.omp_set_num_threads(threads)
        times.sort()
        entry: dict[str, object] = {
            "build_s": round(build_s, 2),
            "size_mb": round(len(faiss.serialize_index(index)) / 2**20, 1),
            "p50_ms": round(statistics.median(times), 3),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 3),
        }
        if kind == "flat":
            exact_ids = found
        else:
            assert exact_ids is not None
            hits = sum(len(set(a) & set(b)) for a, b in zip(found, exact_ids, strict=True))
            entry["recall_at_10"] = round(hits / (K * len(found)), 4)
        result[kind] = entry
        del index
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(result) + "\n")
    return result


def report(path: Path = RESULTS) -> str:
    """A markdown table of the latest result per scale."""
    latest = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        latest[result["scale"]] = result
    lines = [
        "| scale | vectors | flat build s | flat MB | flat p50 / p95 ms "
        "| HNSW build s | HNSW MB | HNSW p50 / p95 ms | HNSW recall@10 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for scale in sorted(latest):
        r = latest[scale]
        flat, hnsw = r["flat"], r.get("hnsw")
        cells = [
            f"{scale}x",
            f"{r['vectors']:,}",
            str(flat["build_s"]),
            str(flat["size_mb"]),
            f"{flat['p50_ms']} / {flat['p95_ms']}",
        ]
        if hnsw:
            cells += [
                str(hnsw["build_s"]),
                str(hnsw["size_mb"]),
                f"{hnsw['p50_ms']} / {hnsw['p95_ms']}",
                str(hnsw["recall_at_10"]),
            ]
        else:
            cells += ["-"] * 4
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.faiss_scaling", description=__doc__)
    parser.add_argument("command", nargs="?", default="run", choices=("run", "report"))
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--no-hnsw", action="store_true", help="exact index only")
    args = parser.parse_args(argv)
    if args.command == "run":
        for scale in (int(s) for s in args.scales.split(",")):
            print(json.dumps(measure(scale, hnsw=not args.no_hnsw)), file=sys.stderr, flush=True)
    print(report())


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    main()

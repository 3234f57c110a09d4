"""Search quality and speed: recall of paraphrased descriptions, latency, index build time.

    python -m bench.search_recall                 # bundled hub + synthetic 10x, 1000x
    python -m bench.search_recall --scales 10     # fewer synthetic scales

1. Recall@1/@5 (and MRR) of the intended entity for the paraphrases in
   `bench/search_queries.yaml`, for dense alone, BM25 alone and hybrid.
2. Warm query latency p50/p95 per mode (the model loaded, after a warm-up).
3. Index build time for the bundled hub (units from the graph, embedding, FAISS, BM25).
4. Synthetic hubs N x the bundled one (`bench._synth_triples.replicate`: renamed copies):
   units from a real Oxigraph store and a full index build for small N; for N = 1000 the
   units are the bundled units renamed N times, FAISS (flat and HNSW) and BM25 are built
   and timed on all of them, and embedding time is the measured throughput times N (a
   full embedding of ~350k texts takes most of an hour on 2 CPU cores).
5. Exact search (the retriever's matrix product over a flat index) vs FAISS HNSW: query
   latency and HNSW recall@10 by index size, which sets `search.index.HNSW_THRESHOLD`.
   The vectors are noisy copies of the hub's real vectors, so they cluster like real
   ones; HNSW recall on truly new text may be lower.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from search.embed import embed, load_encoder
from search.index import build_index, choose_index_kind, load_index, make_faiss_index
from search.lexical import LexicalIndex
from search.retrieve import Retriever, exact_scores
from search.units import Unit, units_from_store

QUERIES = Path(__file__).with_name("search_queries.yaml")


def timed(action: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def build_bundled(home: Path, scale: int = 1) -> Path:
    """A build of the bundled hub (renamed copies when `scale` > 1), without index."""
    import ingest
    from kg.builds import write_build
    from vlmkg.config import bundled_hub

    if scale == 1:
        records = ingest.read_hubs([bundled_hub()])
        return write_build(records, home, [bundled_hub()], index=False)
    from bench._synth_triples import hub_graph, replicate
    from kg.oxigraph_store import OxigraphStore

    build_dir = home / f"synthetic-{scale}x"
    build_dir.mkdir(parents=True)
    OxigraphStore.create(build_dir / "store", replicate(hub_graph(), scale)).close()
    (build_dir / "manifest.json").write_text(f'{{"synthetic": {scale}}}\n')
    return build_dir


def load_queries(path: Path = QUERIES) -> list[dict[str, Any]]:
    queries: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return queries


VARIANTS: dict[str, dict[str, Any]] = {
    "hybrid": {"mode": "hybrid"},
    "hybrid, no alias-first": {"mode": "hybrid", "alias_first": False},
    "dense": {"mode": "dense"},
    "lexical (BM25)": {"mode": "lexical"},
}


def rank_of(
    retriever: Retriever, item: dict[str, Any], options: dict[str, Any], k: int = 10
) -> int | None:
    """1-based rank of the intended entity among the top k, or None."""
    wanted = {item["label"], *item.get("also", ())}
    for rank, hit in enumerate(retriever.search(item["query"], k=k, **options), 1):
        if hit.label in wanted and (not item.get("type") or hit.type == item["type"]):
            return rank
    return None


def recall(retriever: Retriever, queries: Sequence[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """recall@1, recall@5 and MRR@10 per variant; hybrid misses at @1 are printed."""
    table = {}
    for name, options in VARIANTS.items():
        ranks = [rank_of(retriever, q, options) for q in queries]
        table[name] = {
            "recall@1": sum(r == 1 for r in ranks) / len(ranks),
            "recall@5": sum(r is not None and r <= 5 for r in ranks) / len(ranks),
            "mrr@10": sum(1 / r for r in ranks if r) / len(ranks),
        }
        if name == "hybrid":
            for q, r in zip(queries, ranks, strict=True):
                if r is None or r > 1:
                    top = retriever.search(q["query"], k=1, **options)[0].label
                    print(f"  hybrid rank {r}: {q['label']!r} (top: {top!r}) <- {q['query']}")
    return table


def latency(
    retriever: Retriever, queries: Sequence[str], mode: str, cached: bool = False
) -> tuple[float, float]:
    """p50 and p95 in ms of warm queries: model loaded, query vectors cached or not."""
    if not cached:
        retriever.clear_cache()
    for query in queries[:5]:
        retriever.search(query + " warm-up", k=10, mode=mode)
    for query in queries if cached else ():
        retriever.search(query, k=10, mode=mode)
    times = []
    for query in queries:
        _, seconds = timed(partial(retriever.search, query, k=10, mode=mode))
        times.append(seconds * 1000)
    return statistics.median(times), float(np.percentile(times, 95))


def renamed(units: Sequence[Unit], copies: int) -> list[Unit]:
    """`copies` renamed copies of `units` (labels and IRIs suffixed, as in replicate())."""
    out = list(units)
    for k in range(1, copies):
        for u in units:
            out.append(
                Unit(
                    iri=f"{u.iri}-x{k}",
                    label=f"{u.label} #{k}",
                    type=u.type,
                    text=u.text.replace(u.label, f"{u.label} #{k}", 1),
                    source=u.source,
                    types=u.types,
                    aliases=u.aliases,
                    years=u.years,
                    neighbours=tuple(f"{n}-x{k}" for n in u.neighbours),
                )
            )
    return out


def _exact_top(matrix: np.ndarray, query: np.ndarray, k: int) -> np.ndarray:
    """What the retriever does for a flat index: one matrix product and a partial sort."""
    scores = exact_scores(matrix, query)
    top = np.argpartition(-scores, k)[:k]
    return top[np.argsort(-scores[top])]


def faiss_kinds(vectors: np.ndarray, sizes: Sequence[int], seed: int = 0) -> None:
    """Exact vs HNSW latency and HNSW recall@10 on perturbed copies of real vectors."""
    rng = np.random.default_rng(seed)
    print("\n## Exact (flat) vs HNSW, 384-d, 1 query at a time, top 50")
    print("| vectors | exact p50 ms | hnsw p50 ms | hnsw build s | hnsw recall@10 |")
    print("|---:|---:|---:|---:|---:|")
    for size in sizes:
        base = vectors[rng.integers(0, len(vectors), size)]
        data = base + rng.normal(0, 0.35 / np.sqrt(base.shape[1]), base.shape).astype("float32")
        data /= np.linalg.norm(data, axis=1, keepdims=True)
        queries = data[rng.integers(0, size, 100)] + rng.normal(0, 0.02, (100, data.shape[1]))
        queries = (queries / np.linalg.norm(queries, axis=1, keepdims=True)).astype("float32")
        hnsw, build_s = timed(partial(make_faiss_index, data, "hnsw"))
        flat_ms, hnsw_ms, hits = [], [], 0
        for q in queries:
            exact, t_flat = timed(partial(_exact_top, data, q, 50))
            (_, approx), t_hnsw = timed(partial(hnsw.search, q[None], 50))
            flat_ms.append(t_flat * 1000)
            hnsw_ms.append(t_hnsw * 1000)
            hits += len(set(exact[:10].tolist()) & set(approx[0][:10].tolist()))
        print(
            f"| {size} | {statistics.median(flat_ms):.2f} | {statistics.median(hnsw_ms):.2f}"
            f" | {build_s:.1f} | {hits / (10 * len(queries)):.3f} |"
        )


def synthetic(
    encoder: Any, bundled_units: Sequence[Unit], scales: Sequence[int], work: Path
) -> None:
    print("\n## Index build time, synthetic hubs")
    print("| scale | units | units from store s | embed s | faiss s | bm25 s | total s | note |")
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    sample = [u.text for u in renamed(bundled_units, 6)[len(bundled_units) :]][:2000]
    _, sample_s = timed(lambda: embed(encoder, sample))
    per_text = sample_s / len(sample)
    for scale in scales:
        if scale <= 10:
            build_dir = build_bundled(work, scale)
            from kg.oxigraph_store import OxigraphStore

            with OxigraphStore(build_dir / "store") as store:
                units, units_s = timed(partial(units_from_store, store))
            meta, total = timed(partial(build_index, build_dir, encoder=encoder))
            print(
                f"| {scale}x | {meta.count} | {units_s:.1f} | - | - | - | "
                f"{total:.1f} | measured (incl. units), {meta.index_kind} |"
            )
            continue
        units = renamed(bundled_units, scale)
        vectors = np.tile(embed(encoder, [u.text for u in bundled_units]), (scale, 1))
        kind = choose_index_kind(len(units))
        _, faiss_s = timed(partial(make_faiss_index, vectors, kind))
        _, bm25_s = timed(partial(LexicalIndex.build, [x.text for x in units]))
        embed_s = per_text * len(units)
        print(
            f"| {scale}x | {len(units)} | - | {embed_s:.0f} (est.) | {faiss_s:.1f} | "
            f"{bm25_s:.1f} | {embed_s + faiss_s + bm25_s:.0f} (est.) | embedding = "
            f"{1 / per_text:.0f} texts/s measured on {len(sample)} texts x {len(units)}; "
            f"{kind} |"
        )


def compare_engines() -> None:
    """Recall of the bundled hub's index embedded by each engine (VLMKG_EMBED_ENGINE)."""
    from search.embed import ENGINE_ENV

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    queries = load_queries()
    with tempfile.TemporaryDirectory(prefix="vlmkg-bench-search-") as tmp:
        build_dir = build_bundled(Path(tmp) / "home")
        print(f"\n## Recall over {len(queries)} paraphrased descriptions, by encoder engine")
        print("| engine | retrieval | recall@1 | recall@5 | MRR@10 | index build s |")
        print("|---|---|---:|---:|---:|---:|")
        for engine in ("numpy", "torch"):
            os.environ[ENGINE_ENV] = engine
            encoder = load_encoder()
            _, index_s = timed(partial(build_index, build_dir, encoder=encoder, force=True))
            table = recall(Retriever(load_index(build_dir), encoder), queries)
            for mode, row in table.items():
                print(
                    f"| {engine} | {mode} | {row['recall@1']:.3f} | {row['recall@5']:.3f} | "
                    f"{row['mrr@10']:.3f} | {index_s:.1f} |",
                    flush=True,
                )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10,1000", help="synthetic scales, comma-separated")
    parser.add_argument("--faiss-sizes", default="10000,20000,50000,100000")
    parser.add_argument(
        "--compare-engines",
        action="store_true",
        help="only recall, with the numpy encoder and with sentence-transformers on torch",
    )
    args = parser.parse_args(argv)
    if args.compare_engines:
        compare_engines()
        return
    encoder, load_s = timed(load_encoder)
    print(
        f"model load: {load_s:.1f}s; load average at start: {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory(prefix="vlmkg-bench-search-") as tmp:
        work = Path(tmp)
        build_dir, graph_s = timed(lambda: build_bundled(work / "home"))
        meta, index_s = timed(lambda: build_index(build_dir, encoder=encoder))
        print(
            f"\n## Bundled hub: {meta.count} units, graph build {graph_s:.1f}s, "
            f"index build {index_s:.1f}s (units + embedding + FAISS {meta.index_kind} + BM25)"
        )
        retriever = Retriever(load_index(build_dir), encoder)
        queries = load_queries()
        print(f"\n## Recall over {len(queries)} paraphrased descriptions")
        table = recall(retriever, queries)
        print("| retrieval | recall@1 | recall@5 | MRR@10 |")
        print("|---|---:|---:|---:|")
        for mode, row in table.items():
            print(
                f"| {mode} | {row['recall@1']:.3f} | {row['recall@5']:.3f} | {row['mrr@10']:.3f} |"
            )
        print("\n## Warm query latency (k=10), bundled hub")
        print("| mode | p50 ms | p95 ms |")
        print("|---|---:|---:|")
        texts = [q["query"] for q in queries]
        for mode in ("hybrid", "dense", "lexical"):
            p50, p95 = latency(retriever, texts, mode)
            print(f"| {mode} | {p50:.1f} | {p95:.1f} |")
        p50, p95 = latency(retriever, texts, "hybrid", cached=True)
        print(f"| hybrid, query vector cached (all but the encoder) | {p50:.2f} | {p95:.2f} |")
        scales = [int(s) for s in args.scales.split(",") if s]
        if scales:
            synthetic(encoder, retriever.units, scales, work)
        sizes = [int(s) for s in args.faiss_sizes.split(",") if s]
        if sizes:
            stored = retriever.index.vectors
            faiss_kinds(stored.reconstruct_n(0, stored.ntotal), sizes)


if __name__ == "__main__":
    main()

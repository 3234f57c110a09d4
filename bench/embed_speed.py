"""Encoding the bundled hub's units: CPU and wall time by batch size, engine and threads.

    python -m bench.embed_speed                     # numpy, batch sizes 8, 32, 128, 1 thread
    python -m bench.embed_speed --engines numpy,torch --batches 32
    python -m bench.embed_speed --batches 32 --workers 1,2 --blas 1,2

`--workers N`: `search.embed.embed` runs the numpy encoder's batches on N threads (each
with one BLAS thread); `--blas N`: one thread of batches, BLAS (and torch) on N threads.
CPU seconds, which a busy machine inflates less than wall time, and wall seconds; both
engines sort the texts by length before batching.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.embed_speed", description=__doc__)
    parser.add_argument("--engines", default="numpy")
    parser.add_argument("--batches", default="8,32,128")
    parser.add_argument("--workers", default="1", help="threads of batches (numpy encoder)")
    parser.add_argument("--blas", default="1", help="BLAS / torch threads, one thread of batches")
    args = parser.parse_args(argv)
    from bench.search_recall import build_bundled
    from search.embed import ENGINE_ENV, embed, load_encoder, threads
    from search.index import open_store
    from search.units import units_from_store

    with tempfile.TemporaryDirectory(prefix="vlmkg-bench-embed-") as tmp:
        store = open_store(build_bundled(Path(tmp) / "home"))
        texts = [u.text for u in units_from_store(store)]
        store.close()
    print(f"{len(texts)} units; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("| engine | batch | batch threads | BLAS threads | CPU s | wall s | load |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    runs = [(w, 1) for w in _counts(args.workers)] + [(1, b) for b in _counts(args.blas) if b > 1]
    for engine in args.engines.split(","):
        os.environ[ENGINE_ENV] = engine
        encoder = load_encoder()
        for size in _counts(args.batches):
            for workers, blas in runs:
                wall, cpu = time.perf_counter(), time.process_time()
                if workers > 1:
                    embed(encoder, texts, batch_size=size, workers=workers)
                else:
                    with threads(blas):
                        encoder.encode(texts, batch_size=size, normalize_embeddings=True)
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                load = os.getloadavg()[0]
                print(
                    f"| {engine} | {size} | {workers} | {blas} | {cpu:.2f} | {wall:.1f} "
                    f"| {load:.1f} |",
                    flush=True,
                )
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


def _counts(text: str) -> list[int]:
    return [int(n) for n in text.split(",") if n]


if __name__ == "__main__":
    main()

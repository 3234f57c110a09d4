"""Encoding the bundled hub's units: CPU time by batch size and engine, on one thread.

    python -m bench.embed_speed                     # numpy, batch sizes 8, 32, 128
    python -m bench.embed_speed --engines numpy,torch --batches 32

CPU seconds (on one BLAS / torch thread), which a busy machine inflates less than wall
time; both engines sort the texts by length before batching.
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
    args = parser.parse_args(argv)
    from bench.search_recall import build_bundled
    from search.embed import ENGINE_ENV, load_encoder, threads
    from search.index import open_store
    from search.units import units_from_store

    with tempfile.TemporaryDirectory(prefix="vlmkg-bench-embed-") as tmp:
        store = open_store(build_bundled(Path(tmp) / "home"))
        texts = [u.text for u in units_from_store(store)]
        store.close()
    print(f"{len(texts)} units; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("| engine | batch | CPU s | wall s |")
    print("|---|---:|---:|---:|")
    for engine in args.engines.split(","):
        os.environ[ENGINE_ENV] = engine
        encoder = load_encoder()
        for size in [int(b) for b in args.batches.split(",")]:
            with threads(1):
                wall, cpu = time.perf_counter(), time.process_time()
                encoder.encode(texts, batch_size=size, normalize_embeddings=True)
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            print(f"| {engine} | {size} | {cpu:.2f} | {wall:.1f} |", flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

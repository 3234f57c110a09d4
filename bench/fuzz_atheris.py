"""Coverage-guided fuzzing of the hub parser with atheris: `python -m bench.fuzz_atheris [-t S]`.

Feeds libFuzzer-mutated bytes (seeded with the bundled hub's sections and the test hubs)
to `parse` + `extract` and to the file reader; any exception other than VlmkgError is a
crash and is saved under bench/out/atheris/. Prints executions, coverage (libFuzzer's
`cov`/`ft` counters) and crashes. Needs `pip install atheris` (a wheel for CPython 3.11).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "atheris"
SEEDS = [
    ROOT / "vlmkg" / "data" / "vlm-research-hub.md",
    ROOT / "tests" / "data" / "hub_2025-03-16_tables.md",
    ROOT / "tests" / "data" / "hub_freeform.md",
    ROOT / "tests" / "data" / "hub_freeform_2026.md",
]


def write_corpus(corpus: Path) -> None:
    """Seed inputs: each hub cut into chunks of 40 lines (small inputs mutate faster)."""
    corpus.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS:
        lines = seed.read_text("utf-8").splitlines(keepends=True)
        for n in range(0, len(lines), 40):
            (corpus / f"{seed.stem}-{n}.md").write_text("".join(lines[n : n + 40]), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-t", "--seconds", type=int, default=60)
    args = parser.parse_args()
    import atheris

    with atheris.instrument_imports(include=["ingest"]):
        from ingest import extract, parse
    from vlmkg.errors import VlmkgError

    def one_input(data: bytes) -> None:
        text = data.decode("utf-8", "replace")
        with contextlib.suppress(VlmkgError):
            extract(parse(text, "fuzz.md"))

    corpus = OUT / "corpus"
    write_corpus(corpus)
    started = time.perf_counter()
    print(
        f"atheris {atheris.__version__ if hasattr(atheris, '__version__') else ''}: "
        f"fuzzing ingest for {args.seconds} s",
        flush=True,
    )
    atheris.Setup(
        [
            sys.argv[0],
            f"-max_total_time={args.seconds}",
            "-max_len=4096",
            "-timeout=20",
            "-rss_limit_mb=4096",
            "-print_final_stats=1",
            f"-artifact_prefix={OUT}/",
            str(corpus),
        ],
        one_input,
    )
    try:
        atheris.Fuzz()
    finally:
        print(f"wall time {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()

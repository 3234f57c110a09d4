"""Ingestion benchmark and fuzzer: `python -m bench.fuzz_ingest [--mutations N] [--seed S]`.

Prints parse+extract time for the bundled hub, the table hub and larger synthetic hubs
(the bundled hub repeated with renamed entries), then feeds randomly mutated hubs
(shuffled, dropped and duplicated lines, spliced markdown fragments, random bytes decoded
as text) to `parse` + `extract` and reports how many raised.
"""

from __future__ import annotations

import argparse
import random
import re
import time
import traceback
from collections import Counter
from pathlib import Path

from ingest import extract, parse

ROOT = Path(__file__).resolve().parents[1]
HUB = ROOT / "vlmkg" / "data" / "vlm-research-hub.md"
TABLE_HUB = ROOT / "tests" / "data" / "hub_2025-03-16_tables.md"
FRAGMENTS = [
    "**",
    "[",
    "]",
    "(",
    ")",
    "|",
    "```",
    "\n",
    "- ",
    "#",
    "√ó",
    "‚Üí",
    "(2025)",
    " & ",
    "/",
]


def synthetic(text: str, copies: int) -> str:
    """`text` repeated, with every bold entry name suffixed so each copy is a new entity."""
    return "\n".join(re.sub(r"\*\*([^*\n]+)\*\*", rf"**\1 v{i}**", text) for i in range(copies))


def timed(text: str, name: str) -> float:
    started = time.perf_counter()
    records = extract(parse(text, name))
    seconds = time.perf_counter() - started
    kinds = Counter(type(r).__name__.removesuffix("Record") for r in records)
    lines = len(text.splitlines())
    print(f"{name:<28} {lines:>8} lines {len(records):>8} records {seconds:8.3f} s  {dict(kinds)}")
    return seconds


def mutate(lines: list[str], rng: random.Random) -> str:
    out = list(lines)
    for _ in range(rng.randint(1, 40)):
        op = rng.randrange(5)
        i = rng.randrange(len(out)) if out else 0
        if op == 0 and out:
            del out[i]
        elif op == 1 and out:
            out.insert(rng.randrange(len(out) + 1), out[i])
        elif op == 2 and out:
            j = rng.randrange(len(out[i]) + 1)
            out[i] = out[i][:j] + rng.choice(FRAGMENTS) + out[i][j:]
        elif op == 3:
            out.insert(i, bytes(rng.randrange(256) for _ in range(20)).decode("latin-1"))
        else:
            rng.shuffle(out)
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutations", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    hub = HUB.read_text("utf-8")
    timed(hub, "bundled hub (cold)")
    timed(hub, "bundled hub")
    timed(TABLE_HUB.read_text("utf-8"), "table hub")
    for copies in (10, 100):
        timed(synthetic(hub, copies), f"synthetic {copies}x")

    rng = random.Random(args.seed)
    lines = hub.splitlines()
    failures = 0
    started = time.perf_counter()
    for n in range(args.mutations):
        text = mutate(lines, rng)
        try:
            extract(parse(text, "fuzz.md"))
        except Exception:
            failures += 1
            if failures <= 3:
                print(f"mutation {n} raised:\n{traceback.format_exc()}")
    seconds = time.perf_counter() - started
    print(f"fuzz: {args.mutations} mutated hubs, {failures} raised, {seconds:.1f} s")


if __name__ == "__main__":
    main()

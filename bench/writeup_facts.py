"""Fact coverage of architecture write-ups: which facts the graph holds for each write-up.

Builds the graph of a write-up list in this process (ingest -> kg.build, no store, no
index) and asks SPARQL, for every model with a write-up (a model that some vlm:Passage is
`vlm:about`, or that has a subtitle or authors line), whether it has a vision encoder, a
language model, a connector, a parameter count, training data, a benchmark (an evaluatedOn
edge or a result) and training stages. Prints the share of write-ups with each fact kind.

With `--sample`, also scores a reader's annotation (bench/writeup_facts.yaml: for seeded
random samples of write-ups, what a reader finds in the prose) against the graph: per
sample and fact kind, precision (graph values a reader also found) and recall (reader values
in the graph). Sample "seed 16" was read while the rules were written; "seed 27" (drawn from
the write-ups not in the first) was read next, measured before the rules of this round and
then also read while writing them; "seed 38" (12 write-ups in neither) was read only after
the rules were written and is the held-out check. "seed 49" (15 write-ups in none of them,
with the release year) was read before the next round; its six "seed 49 check" write-ups
(CHECKS) stay unseen while rules are written: `--only "seed 49 work" -v` shows the others.

    python -m bench.writeup_facts
    python -m bench.writeup_facts --sample          # plus precision/recall on the sample
    python -m bench.writeup_facts --show NAME       # one write-up's facts as the graph has them
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LIST = ROOT.parent / "shared" / "hub" / "other" / "awesome-vlm-architectures.md"
ANNOTATIONS = ROOT / "bench" / "writeup_facts.yaml"
RESULTS = ROOT / "bench" / "results" / "writeup_facts.jsonl"
# sample name -> (seed, earlier samples it is drawn apart from, size)
SAMPLES = {
    "seed 16": (16, (), 20),
    "seed 27": (27, ("seed 16",), 20),
    "seed 38": (38, ("seed 16", "seed 27"), 12),
    "seed 49": (49, ("seed 16", "seed 27", "seed 38"), 15),
}
# held-out part -> (the sample it is drawn from, its seed, its size); the rest of the sample
# is its work part, "<sample> work"
CHECKS = {"seed 49 check": ("seed 49", 49, 6)}

# fact kind -> SPARQL pattern binding ?v (a label or literal) for model ?m
KINDS = {
    "vision encoder": "?m vlm:visionEncoder/rdfs:label ?v",
    "language model": "?m vlm:languageBackbone/rdfs:label ?v",
    "connector": "?m vlm:connector ?v",
    "parameters": "?m vlm:parameterText ?v",
    "training data": (
        "{ ?m vlm:trainingData ?d } UNION { ?m vlm:trainedOn ?d } UNION { ?m vlm:fineTunedOn ?d }"
        " OPTIONAL { ?d rdfs:label ?l } BIND(COALESCE(?l, STR(?d)) AS ?v)"
    ),
    "benchmarks": (
        "{ ?m vlm:evaluatedOn ?b } UNION { ?m vlm:result/vlm:benchmark ?b } ?b rdfs:label ?v"
    ),
    "training stages": "?m vlm:trainingStages ?v",
    "organization": "?m schema:creator/rdfs:label ?v",
    "year": "?m vlm:releaseYear ?v",
}

WRITE_UPS = """
SELECT DISTINCT ?m ?label WHERE {
  ?m a vlm:Model ; rdfs:label ?label .
  FILTER NOT EXISTS { ?m vlm:memberOf ?series }
  { ?p vlm:about ?m } UNION { ?m vlm:subtitle ?s } UNION { ?m vlm:authors ?a }
}
"""


def graph_of(path: Path):
    """The rdflib graph of the list at `path` (ingest and kg.build in this process)."""
    import ingest
    import kg

    return kg.build(ingest.read_hubs([path]))


def facts(graph) -> dict[str, dict[str, set[str]]]:
    """model label -> fact kind -> the values the graph holds (labels or literals)."""
    from kg.vocab import PREFIXES

    models = {str(r.m): str(r.label) for r in graph.query(WRITE_UPS, initNs=PREFIXES)}
    out: dict[str, dict[str, set[str]]] = {
        label: {k: set() for k in KINDS} for label in models.values()
    }
    for kind, pattern in KINDS.items():
        for row in graph.query(f"SELECT ?m ?v WHERE {{ {pattern} }}", initNs=PREFIXES):
            label = models.get(str(row.m))
            if label is not None:
                out[label][kind].add(str(row.v))
    return out


def coverage(found: dict[str, dict[str, set[str]]]) -> dict[str, float]:
    """Share of write-ups with at least one value of each fact kind."""
    n = len(found) or 1
    return {kind: sum(1 for f in found.values() if f[kind]) / n for kind in KINDS}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _agrees(value: str, wanted: list[str]) -> bool:
    """A graph value agrees with a reader's when one's key contains the other's."""
    key = _key(value)
    return any(key and w and (w in key or key in w) for w in map(_key, wanted))


def annotated_kinds(annotations: dict[str, dict[str, list[str]]]) -> list[str]:
    """The fact kinds a sample's reader looked for: every kind but the year, which only
    samples that record it were read for."""
    recorded = {kind for wanted in annotations.values() for kind in wanted}
    return [kind for kind in KINDS if kind != "year" or kind in recorded]


def sample_scores(
    found: dict[str, dict[str, set[str]]], annotations: dict[str, dict[str, list[str]]]
) -> dict[str, tuple[float, float, int]]:
    """Fact kind -> (precision, recall, reader values) over the annotated write-ups."""
    scores = {}
    for kind in annotated_kinds(annotations):
        hits = graph_values = reader_hits = reader_values = 0
        for name, wanted in annotations.items():
            have = found.get(name, {}).get(kind, set())
            gold = [str(v) for v in wanted.get(kind, [])]
            graph_values += len(have)
            hits += sum(1 for v in have if _agrees(v, gold))
            reader_values += len(gold)
            reader_hits += sum(1 for g in gold if any(_agrees(v, [g]) for v in have))
        precision = hits / graph_values if graph_values else 1.0
        recall = reader_hits / reader_values if reader_values else 1.0
        scores[kind] = (precision, recall, reader_values)
    return scores


def differences(
    found: dict[str, dict[str, set[str]]], annotations: dict[str, dict[str, list[str]]]
) -> list[str]:
    """One line per write-up and fact kind where the graph and the reader differ."""
    lines = []
    kinds = annotated_kinds(annotations)
    for name, wanted in sorted(annotations.items()):
        for kind in kinds:
            have = found.get(name, {}).get(kind, set())
            gold = [str(v) for v in wanted.get(kind, [])]
            missing = [g for g in gold if not any(_agrees(v, [g]) for v in have)]
            extra = sorted(v for v in have if not _agrees(v, gold))
            if missing or extra:
                lines.append(f"{name} / {kind}: missing {missing} extra {extra}")
    return lines


def sampled(names: list[str], sample: str = "seed 16") -> list[str]:
    """The seeded random sample of write-ups a reader annotates, none of them in the
    samples it is drawn apart from."""
    seed, apart, k = SAMPLES[sample]
    taken = {n for other in apart for n in sampled(names, other)}
    pool = sorted(n for n in names if n not in taken)
    return sorted(random.Random(seed).sample(pool, k))


def with_parts(samples: dict[str, dict]) -> dict[str, dict]:
    """The annotated samples plus each held-out part (CHECKS) and the work part it leaves."""
    out = dict(samples)
    for check, (sample, seed, k) in CHECKS.items():
        if sample not in samples:
            continue
        names = sorted(samples[sample])
        held = set(random.Random(seed).sample(names, k))
        out[check] = {n: samples[sample][n] for n in names if n in held}
        out[f"{sample} work"] = {n: samples[sample][n] for n in names if n not in held}
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=Path, default=DEFAULT_LIST)
    parser.add_argument("--sample", action="store_true", help="score the reader's annotation")
    parser.add_argument("--show", metavar="NAME", help="print one write-up's facts")
    parser.add_argument("--names", metavar="SAMPLE", choices=list(SAMPLES), help="print a sample")
    parser.add_argument("-v", "--verbose", action="store_true", help="misses and extras")
    parser.add_argument("--only", metavar="SAMPLE", action="append", help="score these samples")
    args = parser.parse_args(argv)
    found = facts(graph_of(args.list))
    if args.names:
        print("\n".join(sampled(list(found), args.names)))
        return 0
    if args.show:
        for kind, values in found.get(args.show, {}).items():
            print(f"{kind:16s} {'; '.join(sorted(values))}")
        return 0
    share = coverage(found)
    print(f"{args.list.name}: {len(found)} write-ups")
    print("fact kind         write-ups with it")
    for kind, value in share.items():
        print(f"{kind:16s}  {value:6.1%}")
    row: dict[str, object] = {"list": args.list.name, "write_ups": len(found), "coverage": share}
    if args.sample:
        samples = with_parts(yaml.safe_load(ANNOTATIONS.read_text("utf-8")))
        if args.only:
            samples = {k: v for k, v in samples.items() if k in args.only}
        by_sample: dict[str, object] = {}
        row["sample"] = by_sample
        for sample, annotations in samples.items():
            scores = sample_scores(found, annotations)
            print(f"\nreader sample {sample} ({len(annotations)} write-ups)")
            print("fact kind         precision  recall  reader values")
            for kind, (precision, recall, n) in scores.items():
                print(f"{kind:16s}  {precision:9.1%}  {recall:6.1%}  {n:>13}")
            by_sample[sample] = {
                k: {"precision": p, "recall": r} for k, (p, r, _) in scores.items()
            }
            if args.verbose:
                print("\n".join(differences(found, annotations)))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

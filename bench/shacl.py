"""SHACL validators on the bundled hub's graph: time, and whether they find the same results.

    python -m bench.shacl            # each validator 3 times, medians; JSON lines appended
                                     # to bench/results/shacl.jsonl

Validators (the same shapes, kg/shapes.ttl):
  - sparql: kg.shacl's default, the shapes compiled to SPARQL on an in-memory Oxigraph
    store (kg/_shacl_sparql.py), converting the rdflib graph first;
  - pyshacl: the whole graph;
  - pyshacl-small: pyshacl on the graph without the reified provenance (rdf:Statement
    nodes and their triples): faster, but it cannot check vlmsh:StatementShape;
  - pyrudof (Rust, when `pip install pyrudof` has been run): the graph as N-Triples.
Each is also run on a broken copy of the graph (one violation of each kind) and its
(focus, path, constraint) results are compared with pyshacl's.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import SH

from kg.vocab import PROV, RDF, RDFS, RES, SKOS, VLM, XSD

RESULTS = Path(__file__).parent / "results" / "shacl.jsonl"
Key = tuple[str, str, str]  # (focus, path, constraint component)


def broken(graph: Graph) -> Graph:
    """A copy of `graph` with one violation of several kinds of constraint."""
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    model = next(iter(sorted(copy.subjects(RDF.type, VLM.Model))))
    span = next(iter(sorted(copy.subjects(RDF.type, VLM.SourceSpan))))
    statement = next(iter(sorted(copy.subjects(RDF.type, RDF.Statement))))
    copy.add((model, RDFS.label, Literal("a second label")))
    copy.add((model, VLM.parameterCount, Literal("-7", datatype=XSD.decimal)))
    copy.add((model, VLM.releaseYear, Literal(2203)))
    copy.add((model, VLM.visionEncoder, RES["llm/none"]))
    copy.remove((span, VLM.endLine, None))
    copy.add((span, VLM.startLine, Literal(0)))
    copy.remove((statement, PROV.wasDerivedFrom, None))
    copy.add((RES["encoder/clip"], SKOS.broader, model))
    return copy


def keys(results: list[tuple[object, object, object]]) -> set[Key]:
    return {(str(f), str(p), str(c).removeprefix(str(SH))) for f, p, c in results}


def _sparql(graph: Graph) -> set[Key]:
    from kg.shacl import results

    return keys([(r.focus, r.path, r.component) for r in results(graph, engine="sparql")])


def _pyshacl(graph: Graph) -> set[Key]:
    from kg.shacl import results

    return keys([(r.focus, r.path, r.component) for r in results(graph, engine="pyshacl")])


def _pyshacl_small(graph: Graph) -> set[Key]:
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    small = Graph()
    for s, p, o in graph:
        if s not in statements:
            small.add((s, p, o))
    return _pyshacl(small)


def _pyrudof(graph: Graph) -> set[Key]:
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    text = "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in graph)
    rudof.read_data(text, format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl((resources.files("kg") / "shapes.ttl").read_text(encoding="utf-8"))
    report = rudof.validate_shacl()
    return {
        (
            _expand(e.focus_node),
            _expand(e.path or ""),
            _expand(e.constraint_component).removeprefix(str(SH)),
        )
        for e in report
    }


def _expand(term: object) -> str:
    text = str(term).strip("<>")
    return str(SH) + text[3:] if text.startswith("sh:") else text


ENGINES: dict[str, Callable[[Graph], set[Key]]] = {
    "sparql": _sparql,
    "pyshacl": _pyshacl,
    "pyshacl-small": _pyshacl_small,
    "pyrudof": _pyrudof,
}


def measure(name: str, graph: Graph, runs: int = 3) -> dict[str, object] | None:
    """Median wall and CPU seconds of `runs` validations of `graph` with engine `name`."""
    engine = ENGINES[name]
    try:
        engine(graph)  # warm-up: imports, compiled shapes
    except ModuleNotFoundError as exc:
        print(f"{name}: skipped ({exc})", file=sys.stderr)
        return None
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        engine(graph)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {
        "wall_s": round(statistics.median(walls), 3),
        "cpu_s": round(statistics.median(cpus), 3),
    }


def main() -> None:
    from bench._synth_triples import hub_graph

    graph = hub_graph()
    bad = broken(graph)
    reference = _pyshacl(bad)
    print(f"bundled hub: {len(graph)} triples; broken copy: {len(reference)} pyshacl results")
    rows = []
    for name in ENGINES:
        timing = measure(name, graph)
        if timing is None:
            continue
        found = ENGINES[name](bad)
        row = {
            "engine": name,
            "triples": len(graph),
            **timing,
            "same_results_as_pyshacl": found == reference,
            "missed": sorted(reference - found)[:5],
            "extra": sorted(found - reference)[:5],
            "load_avg": round(os.getloadavg()[0], 2),
            "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    base = next(r for r in rows if r["engine"] == "pyshacl")
    for row in rows:
        ratio = float(row["cpu_s"]) / float(base["cpu_s"])  # type: ignore[arg-type]
        print(f"{row['engine']:>14}: cpu {row['cpu_s']} s = {ratio:.2f}x pyshacl's")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()

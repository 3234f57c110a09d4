"""SHACL validation of a built graph against `kg/shapes.ttl`.

`validate(graph)` returns quietly or raises ShapeViolationError whose message lists each
violation as: focus node (and its label), property path, what is wrong. `violations(graph)`
returns them as a list; `results(graph)` the raw (focus, path, constraint, value) results.
The graph is an rdflib Graph or an Oxigraph store whose default graph it is (a build's,
`kg._memory_store`).

The shapes are compiled to SPARQL and run on an in-memory Oxigraph store
(`kg/_shacl_sparql.py`): ~50x faster than pyshacl on the bundled hub (docs/performance.md,
"SHACL"), with the same results. Shapes using SHACL features the compiler does not
translate are validated with pyshacl (`engine="pyshacl"`, or VLMKG_SHACL_ENGINE=pyshacl,
forces it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal as Choice

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg import _shacl_sparql
from kg._memory_store import rdflib_graph
from kg._shacl_sparql import Result
from kg._terms import to_ox
from kg.sparql import compact_iri
from kg.vocab import RDF, RDFS
from vlmkg.errors import ShapeViolationError, UsageError

REPORT_LIMIT = 20
_LABEL = ox.NamedNode(str(RDFS.label))


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, its label, the property path, the message, the value."""

    focus: str
    label: str | None
    path: str | None
    message: str
    value: str | None

    def __str__(self) -> str:
        node = self.focus + (f' "{self.label}"' if self.label else "")
        path = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{node}{path}: {self.message}{value}"


@cache
def shapes() -> Graph:
    """The shapes graph shipped as `kg/shapes.ttl`."""
    return _package_graph("shapes.ttl")


@cache
def ontology() -> Graph:
    """The ontology shipped as `kg/ontology.ttl`."""
    return _package_graph("ontology.ttl")


def _package_graph(name: str) -> Graph:
    graph = Graph()
    graph.parse(data=(resources.files("kg") / name).read_text(encoding="utf-8"), format="turtle")
    return graph


Engine = Choice["auto", "sparql", "pyshacl"]
ENGINES = ("auto", "sparql", "pyshacl")
ENGINE_ENV = "VLMKG_SHACL_ENGINE"
Data = Graph | ox.Store  # an Oxigraph store: the data graph is its default graph


def results(
    graph: Data, shapes_graph: Graph | None = None, engine: Engine = "auto"
) -> list[Result]:
    """Every SHACL validation result for `graph`, in no particular order.

    `engine`: "sparql" (shapes compiled to SPARQL on Oxigraph), "pyshacl", or "auto" (the
    compiled queries when every shape compiles, else pyshacl).
    """
    shapes_graph = shapes_graph if shapes_graph is not None else shapes()
    if engine == "auto":
        engine = _engine_from_environment()
    if engine != "pyshacl":
        try:
            checks = _checks(shapes_graph)
        except _shacl_sparql.Unsupported:
            if engine == "sparql":
                raise
        else:
            return _shacl_sparql.run(checks, graph)
    return _pyshacl_results(_as_graph(graph), shapes_graph)


def violations(
    graph: Data, shapes_graph: Graph | None = None, engine: Engine = "auto"
) -> list[Violation]:
    """Every SHACL violation of `graph`, sorted; empty when it conforms."""
    found = {_violation(result, graph) for result in results(graph, shapes_graph, engine)}
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))


def _engine_from_environment() -> Engine:
    """$VLMKG_SHACL_ENGINE (benchmarks compare engines with it), default "auto"."""
    engine = os.environ.get(ENGINE_ENV, "auto")
    if engine not in ENGINES:
        raise UsageError(f"{ENGINE_ENV}={engine!r}: use one of {', '.join(ENGINES)}")
    return engine  # type: ignore[return-value]


def _checks(shapes_graph: Graph) -> list[_shacl_sparql.Check]:
    if shapes_graph is shapes():
        return _bundled_checks()
    return _shacl_sparql.compile_shapes(shapes_graph)


@cache
def _bundled_checks() -> list[_shacl_sparql.Check]:
    return _shacl_sparql.compile_shapes(shapes())


def _pyshacl_results(graph: Graph, shapes_graph: Graph) -> list[Result]:
    import pyshacl  # slow to import; only needed for shapes the compiler cannot translate

    conforms, report, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph,
        inference="none",
        advanced=False,
        allow_warnings=True,
    )
    if conforms:
        return []
    assert isinstance(report, Graph)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        message = report.value(result, SH.resultMessage)
        assert focus is not None
        found.append(
            Result(
                focus=focus,  # type: ignore[arg-type]
                path=report.value(result, SH.resultPath),
                component=report.value(result, SH.sourceConstraintComponent),  # type: ignore[arg-type]
                value=report.value(result, SH.value),  # type: ignore[arg-type]
                message=str(message) if message is not None else "",
            )
        )
    return found


def validate(graph: Data, shapes_graph: Graph | None = None, engine: Engine = "auto") -> None:
    """Check `graph` against the shapes; raise ShapeViolationError listing what is wrong."""
    found = violations(graph, shapes_graph, engine)
    if not found:
        return
    lines = [f"the graph violates its SHACL shapes ({len(found)} problems):"]
    lines += [f"  {v}" for v in found[:REPORT_LIMIT]]
    if len(found) > REPORT_LIMIT:
        lines.append(f"  ... and {len(found) - REPORT_LIMIT} more")
    raise ShapeViolationError("\n".join(lines))


def _violation(result: Result, data: Data) -> Violation:
    label = _label(data, result.focus)
    return Violation(
        focus=_show(result.focus),
        label=str(label) if label is not None else None,
        path=_show(result.path) if result.path is not None else None,
        message=result.message or "violates a shape",
        value=_show(result.value) if result.value is not None else None,
    )


def _label(data: Data, node: Node) -> Node | None:
    """A label of `node`, if it has one."""
    if isinstance(data, Graph):
        return data.value(node, RDFS.label)
    found = data.quads_for_pattern(to_ox(node), _LABEL, None, ox.DefaultGraph())  # type: ignore[arg-type]
    labels = [str(quad.object.value) for quad in found]  # type: ignore[union-attr]
    return Literal(min(labels)) if labels else None


def _as_graph(data: Data) -> Graph:
    return data if isinstance(data, Graph) else rdflib_graph(data)


def _show(term: object) -> str:
    if isinstance(term, URIRef):
        return compact_iri(term)
    if isinstance(term, Literal):
        if term.datatype is None or term.language:
            return term.n3()
        return f'"{term}"^^{compact_iri(term.datatype)}'
    return str(term)


__all__ = ["Result", "Violation", "ontology", "results", "shapes", "validate", "violations"]

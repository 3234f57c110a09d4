"""SHACL validation of a built graph against `kg/shapes.ttl` (pyshacl).

`validate(graph)` returns quietly or raises ShapeViolationError whose message lists each
violation as: focus node (and its label), property path, what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.sparql import compact_iri
from kg.vocab import RDF, RDFS
from vlmkg.errors import ShapeViolationError

REPORT_LIMIT = 20


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


def violations(graph: Graph, shapes_graph: Graph | None = None) -> list[Violation]:
    """Every SHACL violation of `graph`, sorted; empty when it conforms."""
    import pyshacl  # slow to import; only builds need it

    conforms, report, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph if shapes_graph is not None else shapes(),
        inference="none",
        advanced=False,
        allow_warnings=True,
    )
    if conforms:
        return []
    assert isinstance(report, Graph)
    found = {
        _violation(report, result, graph)
        for result in report.subjects(RDF.type, SH.ValidationResult)
    }
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))


def validate(graph: Graph, shapes_graph: Graph | None = None) -> None:
    """Check `graph` against the shapes; raise ShapeViolationError listing what is wrong."""
    found = violations(graph, shapes_graph)
    if not found:
        return
    lines = [f"the graph violates its SHACL shapes ({len(found)} problems):"]
    lines += [f"  {v}" for v in found[:REPORT_LIMIT]]
    if len(found) > REPORT_LIMIT:
        lines.append(f"  ... and {len(found) - REPORT_LIMIT} more")
    raise ShapeViolationError("\n".join(lines))


def _violation(report: Graph, result: Node, data: Graph) -> Violation:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    message = report.value(result, SH.resultMessage)
    value = report.value(result, SH.value)
    label = data.value(focus, RDFS.label) if focus is not None else None
    return Violation(
        focus=_show(focus),
        label=str(label) if label is not None else None,
        path=_show(path) if path is not None else None,
        message=str(message) if message is not None else "violates a shape",
        value=_show(value) if value is not None else None,
    )


def _show(term: object) -> str:
    if isinstance(term, URIRef):
        return compact_iri(term)
    if isinstance(term, Literal):
        if term.datatype is None or term.language:
            return term.n3()
        return f'"{term}"^^{compact_iri(term.datatype)}'
    return str(term)


__all__ = ["Violation", "ontology", "shapes", "validate", "violations"]

"""SHACL Core shapes compiled to SPARQL queries, run on an in-memory Oxigraph store.

`compile_shapes(shapes) -> list[Check]` turns each constraint of each shape into one
SELECT that returns the offending (focus node, value node) pairs; `run(checks, data)`
runs them on the data graph in Oxigraph (an rdflib Graph is loaded into a store first).
The results are the ones pyshacl reports for the same shapes (tests/kg/test_shacl.py
compares the two on broken graphs).

Only the part of SHACL Core the shapes use is compiled: targets (class, subjects of,
objects of, node), IRI and inverse paths, and the count, value type, range, string, list,
`sh:or` and pair (`sh:lessThan[OrEquals]`) constraints. A shape using anything else
raises Unsupported, and the caller validates with pyshacl instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Identifier, Node

from kg._memory_store import memory_store
from kg._terms import from_ox


class Unsupported(Exception):
    """A shape uses a SHACL feature this compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One constraint as a query: its rows are (?focus, ?value) of the violations."""

    component: URIRef
    path: Node | None
    message: str
    query: str
    has_value: bool


@dataclass(frozen=True)
class Result:
    """One SHACL validation result, as rdflib terms."""

    focus: Identifier
    path: Node | None
    component: URIRef
    value: Identifier | None
    message: str


# Constraint parameters of a property shape this module compiles; anything else under
# the sh: namespace is refused (so a new kind of shape cannot be skipped silently).
_ANNOTATIONS = {SH.path, SH.message, SH.name, SH.description, SH.order, SH.group}
_VALUE_PARAMS = {
    SH.datatype,
    SH.nodeKind,
    SH["class"],
    SH.minLength,
    SH.maxLength,
    SH.pattern,
    SH.flags,
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
    SH["in"],
    SH["or"],
}
_COUNT_PARAMS = {SH.minCount, SH.maxCount}
_PAIR_PARAMS = {SH.lessThan, SH.lessThanOrEquals}
_TARGETS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode}
_NODE_KINDS = {
    SH.IRI: "isIRI(?v)",
    SH.BlankNode: "isBlank(?v)",
    SH.Literal: "isLiteral(?v)",
    SH.BlankNodeOrIRI: "(isBlank(?v) || isIRI(?v))",
    SH.BlankNodeOrLiteral: "(isBlank(?v) || isLiteral(?v))",
    SH.IRIOrLiteral: "(isIRI(?v) || isLiteral(?v))",
}
_RANGES = {
    SH.minInclusive: ">=",
    SH.maxInclusive: "<=",
    SH.minExclusive: ">",
    SH.maxExclusive: "<",
}
_COMPONENTS = {
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH["class"]: SH.ClassConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.maxLength: SH.MaxLengthConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
}
_PAIR_OPERATORS = {SH.lessThan: "<", SH.lessThanOrEquals: "<="}


def compile_shapes(shapes: Graph) -> list[Check]:
    """One Check per constraint of every node shape with a target; Unsupported otherwise."""
    checks: list[Check] = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        if shapes.value(shape, SH.deactivated) == Literal(True):
            continue
        targets = _targets(shapes, shape)
        if targets is None:
            continue
        unknown = _sh_parameters(shapes, shape) - _TARGETS - _ANNOTATIONS - {SH.property}
        if unknown:
            raise Unsupported(f"node shape {shape} uses {sorted(unknown)}")
        node_message = shapes.value(shape, SH.message)
        for prop in shapes.objects(shape, SH.property):
            checks += _property_checks(shapes, prop, targets, node_message)
    return checks


def run(checks: Iterable[Check], data: Graph | ox.Store) -> list[Result]:
    """Every violation of `checks` in `data`: an rdflib Graph (loaded into a fresh in-memory
    store) or a store whose default graph is the data graph."""
    store = data if isinstance(data, ox.Store) else memory_store(data)
    return list(_results(checks, store))


def _results(checks: Iterable[Check], store: ox.Store) -> Iterator[Result]:
    for check in checks:
        for row in store.query(check.query):  # type: ignore[union-attr]
            focus = from_ox(row["focus"])
            assert focus is not None
            value = from_ox(row["v"]) if check.has_value else None
            yield Result(focus, check.path, check.component, value, check.message)


# -- compiling ------------------------------------------------------------------------------


def _targets(shapes: Graph, shape: Node) -> str | None:
    """A group pattern binding ?focus to each focus node of `shape` once; None: no target."""
    parts = []
    classes = list(shapes.objects(shape, SH.targetClass))
    if classes:
        values = " ".join(_term(c) for c in sorted(classes, key=str))
        # SHACL instances: rdf:type, then rdfs:subClassOf* in the data graph.
        parts.append(
            f"{{ VALUES ?class {{ {values} }} ?focus a ?type . "
            "?type <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?class }"
        )
    parts += [f"{{ ?focus {_term(p)} [] }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    parts += [f"{{ [] {_term(p)} ?focus }}" for p in shapes.objects(shape, SH.targetObjectsOf)]
    nodes = list(shapes.objects(shape, SH.targetNode))
    if nodes:
        parts.append(f"{{ VALUES ?focus {{ {' '.join(_term(n) for n in nodes)} }} }}")
    if not parts:
        return None
    return f"{{ SELECT DISTINCT ?focus WHERE {{ {' UNION '.join(parts)} }} }}"


def _property_checks(
    shapes: Graph, prop: Node, targets: str, node_message: Node | None
) -> list[Check]:
    params = _sh_parameters(shapes, prop)
    unknown = params - _ANNOTATIONS - _VALUE_PARAMS - _COUNT_PARAMS - _PAIR_PARAMS
    if unknown:
        raise Unsupported(f"property shape uses {sorted(unknown)}")
    if shapes.value(prop, SH.severity) not in (None, SH.Violation):
        raise Unsupported("a severity other than sh:Violation")
    path = shapes.value(prop, SH.path)
    if path is None:
        raise Unsupported("a property shape without sh:path")
    sparql_path = _path(shapes, path)
    message = str(shapes.value(prop, SH.message) or node_message or "")
    checks = []
    for param in sorted(params & (_VALUE_PARAMS - {SH.flags}), key=str):
        condition = _value_ok(shapes, prop, param)
        query = (
            f"SELECT DISTINCT ?focus ?v WHERE {{ {targets} ?focus {sparql_path} ?v "
            f"FILTER(!({condition})) }}"
        )
        checks.append(Check(_COMPONENTS[param], path, message or _default(param), query, True))
    for param in sorted(params & _COUNT_PARAMS, key=str):
        bound = _integer(shapes.value(prop, param))
        query = _count_query(targets, sparql_path, param, bound)
        checks.append(Check(_COMPONENTS[param], path, message or _default(param), query, False))
    for param in sorted(params & _PAIR_PARAMS, key=str):
        other = _term(shapes.value(prop, param))
        operator = _PAIR_OPERATORS[param]
        query = (
            f"SELECT DISTINCT ?focus ?v WHERE {{ {targets} ?focus {sparql_path} ?v . "
            f"?focus {other} ?w FILTER(!COALESCE(?v {operator} ?w, false)) }}"
        )
        checks.append(Check(_COMPONENTS[param], path, message or _default(param), query, True))
    return checks


def _count_query(targets: str, path: str, param: URIRef, bound: int) -> str:
    """The focus nodes with fewer (sh:minCount) or more (sh:maxCount) values than `bound`."""
    # The common bounds without counting: a join is far cheaper than a GROUP BY.
    if param == SH.minCount and bound == 1:
        return f"SELECT ?focus WHERE {{ {targets} FILTER NOT EXISTS {{ ?focus {path} [] }} }}"
    if param == SH.maxCount and bound == 1:
        return (
            f"SELECT DISTINCT ?focus WHERE {{ {targets} ?focus {path} ?v1 , ?v2 "
            "FILTER(?v1 != ?v2) }"
        )
    if param == SH.minCount and bound == 0:
        return "SELECT ?focus WHERE { FILTER(false) }"
    wrong = f"?n < {bound}" if param == SH.minCount else f"?n > {bound}"
    return (
        "SELECT ?focus WHERE { { SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) WHERE { "
        f"{targets} OPTIONAL {{ ?focus {path} ?v }} }} GROUP BY ?focus }} FILTER({wrong}) }}"
    )


def _value_ok(shapes: Graph, shape: Node, param: URIRef) -> str:
    """A SPARQL expression true when the value node ?v satisfies `param` of `shape`."""
    value = shapes.value(shape, param)
    if param == SH.datatype:
        return f"(isLiteral(?v) && datatype(?v) = {_term(value)})"
    if param == SH.nodeKind:
        if not isinstance(value, URIRef) or value not in _NODE_KINDS:
            raise Unsupported(f"sh:nodeKind {value}")
        return _NODE_KINDS[value]
    if param == SH["class"]:
        return (
            f"EXISTS {{ ?v a ?vtype . ?vtype "
            f"<http://www.w3.org/2000/01/rdf-schema#subClassOf>* {_term(value)} }}"
        )
    if param in (SH.minLength, SH.maxLength):
        operator = ">=" if param == SH.minLength else "<="
        return f"(!isBlank(?v) && STRLEN(STR(?v)) {operator} {_integer(value)})"
    if param == SH.pattern:
        flags = shapes.value(shape, SH.flags)
        extra = f", {_term(Literal(str(flags)))}" if flags is not None else ""
        return f"(!isBlank(?v) && REGEX(STR(?v), {_term(Literal(str(value)))}{extra}))"
    if param in _RANGES:
        return f"COALESCE(?v {_RANGES[param]} {_term(value)}, false)"
    if param == SH["in"]:
        members = Collection(shapes, value)  # type: ignore[arg-type]
        return f"?v IN ({', '.join(_term(m) for m in members)})"
    if param == SH["or"]:
        members = Collection(shapes, value)  # type: ignore[arg-type]
        return "(" + " || ".join(_shape_ok(shapes, m) for m in members) + ")"
    raise Unsupported(f"constraint {param}")


def _shape_ok(shapes: Graph, shape: Node) -> str:
    """True when ?v conforms to an `sh:or` member: value constraints only."""
    params = _sh_parameters(shapes, shape) - _ANNOTATIONS - {SH.flags}
    if not params or params - _VALUE_PARAMS:
        raise Unsupported(f"an sh:or member using {sorted(params - _VALUE_PARAMS)}")
    return "(" + " && ".join(_value_ok(shapes, shape, p) for p in sorted(params, key=str)) + ")"


def _path(shapes: Graph, path: Node) -> str:
    if isinstance(path, URIRef):
        return _term(path)
    inverse = shapes.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return f"^{_term(inverse)}"
    raise Unsupported(f"sh:path {path}")


def _sh_parameters(shapes: Graph, node: Node) -> set[URIRef]:
    return {
        p
        for p in shapes.predicates(node)
        if isinstance(p, URIRef) and str(p).startswith(str(SH)) and p != SH.severity
    } - {SH.deactivated}


def _term(term: Node | None) -> str:
    if term is None:
        raise Unsupported("a constraint without a value")
    if not isinstance(term, URIRef | Literal):
        raise Unsupported(f"a blank node where a term is expected: {term}")
    return term.n3()


def _integer(term: Node | None) -> int:
    if not isinstance(term, Literal) or not isinstance(term.toPython(), int):
        raise Unsupported(f"a count or length that is not an integer: {term}")
    return int(term.toPython())


def _default(param: URIRef) -> str:
    return f"violates {str(_COMPONENTS[param]).removeprefix(str(SH))}"


__all__ = ["Check", "Result", "Unsupported", "compile_shapes", "run"]

"""The store interface every backend implements, and its result type.

Backends: the embedded Oxigraph store on disk (`kg.oxigraph_store`, the default) and a
remote SPARQL 1.1 endpoint (`kg.remote_store`). Queries are read-only here; values are
bound with `bindings` (SEP-0007 substitution / initBindings), never spliced into text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from rdflib import Graph
from rdflib.term import Identifier


@dataclass(frozen=True)
class QueryResult:
    """A query's answer: `kind` is select | ask | graph.

    select: `variables` and `rows` (tuples of rdflib terms or None, in variable order);
    ask: `boolean`; graph (CONSTRUCT/DESCRIBE): `graph`.
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Identifier | None, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = field(default=None, compare=False)

    def dicts(self) -> list[dict[str, Identifier]]:
        """SELECT rows as dicts of bound variables."""
        return [
            {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]


class Store(Protocol):
    """A read-only view of one built graph."""

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run SELECT/ASK/CONSTRUCT/DESCRIBE with the vlmkg prefixes predeclared."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...

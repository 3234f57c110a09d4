"""A build's store with named graphs, optionally started from the previous build's store.

A history build (`kg.history`) gives ~45 version graphs, of which a rebuild after one new
commit changes one: the new store starts as a copy of the previous one (`Store.backup`,
hard links on the same file system) that keeps the unchanged graphs and brings every
other graph up to date by its difference (a new version moves few triples of the hub
graph), instead of loading every version again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Node

from kg._terms import quads
from kg.oxigraph_store import OxigraphStore
from kg.vocab import GRAPH
from vlmkg.errors import StoreError

Triple = tuple[Node, Node, Node]


def write_store(
    path: Path,
    graph: Iterable[Triple],
    named_graphs: Mapping[str, Iterable[Triple] | Path],
    keep: frozenset[str] = frozenset(),
    previous: Path | None = None,
) -> None:
    """Write the store at `path`: `graph` as the hub graph, then each named graph.

    With `keep` and a `previous` store, the store is that store's copy in which the graphs
    named in `keep` stay as they are (when it holds them) and every other graph is
    updated to its new content or dropped, so it ends up as a fresh store would.
    """
    if keep and previous is not None and previous.is_dir():
        _update_copy(path, previous, _in_memory(graph, named_graphs), named_graphs, keep)
        return
    with OxigraphStore.create(path, graph) as store:
        for name, named in named_graphs.items():
            store.load(named, graph=name)
        if named_graphs:
            store.optimize()


def _in_memory(
    graph: Iterable[Triple], named_graphs: Mapping[str, Iterable[Triple] | Path]
) -> dict[str, set[ox.Quad]]:
    """The graphs given as triples, as quads by graph name (the hub graph: both parts)."""
    found: dict[str, set[ox.Quad]] = {GRAPH: set(quads(graph, ox.NamedNode(GRAPH)))}
    for name, named in named_graphs.items():
        if not isinstance(named, Path):
            found.setdefault(name, set()).update(quads(named, ox.NamedNode(name)))
    return found


def _update_copy(
    path: Path,
    previous: Path,
    wanted: dict[str, set[ox.Quad]],
    named_graphs: Mapping[str, Iterable[Triple] | Path],
    keep: frozenset[str],
) -> None:
    try:
        ox.Store.read_only(str(previous)).backup(str(path))
        store = ox.Store(str(path))
        held = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
        for name in held - keep - set(wanted):
            store.remove_graph(ox.NamedNode(name))
        store.clear_graph(ox.DefaultGraph())
        for name, new in wanted.items():
            old = set(store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
            for quad in old - new:
                store.remove(quad)
            store.bulk_extend(new - old)
        for name, named in named_graphs.items():
            if isinstance(named, Path) and not (name in keep and name in held):
                store.bulk_load(
                    path=str(named), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name)
                )
        store.flush()
        del store
    except OSError as exc:
        raise StoreError(f"cannot update the copy of the graph store {previous}: {exc}") from exc


__all__ = ["write_store"]

"""A build's store with named graphs, optionally started from the previous build's store.

A history build (`kg.history`) gives ~45 version graphs, of which a rebuild after one new
commit changes one: the new store starts as a copy of the previous one (`Store.backup`,
hard links on the same file system) that keeps the unchanged graphs, instead of loading
every version again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Node

from kg.oxigraph_store import OxigraphStore
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
    replaced or dropped, so it ends up as a fresh store would.
    """
    if keep and previous is not None and previous.is_dir():
        held = _copy(previous, path, keep)
        with OxigraphStore(path, read_only=False) as store:
            store.load(graph)
            _load(store, named_graphs, held)
            store.optimize()
        return
    with OxigraphStore.create(path, graph) as store:
        _load(store, named_graphs, frozenset())
        if named_graphs:
            store.optimize()


def _copy(previous: Path, path: Path, keep: frozenset[str]) -> frozenset[str]:
    """Copy the previous store to `path` with only the kept graphs; returns those it held."""
    try:
        ox.Store.read_only(str(previous)).backup(str(path))
        copy = ox.Store(str(path))
        held = set()
        for name in list(copy.named_graphs()):
            if isinstance(name, ox.NamedNode) and name.value in keep:
                held.add(name.value)
            else:
                copy.remove_graph(name)
        copy.clear_graph(ox.DefaultGraph())
        copy.flush()
        del copy
    except OSError as exc:
        raise StoreError(f"cannot copy the previous graph store {previous}: {exc}") from exc
    return frozenset(held)


def _load(
    store: OxigraphStore, named_graphs: Mapping[str, Iterable[Triple] | Path], held: frozenset[str]
) -> None:
    for name, named in named_graphs.items():
        if name not in held:
            store.load(named, graph=name)


__all__ = ["write_store"]

"""Exports of the graph: RDF serialisations, network files and bibliographies.

`export(graph, fmt, path, view, force)` is the one entry point; it renders everything in
memory first and then writes each file to a temporary name beside its target and renames
it into place (`os.replace`), so a failed export leaves nothing partial behind.

RDF: Turtle, N-Triples, JSON-LD and RDF/XML are the graph itself with the vlmkg prefixes
bound. TriG and N-Quads carry provenance as named graphs: each fact that a hub line states
(an `rdf:Statement` with `prov:wasDerivedFrom` a `vlm:SourceSpan`) is placed in the graph
named by that span's IRI, once per span; every other triple, including the `rdf:Statement`
records themselves, is in the default graph. The union of all graphs is the exported graph.
pyoxigraph writes all but JSON-LD (rdflib, compacted with the prefixes as its @context),
keeping literals' lexical forms, so every export parses back to an isomorphic graph.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from itertools import chain
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from kg import bibliography, network
from kg._terms import from_ox, to_ox
from kg.oxigraph_store import OxigraphStore
from kg.store import Store
from kg.vocab import GRAPH, PREFIXES
from vlmkg.errors import ExportError, StoreError

# format name -> pyoxigraph format (JSON-LD is written by rdflib, compacted with a context)
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}
DATASET_FORMATS = frozenset({"trig", "nquads"})
_HUB = ox.NamedNode(GRAPH)
NETWORK_FORMATS: dict[str, Callable[..., object]] = {
    "gexf": network.to_gexf,
    "graphml": network.to_graphml,
    "csv": network.to_csv,
}
BIBLIOGRAPHY_FORMATS: dict[str, Callable[[list[bibliography.Citation]], str]] = {
    "bibtex": bibliography.to_bibtex,
    "ris": bibliography.to_ris,
    "csljson": bibliography.to_csl_json,
}
FORMATS = (*RDF_FORMATS, *NETWORK_FORMATS, *BIBLIOGRAPHY_FORMATS)
VIEWS = tuple(network.VIEWS)


def load_graph(store: Store) -> Graph:
    """The whole graph of `store` as an in-memory rdflib Graph with the vlmkg prefixes.

    The embedded store is read quad by quad (twice as fast as CONSTRUCT); any other Store
    answers `CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }`.
    """
    if isinstance(store, OxigraphStore):
        graph = Graph()
        terms: dict[object, Node] = {}

        def term(ox_term: object) -> Node:
            if ox_term not in terms:
                terms[ox_term] = from_ox(ox_term)  # type: ignore[assignment]
            return terms[ox_term]

        quads = store.inner.quads_for_pattern(None, None, None, _HUB)
        graph.addN((term(q.subject), term(q.predicate), term(q.object), graph) for q in quads)
        return bind_prefixes(graph)
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    if result.graph is None:
        raise StoreError("the store answered CONSTRUCT without a graph")
    return bind_prefixes(result.graph)


def bind_prefixes(graph: Graph) -> Graph:
    """`graph` with the vlmkg prefixes bound (in place), returned for chaining."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def check_request(fmt: str, view: str | None) -> None:
    """Raise ExportError for an unknown format or view, or a view on a non-network format."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if view is None:
        return
    if view not in VIEWS:
        raise ExportError(f"unknown view {view!r}: choose one of {', '.join(VIEWS)}")
    if fmt not in NETWORK_FORMATS:
        raise ExportError(
            f"--view applies to the network formats ({', '.join(NETWORK_FORMATS)}), not {fmt}"
        )


Writer = Callable[[BinaryIO], None]


def _hub_graph_store(graph: Graph) -> ox.Store:
    """An in-memory pyoxigraph store holding `graph` as the hub graph."""
    store = ox.Store()
    store.bulk_extend(
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), _HUB)  # type: ignore[arg-type]
        for s, p, o in graph
    )
    return store


def _triples(store: ox.Store) -> Iterator[ox.Triple]:
    """The hub graph's triples, grouped by subject (index order)."""
    for quad in store.quads_for_pattern(None, None, None, _HUB):
        yield quad.triple


_STATED_FACTS = """
SELECT ?s ?p ?o ?span WHERE {
  ?statement a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
             prov:wasDerivedFrom ?span .
  ?s ?p ?o .
  FILTER(isIRI(?span))
}"""


def provenance_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """The hub graph of `store` as quads: each stated fact in its source spans' graphs.

    Default graph first: every triple not derived from a span (types, family labels, the
    rdf:Statement records ...); then graph `<span IRI>` by span: the facts it states.
    """
    spans_of: dict[ox.Triple, dict[ox.NamedNode, None]] = defaultdict(dict)
    rows = store.query(_STATED_FACTS, default_graph=_HUB, prefixes=PREFIXES)
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        spans_of[ox.Triple(row["s"], row["p"], row["o"])][row["span"]] = None
    named: list[ox.Quad] = []
    for triple in _triples(store):
        spans = spans_of.get(triple)
        if spans:
            named += [ox.Quad(triple.subject, triple.predicate, triple.object, s) for s in spans]
        else:
            yield ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph())
    named.sort(key=lambda quad: quad.graph_name.value)  # type: ignore[union-attr]
    yield from named


def other_graphs_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """The quads of every named graph but the hub's (a `--history` build's versions and
    changes), graph by graph in name order."""
    names = sorted(g.value for g in store.named_graphs() if g != _HUB)
    for name in names:
        yield from store.quads_for_pattern(None, None, None, ox.NamedNode(name))


def rdf_writer(store: ox.Store, fmt: str) -> Writer:
    """A function writing the hub graph of `store` as `fmt` (not jsonld) to a binary file.

    pyoxigraph streams it (no rdflib graph in memory) and keeps literals' lexical forms.
    """

    def write(handle: BinaryIO) -> None:
        try:
            if fmt in DATASET_FORMATS:
                quads = chain(provenance_quads(store), other_graphs_quads(store))
                ox.serialize(quads, handle, format=RDF_FORMATS[fmt], prefixes=PREFIXES)
            else:
                store.dump(handle, RDF_FORMATS[fmt], from_graph=_HUB, prefixes=PREFIXES)
        except (ValueError, SyntaxError) as exc:
            raise ExportError(f"cannot write the graph as {fmt}: {exc}") from exc

    return write


def serialize_rdf(graph: Graph, fmt: str) -> bytes:
    """`graph` in one of RDF_FORMATS with the vlmkg prefixes; TriG/N-Quads with provenance
    graphs; JSON-LD compacted by rdflib with the prefixes as its @context."""
    if fmt == "jsonld":
        data = bind_prefixes(graph).serialize(
            format="json-ld", encoding="utf-8", context=dict(PREFIXES), auto_compact=True
        )
        return bytes(data)
    buffer = io.BytesIO()
    rdf_writer(_hub_graph_store(graph), fmt)(buffer)
    return buffer.getvalue()


def render(graph: Graph, fmt: str, view: str | None = None) -> dict[str, bytes]:
    """The export's contents: {"": data} for one file, {"nodes":, "edges":} for CSV."""
    check_request(fmt, view)
    if fmt in RDF_FORMATS:
        return {"": serialize_rdf(graph, fmt)}
    if fmt in BIBLIOGRAPHY_FORMATS:
        return {"": BIBLIOGRAPHY_FORMATS[fmt](bibliography.citations(graph)).encode("utf-8")}
    projection = network.network_view(graph, view or "full")
    if fmt == "csv":
        nodes, edges = network.to_csv(projection)
        return {"nodes": nodes, "edges": edges}
    data = NETWORK_FORMATS[fmt](projection)
    assert isinstance(data, bytes)
    return {"": data}


def output_paths(fmt: str, path: str | os.PathLike[str]) -> dict[str, Path]:
    """Where each part goes: {"": path}, or for CSV {"nodes": ..., "edges": ...}.

    CSV: `DIR/` (trailing slash) or an existing directory -> DIR/nodes.csv, DIR/edges.csv;
    any other PATH is a prefix: `out/hub` or `out/hub.csv` -> out/hub.nodes.csv and
    out/hub.edges.csv.
    """
    text = os.fspath(path)
    target = Path(text)
    if fmt != "csv":
        return {"": target}
    if target.is_dir() or text.endswith(("/", os.sep)):
        return {"nodes": target / "nodes.csv", "edges": target / "edges.csv"}
    stem = target.name.removesuffix(".csv")
    return {part: target.with_name(f"{stem}.{part}.csv") for part in ("nodes", "edges")}


def check_outputs(paths: dict[str, Path], force: bool) -> None:
    """Raise ExportError before any work when a target cannot or must not be written.

    The targets' directory must exist, except a CSV directory (`-o DIR/`), whose parent must.
    """
    for part, path in paths.items():
        if path.is_dir():
            raise ExportError(f"{path} is a directory: give a file name")
        if path.exists() and not force:
            raise ExportError(f"{path} already exists: pass --force to overwrite it")
        directory = path.parent
        if not directory.exists() and part != "" and directory.parent.is_dir():
            directory = directory.parent  # `-o DIR/` creates DIR
        if not directory.is_dir():
            raise ExportError(f"cannot write {path}: directory {directory} does not exist")
        if not os.access(directory, os.W_OK | os.X_OK):
            raise ExportError(f"cannot write {path}: directory {directory} is not writable")


def write_atomically(
    contents: Mapping[str, bytes | Writer], paths: Mapping[str, Path]
) -> list[Path]:
    """Write every part (bytes, or a function writing to a binary file) to a temp file
    beside its target, then rename all into place; on failure remove the temp files."""
    created_dirs = []
    temporaries: list[tuple[str, Path]] = []
    target = next(iter(paths.values()))
    umask = os.umask(0)
    os.umask(umask)
    try:
        for part, data in contents.items():
            target = paths[part]
            if not target.parent.exists():
                target.parent.mkdir()
                created_dirs.append(target.parent)
            descriptor, temporary = tempfile.mkstemp(
                dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
            )
            temporaries.append((temporary, target))
            with os.fdopen(descriptor, "wb") as handle:
                if isinstance(data, bytes):
                    handle.write(data)
                else:
                    data(handle)
            os.chmod(temporary, 0o666 & ~umask)
        for temporary, target in temporaries:
            os.replace(temporary, target)
    except BaseException as exc:
        for temporary, _ in temporaries:
            if os.path.exists(temporary):
                os.unlink(temporary)
        for directory in created_dirs:
            if directory.exists() and not any(directory.iterdir()):
                directory.rmdir()
        if isinstance(exc, OSError):
            raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise
    return [target for _, target in temporaries]


def export(
    graph: Graph,
    fmt: str,
    path: str | os.PathLike[str],
    view: str | None = None,
    force: bool = False,
) -> list[Path]:
    """Render `graph` as `fmt` (network formats: projected to `view`) and write it.

    Returns the files written (two for CSV). Raises ExportError for an unknown format or
    view, an existing target without `force`, or a path that cannot be written.
    """
    check_request(fmt, view)
    paths = output_paths(fmt, path)
    check_outputs(paths, force)
    return write_atomically(render(graph, fmt, view), paths)


def export_store(
    store: Store,
    fmt: str,
    path: str | os.PathLike[str],
    view: str | None = None,
    force: bool = False,
) -> list[Path]:
    """Like `export`, reading the graph from `store`.

    RDF formats but JSON-LD stream straight out of the embedded Oxigraph store, so large
    graphs never need to fit in memory as rdflib objects; the rest load the graph first.
    """
    check_request(fmt, view)
    paths = output_paths(fmt, path)
    check_outputs(paths, force)
    if isinstance(store, OxigraphStore) and fmt in RDF_FORMATS and fmt != "jsonld":
        return write_atomically({"": rdf_writer(store.inner, fmt)}, paths)
    return write_atomically(render(load_graph(store), fmt, view), paths)


__all__ = [
    "FORMATS",
    "RDF_FORMATS",
    "VIEWS",
    "bind_prefixes",
    "check_outputs",
    "check_request",
    "export",
    "export_store",
    "load_graph",
    "output_paths",
    "provenance_quads",
    "rdf_writer",
    "render",
    "serialize_rdf",
]

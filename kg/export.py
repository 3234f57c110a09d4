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

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg import bibliography, network
from kg._terms import from_ox, to_ox
from kg.oxigraph_store import OxigraphStore
from kg.store import Store
from kg.vocab import GRAPH, PREFIXES, PROV, RDF
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

        quads = store.inner.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH))
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


def provenance_quads(graph: Graph) -> list[tuple[Node, Node, Node, URIRef | None]]:
    """The graph as quads: each stated fact in its source spans' named graphs.

    Graph None (default): every triple not derived from a span (types, family labels, the
    rdf:Statement records ...). Graph `<span IRI>`: the facts that span states.
    """
    named: dict[tuple[Node, Node, Node], set[URIRef]] = {}
    for statement in graph.subjects(RDF.type, RDF.Statement):
        fact = (
            graph.value(statement, RDF.subject),
            graph.value(statement, RDF.predicate),
            graph.value(statement, RDF.object),
        )
        if None in fact or fact not in graph:
            continue
        spans = {s for s in graph.objects(statement, PROV.wasDerivedFrom) if isinstance(s, URIRef)}
        named.setdefault(fact, set()).update(spans)  # type: ignore[arg-type]
    quads: list[tuple[Node, Node, Node, URIRef | None]] = []
    for triple in graph:
        spans = named.get(triple)
        if spans:
            quads += [(*triple, span) for span in sorted(spans)]
        else:
            quads.append((*triple, None))
    return quads


def _sorted(items: list[tuple[Node, ...]]) -> list[tuple[Node, ...]]:
    """Sorted by graph, then subject: Turtle/TriG writers group runs of one subject."""
    return sorted(
        items, key=lambda t: (str(t[3]) if len(t) == 4 and t[3] else "", *map(str, t[:3]))
    )


def serialize_rdf(graph: Graph, fmt: str) -> bytes:
    """`graph` in one of RDF_FORMATS with the vlmkg prefixes; TriG/N-Quads with provenance
    graphs. Written by pyoxigraph, which keeps every literal's lexical form as it is."""
    if fmt == "jsonld":
        data = bind_prefixes(graph).serialize(
            format="json-ld", encoding="utf-8", context=dict(PREFIXES), auto_compact=True
        )
        return bytes(data)
    if fmt in DATASET_FORMATS:
        items: list[ox.Triple] | list[ox.Quad] = [
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g) if g else ox.DefaultGraph())  # type: ignore[arg-type]
            for s, p, o, g in _sorted(provenance_quads(graph))  # type: ignore[arg-type]
        ]
    else:
        items = [
            ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
            for s, p, o in _sorted(list(graph))  # type: ignore[arg-type]
        ]
    try:
        return bytes(ox.serialize(items, format=RDF_FORMATS[fmt], prefixes=PREFIXES))
    except (ValueError, SyntaxError) as exc:
        raise ExportError(f"cannot write the graph as {fmt}: {exc}") from exc


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


def write_atomically(contents: dict[str, bytes], paths: dict[str, Path]) -> list[Path]:
    """Write every part to a temp file beside its target, then rename all into place."""
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
                handle.write(data)
            os.chmod(temporary, 0o666 & ~umask)
        for temporary, target in temporaries:
            os.replace(temporary, target)
    except OSError as exc:
        for temporary, _ in temporaries:
            if os.path.exists(temporary):
                os.unlink(temporary)
        for directory in created_dirs:
            if directory.exists() and not any(directory.iterdir()):
                directory.rmdir()
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
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


__all__ = [
    "FORMATS",
    "RDF_FORMATS",
    "VIEWS",
    "bind_prefixes",
    "check_outputs",
    "check_request",
    "export",
    "load_graph",
    "output_paths",
    "provenance_quads",
    "render",
    "serialize_rdf",
]

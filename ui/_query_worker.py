"""The body of one query worker process: open the store read-only, answer jobs forever.

Oxigraph cannot cancel a running query from Python (oxigraph/oxigraph#1926), so queries
run in separate processes that the pool kills on timeout. This module imports only
pyoxigraph and the standard library (and kg._relative_iris, which needs nothing else) so
a fresh worker starts in a fraction of a second.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg._relative_iris import relative_iri_problem

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# result format name -> (media type, query kinds it can carry)
FORMATS: dict[str, tuple[str, frozenset[str]]] = {
    "json": ("application/sparql-results+json", frozenset({"select", "ask"})),
    "xml": ("application/sparql-results+xml", frozenset({"select", "ask"})),
    "csv": ("text/csv", frozenset({"select"})),
    "tsv": ("text/tab-separated-values", frozenset({"select"})),
    "turtle": ("text/turtle", frozenset({"graph"})),
    "ntriples": ("application/n-triples", frozenset({"graph"})),
    "jsonld": ("application/ld+json", frozenset({"graph"})),
    "rdfxml": ("application/rdf+xml", frozenset({"graph"})),
}

_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class QueryJob:
    """One query to run: `result_format` is a key of FORMATS (per kind: select/ask, graph).

    `bindings` are (variable, "iri" | "literal", value) substituted before evaluation
    (SEP-0007), so values never enter the query text. `base_iri` resolves relative IRIs
    (the endpoint passes its own URL); without one they are errors.
    """

    query: str
    select_format: str = "json"
    graph_format: str = "turtle"
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    bindings: tuple[tuple[str, str, str], ...] = ()
    row_limit: int = 10_000
    base_iri: str | None = None


@dataclass(frozen=True)
class QueryReply:
    """The serialised answer: `rows` counts solutions or triples; `truncated` when capped."""

    kind: str
    media_type: str
    body: bytes
    rows: int
    truncated: bool


@dataclass(frozen=True)
class QueryFailure:
    """A query that failed in the worker: `kind` is syntax | store."""

    kind: str
    message: str


def serve(requests: Connection, replies: Connection) -> None:
    """Open the store the first message names, then answer QueryJobs until EOF.

    The first reply is "ready" or a QueryFailure.
    """
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    store_path, default_graph, prefixes = requests.recv()
    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        replies.send(QueryFailure("store", f"cannot open the store {store_path}: {exc}"))
        return
    replies.send("ready")
    while True:
        try:
            job = requests.recv()
        except (EOFError, OSError):
            return
        replies.send(answer(store, job, default_graph, prefixes))


def _exit_with_parent(parent: int) -> None:
    # A worker busy with a runaway query never reads EOF, so it watches its parent
    # (pyoxigraph releases the GIL while it evaluates, so this thread keeps running).
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def answer(
    store: ox.Store, job: QueryJob, default_graph: str, prefixes: dict[str, str]
) -> QueryReply | QueryFailure:
    """Run one job against `store` and serialise its result."""
    defaults: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
        ox.NamedNode(g) for g in job.default_graphs or (default_graph,)
    ]
    named: list[ox.NamedNode | ox.BlankNode] | None = [
        ox.NamedNode(g) for g in job.named_graphs
    ] or None
    try:
        result = store.query(
            job.query,
            prefixes=prefixes,
            default_graph=defaults,
            named_graphs=named,
            substitutions=_substitutions(job.bindings),
            base_iri=job.base_iri,
        )
        if isinstance(result, ox.QueryBoolean):
            return boolean_reply(bool(result), job.select_format)
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = (tuple(solution[v] for v in variables) for solution in result)
            return select_reply(variables, rows, job.select_format, job.row_limit)
        return graph_reply(result, job.graph_format, job.row_limit, prefixes)
    except SyntaxError as exc:
        return QueryFailure("syntax", _relative_iri_message(job) or str(exc))
    except Exception as exc:  # whatever the engine raises, the worker keeps serving
        return QueryFailure("store", str(exc))


def _relative_iri_message(job: QueryJob) -> str | None:
    """Oxigraph's "error at L:C: ..." for the first relative IRI of a query parsed with
    no base IRI, or None; its own message points elsewhere ("expected OPTIONAL")."""
    problem = relative_iri_problem(job.query) if job.base_iri is None else None
    if problem is None:
        return None
    line, column, message = problem
    return f"error at {line}:{column}: {message}"


def _substitutions(
    bindings: tuple[tuple[str, str, str], ...],
) -> dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] | None:
    if not bindings:
        return None
    return {
        ox.Variable(name): ox.NamedNode(value) if kind == "iri" else ox.Literal(value)
        for name, kind, value in bindings
    }


def boolean_reply(value: bool, fmt: str) -> QueryReply:
    """An ASK answer serialised in `fmt` (json | xml)."""
    if fmt == "xml":
        body = (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{str(value).lower()}</boolean></sparql>\n"
        )
    else:
        body = json.dumps({"head": {}, "boolean": value})
    return QueryReply("ask", FORMATS[fmt][0], body.encode(), 1, False)


def select_reply(
    variables: list[str], solutions: Iterable[tuple[object, ...]], fmt: str, row_limit: int
) -> QueryReply:
    """SELECT solutions serialised in `fmt`, at most `row_limit` of them.

    `solutions` are tuples of pyoxigraph terms (None when unbound) in `variables` order;
    the remote pool converts its rdflib rows to them, so both paths print alike.
    """
    rows: list[tuple[object, ...]] = []
    truncated = False
    for solution in solutions:
        if len(rows) >= row_limit:
            truncated = True
            break
        rows.append(solution)
    writer = {"json": _json_results, "xml": _xml_results, "csv": _csv_results}.get(
        fmt, _tsv_results
    )
    body = writer(variables, rows)
    return QueryReply("select", FORMATS[fmt][0], body.encode(), len(rows), truncated)


def graph_reply(
    triples: Iterable[ox.Triple], fmt: str, row_limit: int, prefixes: dict[str, str]
) -> QueryReply:
    """CONSTRUCT/DESCRIBE triples serialised in `fmt`, at most `row_limit` of them."""
    kept: list[ox.Triple] = []
    truncated = False
    for triple in triples:
        if len(kept) >= row_limit:
            truncated = True
            break
        kept.append(triple)
    body = ox.serialize(kept, format=_RDF_FORMATS[fmt], prefixes=prefixes)
    return QueryReply("graph", FORMATS[fmt][0], body or b"", len(kept), truncated)


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _json_results(variables: list[str], rows: list[tuple[object, ...]]) -> str:
    bindings = [
        {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}})


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value != XSD_STRING:
            attr = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attr = ""
        return f"<literal{attr}>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _xml_results(variables: list[str], rows: list[tuple[object, ...]]) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables))
    out.append("</head><results>")
    for row in rows:
        cells = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(variables, row, strict=True)
            if t is not None
        )
        out.append(f"<result>{cells}</result>")
    out.append("</results></sparql>\n")
    return "\n".join(out)


def _csv_value(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(getattr(term, "value", term))


def _csv_results(variables: list[str], rows: list[tuple[object, ...]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    writer.writerows([_csv_value(t) for t in row] for row in rows)
    return buffer.getvalue()


def _tsv_results(variables: list[str], rows: list[tuple[object, ...]]) -> str:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    # Started by ui.query_pool as `python -m ui._query_worker <read fd> <write fd>`.
    # Run the imported module's serve() so pickled replies name `ui._query_worker` classes.
    from ui._query_worker import serve as _serve

    _serve(
        Connection(int(sys.argv[1]), writable=False),
        Connection(int(sys.argv[2]), readable=False),
    )

"""Read-only SPARQL: check a query, run it on a store, format its results.

`check_query(text) -> form` refuses updates (and SERVICE unless allowed) before anything
runs; `syntax_error(...)` turns a parser message into one line with the position;
`format_result(result, fmt)` writes table, CSV, TSV (SPARQL 1.1 CSV/TSV results), or
SPARQL 1.1 Query Results JSON; CONSTRUCT/DESCRIBE graphs come out as Turtle (JSON-LD for
json). The CLI and the HTTP endpoint share these.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg._relative_iris import relative_iri_problem
from kg.store import QueryResult, Store
from kg.vocab import PREFIXES
from vlmkg.errors import QueryRefusedError, QuerySyntaxError, UsageError

FORMATS = ("table", "csv", "tsv", "json")
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = frozenset(
    ["INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"]
)
TABLE_CELL_WIDTH = 80

_PROLOGUE_ITEM = re.compile(r"\s+|#[^\n]*|(?i:PREFIX)\s*[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>")
# tokens that may hide a keyword: strings, IRIs and comments are skipped whole
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*|[?$]\w+|(?:[A-Za-z_][\w.-]*)?:[^\s(){},;]*"
    r"|[A-Za-z_][\w-]*|\S",
)
_ORACLE_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_CHAR_CLASS = re.compile(r"\[(?:'[^']*'|\"[^\"]*\"|[^\]'\"])*\]")


def query_form(text: str) -> str:
    """The first keyword after the prologue (PREFIX/BASE lines and comments), upper-cased."""
    position = 0
    while True:
        match = _PROLOGUE_ITEM.match(text, position)
        if match is None or match.end() == position:
            break
        position = match.end()
    word = re.match(r"[A-Za-z]+", text[position:])
    return word.group(0).upper() if word else ""


def check_query(text: str, *, allow_service: bool = False) -> str:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) of a read-only query.

    Raises QueryRefusedError for updates and (unless allowed) SERVICE clauses, and
    UsageError for an empty query. Syntax is left to the store's parser.
    """
    if not text.strip():
        raise UsageError("the SPARQL query is empty")
    form = query_form(text)
    if form in UPDATE_WORDS:
        raise QueryRefusedError(
            f"SPARQL {form} is an update; vlmkg only runs read-only queries "
            "(SELECT, ASK, CONSTRUCT, DESCRIBE). Rebuild with `vlmkg build` to change the graph."
        )
    if not allow_service and any(token.upper() == "SERVICE" for token in _TOKEN.findall(text)):
        raise QueryRefusedError("SERVICE clauses are refused: vlmkg does not query other endpoints")
    return form


def syntax_error(message: str, text: str = "") -> QuerySyntaxError:
    """A one-line QuerySyntaxError from an Oxigraph parser message ("error at L:C: ...").

    With the query `text`, an unknown prefix or a relative IRI is named and located exactly.
    """
    relative = relative_iri_problem(text) if text else None
    if relative is not None:  # Oxigraph's own message points elsewhere ("expected OPTIONAL")
        return QuerySyntaxError("SPARQL syntax error at line {}, column {}: {}".format(*relative))
    match = _ORACLE_POSITION.match(message.strip())
    if match is None:
        return QuerySyntaxError(f"SPARQL syntax error: {_one_line(message)}")
    line, column, detail = match.groups()
    if "Prefix not found" in detail:
        return _unknown_prefix(text, int(line), int(column))
    return QuerySyntaxError(
        f"SPARQL syntax error at line {line}, column {column}: {_explain(detail)}"
    )


def _unknown_prefix(text: str, line: int, column: int) -> QuerySyntaxError:
    declared = set(PREFIXES) | {m.group(1) for m in re.finditer(r"(?i:PREFIX)\s*([^\s:]*):", text)}
    known = ", ".join(f"{p}:" for p in PREFIXES)
    hint = f"(predeclared: {known}; declare others with PREFIX)"
    for token in _TOKEN.finditer(text):
        name = token.group(0)
        prefix = name.split(":", 1)[0]
        if (
            ":" in name
            and not name.startswith(("<", '"', "'", "#", "?", "$"))
            and prefix not in declared
        ):
            line = text.count("\n", 0, token.start()) + 1
            column = token.start() - (text.rfind("\n", 0, token.start()) + 1) + 1
            return QuerySyntaxError(
                f"SPARQL syntax error at line {line}, column {column}: "
                f"unknown prefix {prefix}: {hint}"
            )
    return QuerySyntaxError(
        f"SPARQL syntax error at line {line}, column {column}: unknown prefix {hint}"
    )


def _explain(detail: str) -> str:
    expected = re.match(r"expected (?:one of )?(.*)", detail, re.DOTALL)
    if expected is None:
        return _one_line(detail)
    items = [
        item.strip()
        for item in _CHAR_CLASS.sub("", expected.group(1)).split(", ")
        if item.strip() and item.strip() != "[_]"
    ]
    if not items:
        return "unexpected text"
    shown = ", ".join(items[:8]) + (", ..." if len(items) > 8 else "")
    return f"expected {shown}"


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def run(
    store: Store,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    allow_service: bool = False,
) -> QueryResult:
    """Check `text` is a read-only query, then run it on `store`."""
    check_query(text, allow_service=allow_service)
    return store.query(text, bindings)


# -- formatting ----------------------------------------------------------------------


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """The result as text in `fmt` (table, csv, tsv, json); graphs as Turtle or JSON-LD."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        assert result.graph is not None
        for prefix, iri in PREFIXES.items():
            result.graph.bind(prefix, iri)
        out = result.graph.serialize(format="json-ld" if fmt == "json" else "turtle")
        return out if out.endswith("\n") else out + "\n"
    if fmt == "json":
        return json.dumps(results_json(result), indent=2, ensure_ascii=False) + "\n"
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "csv":
        return _csv(result)
    if fmt == "tsv":
        return _tsv(result)
    return _table(result)


def results_json(result: QueryResult) -> dict[str, object]:
    """SPARQL 1.1 Query Results JSON of a SELECT or ASK result."""
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def _csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else _csv_value(t) for t in row])
    return buffer.getvalue()


def _csv_value(term: Identifier) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _tsv(result: QueryResult) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else t.n3() for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _table(result: QueryResult) -> str:
    header = list(result.variables)
    rows = [[_short(t) for t in row] for row in result.rows]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    lines = [_table_line(header, widths), _table_line(["-" * w for w in widths], widths)]
    lines += [_table_line(row, widths) for row in rows]
    n = len(rows)
    lines.append(f"({n} row{'' if n == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _table_line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


def _short(term: Identifier | None) -> str:
    """A term as people read it: prefixed IRI, literal value, one line, capped width."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = compact_iri(term)
    elif isinstance(term, BNode):
        text = f"_:{term}"
    else:
        text = " ".join(str(term).split())
    if len(text) > TABLE_CELL_WIDTH:
        text = text[: TABLE_CELL_WIDTH - 1] + "…"
    return text


def compact_iri(iri: str) -> str:
    """`res:model/cogvlm` for an IRI under a predeclared prefix, else `<iri>`."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    if best and len(iri) > len(PREFIXES[best]):
        return f"{best}:{iri[len(PREFIXES[best]) :]}"
    return f"<{iri}>"


__all__ = [
    "FORMATS",
    "check_query",
    "compact_iri",
    "format_result",
    "query_form",
    "results_json",
    "run",
    "syntax_error",
]

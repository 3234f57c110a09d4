"""Relative IRIs in a SPARQL query's text, found without parsing it (standard library only:
the query workers import this and must start fast).

Oxigraph's parser, given no base IRI, reports a relative IRI far from the point
(`ASK { <s> ?p ?o }`: "expected OPTIONAL"); `relative_iri_problem` names it instead.
"""

from __future__ import annotations

import re

# IRIs, and the strings and comments that may contain look-alikes (skipped whole)
_IRI_OR_SKIPPED = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*'
    r'|<([^<>"{}|^`\\\s]*)>'
)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_BASE_DECLARED = re.compile(r"(?i:\bBASE)\s*<")


def relative_iris(query: str) -> list[re.Match[str]]:
    """The `<...>` tokens of `query` (outside strings and comments) whose IRI is relative
    (group 1), when the query declares no BASE of its own."""
    if _BASE_DECLARED.search(query):
        return []
    return [
        match
        for match in _IRI_OR_SKIPPED.finditer(query)
        if match.group(1) is not None and not _SCHEME.match(match.group(1))
    ]


def relative_iri_problem(query: str) -> tuple[int, int, str] | None:
    """(line, column, message) of the first relative IRI of a query that has no base IRI,
    or None."""
    found = relative_iris(query)
    if not found:
        return None
    start, iri = found[0].start(), found[0].group(1)
    line = query.count("\n", 0, start) + 1
    column = start - (query.rfind("\n", 0, start) + 1) + 1
    return (
        line,
        column,
        (
            f"relative IRI <{iri}> but no base IRI is set: write the IRI in full "
            "(<http://...>) or declare BASE <http://...> first"
        ),
    )

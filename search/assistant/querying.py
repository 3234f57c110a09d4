"""Parameterised SPARQL for list and count questions, built from fixed fragments.

User text never enters a query: fragments are constants, values are bound as RDF terms
(`bindings`), and the displayed query states them in a VALUES block.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.vocab import PREFIXES, VLM

_OPS = {"=", "<", ">", "<=", ">="}
# Classes whose entities can also be merely named by another entry ("based on LLaVA"):
# an answer counts those the hub lists.
_LISTED_CLASSES = {"Model", "Dataset", "Benchmark", "Tool"}


@dataclass
class ListQuery:
    """SELECT DISTINCT ?x under conjunctive constraints; `described` says them in words."""

    patterns: list[str] = field(default_factory=list)
    bindings: dict[str, Identifier] = field(default_factory=dict)
    described: list[str] = field(default_factory=list)
    _n: int = 0

    def var(self, value: Identifier) -> str:
        self._n += 1
        name = f"v{self._n}"
        self.bindings[name] = value
        return name

    def of_class(self, class_name: str, listed: bool = True) -> None:
        """?x is of the class and, with `listed`, listed in the hub (not only named in
        another entry)."""
        v = self.var(URIRef(VLM[class_name]))
        self.patterns.append(f"?x a ?{v} .")
        if listed and class_name in _LISTED_CLASSES:
            self.patterns.append("FILTER EXISTS { ?x vlm:listedIn ?anywhere }")

    def of_listed_classes(self) -> None:
        """?x is an entry the hub lists, of any listed class ("which write-ups ...")."""
        names = [self.var(URIRef(VLM[c])) for c in sorted(_LISTED_CLASSES)]
        self.patterns.append("?x a ?cls . FILTER EXISTS { ?x vlm:listedIn ?anywhere }")
        self.patterns.append(f"FILTER (?cls IN ({', '.join('?' + n for n in names)}))")

    def related(self, property_paths: list[str], values: list[str], words: str) -> None:
        """?x reaches one of `values` through one of the paths (families included)."""
        v = self.var(URIRef(values[0]))
        alternatives = " | ".join(property_paths)
        if len(values) == 1:
            self.patterns.append(f"?x ({alternatives})/skos:broader* ?{v} .")
        else:
            names = [v] + [self.var(URIRef(iri)) for iri in values[1:]]
            self.patterns.append(f"?x ({alternatives})/skos:broader* ?target{self._n} .")
            self.patterns.append(
                f"FILTER(?target{self._n} IN ({', '.join('?' + n for n in names)}))"
            )
        self.described.append(words)

    def not_related(self, property_paths: list[str], values: list[str], words: str) -> None:
        """?x reaches none of `values` through the paths ("models that are not
        decoder-only")."""
        names = [self.var(URIRef(iri)) for iri in values]
        alternatives = " | ".join(property_paths)
        self._n += 1
        target = f"?neg{self._n}"
        self.patterns.append(
            f"FILTER NOT EXISTS {{ ?x ({alternatives})/skos:broader* {target} . "
            f"FILTER({target} IN ({', '.join('?' + n for n in names)})) }}"
        )
        self.described.append(words)

    def has(self, path: str, words: str) -> None:
        """?x has some value for the property path ("tools with a speedup")."""
        self._n += 1
        self.patterns.append(f"?x {path} ?any{self._n} .")
        self.described.append(words)

    def lacks(self, path: str, words: str) -> None:
        """?x has no value for the property path ("models that state no parameter count")."""
        self._n += 1
        self.patterns.append(f"FILTER NOT EXISTS {{ ?x {path} ?none{self._n} }}")
        self.described.append(words)

    def in_section(self, section_iri: str, words: str) -> None:
        v = self.var(URIRef(section_iri))
        self.patterns.append(f"?x vlm:listedIn/dcterms:isPartOf* ?{v} .")
        self.described.append(words)

    def in_any_section(self, section_iris: list[str], words: str) -> None:
        """?x is listed under one of the headings."""
        names = [self.var(URIRef(iri)) for iri in section_iris]
        self._n += 1
        sec = f"?sec{self._n}"
        self.patterns.append(f"?x vlm:listedIn/dcterms:isPartOf* {sec} .")
        self.patterns.append(f"FILTER({sec} IN ({', '.join('?' + n for n in names)}))")
        self.described.append(words)

    def compare(self, path: str, op: str, value: float | int, words: str) -> None:
        if op not in _OPS:
            raise ValueError(op)
        datatype = XSD.integer if isinstance(value, int) else XSD.decimal
        if op == "=" and isinstance(value, float) and value > 1000:
            # a stated quantity equals the asked one up to rounding ("2.8B" as 2800000000.0001);
            # whole numbers (years, counts) are compared exactly
            lo = self.var(Literal(round(value * 0.9999, 2), datatype=XSD.decimal))
            hi = self.var(Literal(round(value * 1.0001, 2), datatype=XSD.decimal))
            self._n += 1
            n = f"?n{self._n}"
            self.patterns.append(f"?x {path} {n} . FILTER({n} >= ?{lo} && {n} <= ?{hi})")
            self.described.append(words)
            return
        v = self.var(Literal(value, datatype=datatype))
        self._n += 1
        n = f"?n{self._n}"
        if op == "=":
            # numeric equality spelled as two comparisons: Oxigraph reads `?n = ?bound` as
            # term equality, so 7000000000 (integer) would not equal "7000000000"^^decimal
            self.patterns.append(f"?x {path} {n} . FILTER({n} >= ?{v} && {n} <= ?{v})")
        else:
            self.patterns.append(f"?x {path} {n} . FILTER({n} {op} ?{v})")
        self.described.append(words)

    def sole(self, path: str, value: float, words: str) -> None:
        """?x has `value` (up to rounding) for the path and no other value ("given as a
        single 7B size": not 7B-13B, not 3B/7B/72B)."""
        lo = self.var(Literal(round(value * 0.9999, 2), datatype=XSD.decimal))
        hi = self.var(Literal(round(value * 1.0001, 2), datatype=XSD.decimal))
        self._n += 1
        n, other = f"?n{self._n}", f"?other{self._n}"
        outside = f"FILTER({other} < ?{lo} || {other} > ?{hi})"
        self.patterns.append(
            f"?x {path} {n} . FILTER({n} >= ?{lo} && {n} <= ?{hi}) "
            f"FILTER NOT EXISTS {{ ?x {path} {other} . {outside} }}"
        )
        self.described.append(words)

    def compare_any(self, path: str, values: list[int], words: str) -> None:
        """?x has a whole-number value for the path equal to one of `values` ("dated 2023
        or 2024")."""
        names = [self.var(Literal(v, datatype=XSD.integer)) for v in values]
        self._n += 1
        n = f"?n{self._n}"
        tests = " || ".join(f"({n} >= ?{v} && {n} <= ?{v})" for v in names)
        self.patterns.append(f"?x {path} {n} . FILTER({tests})")
        self.described.append(words)

    def row_year(self, op: str, year: int, words: str) -> None:
        """?x (a table row) has the release year, or a cell of a date or year column
        whose value starts with a year that compares so ("2025-03-18", "2025")."""
        if op not in _OPS:
            raise ValueError(op)
        v = self.var(Literal(year, datatype=XSD.integer))
        self._n += 1
        n, c, col, val = (f"?{name}{self._n}" for name in ("n", "c", "col", "val"))
        test = f"{n} >= ?{v} && {n} <= ?{v}" if op == "=" else f"{n} {op} ?{v}"
        # four-digit years compare as strings the way they do as numbers
        as_text = test.replace(f"?{v}", f"STR(?{v})")
        self.patterns.append(
            f"{{ ?x vlm:releaseYear {n} . FILTER({test}) }} UNION "
            f"{{ ?x vlm:cell {c} . {c} vlm:column {col} ; vlm:value {val} . "
            f'FILTER(REGEX(STR({col}), "date|year|release", "i") && '
            f'REGEX(STR({val}), "^[0-9]{{4}}")) '
            f"BIND(SUBSTR(STR({val}), 1, 4) AS {n}) FILTER({as_text}) }}"
        )
        self.described.append(words)

    def date_prefix(self, prefix: str, words: str) -> None:
        """?x has a dcterms:date that starts with `prefix` ("2024-06": a day or the month),
        or (a table row) a cell of a date column whose value does ("2024-01-30")."""
        v = self.var(Literal(prefix))
        self._n += 1
        d, c, col = (f"?{name}{self._n}" for name in ("d", "c", "col"))
        self.patterns.append(
            f"{{ ?x dcterms:date {d} . FILTER(STRSTARTS(STR({d}), STR(?{v}))) }} UNION "
            f"{{ ?x vlm:cell {c} . {c} vlm:column {col} ; vlm:value {d} . "
            f'FILTER(REGEX(STR({col}), "date|release", "i") && STRSTARTS(STR({d}), STR(?{v}))) }}'
        )
        self.described.append(words)

    def matching(self, curie: str, pattern: str, words: str) -> None:
        """?x has a literal for `curie` that matches the regular expression `pattern`."""
        v = self.var(Literal(pattern))
        self._n += 1
        t = f"?t{self._n}"
        self.patterns.append(f'?x {curie} {t} . FILTER(REGEX(STR({t}), STR(?{v}), "i"))')
        self.described.append(words)

    def literal(self, curie: str, value: str, words: str) -> None:
        """?x has the literal `value` for the property `curie`."""
        v = self.var(Literal(value))
        self.patterns.append(f"?x {curie} ?{v} .")
        self.described.append(words)

    def among(self, iris: list[str], words: str) -> None:
        names = [self.var(URIRef(iri)) for iri in iris]
        self.patterns.append(f"FILTER(?x IN ({', '.join('?' + n for n in names)}))")
        self.described.append(words)

    def cell_value(self, value: str, column: str | None, words: str) -> None:
        v = self.var(Literal(value))
        self._n += 1
        cell = f"?cell{self._n}"
        self.patterns.append(f"?x vlm:cell {cell} . {cell} vlm:value ?val{self._n} .")
        self.patterns.append(f"FILTER(LCASE(STR(?val{self._n})) = LCASE(STR(?{v})))")
        if column:
            c = self.var(Literal(column))
            self.patterns.append(f"{cell} vlm:column ?{c} .")
        self.described.append(words)

    def sparql(self) -> str:
        body = "\n  ".join(self.patterns) or "?x a ?anything ."
        return (
            f"SELECT DISTINCT ?x ?label {' '.join('?' + n for n in self.bindings)} WHERE {{\n  "
            + body
            + "\n  ?x rdfs:label ?label .\n  OPTIONAL { ?x vlm:position ?pos }\n}"
            + "\nORDER BY ?pos ?label"
        )

    def display(self) -> str:
        """The query as a user can paste it: prefixes, and the bound values in VALUES."""
        used = {"vlm", "rdfs", "skos", "dcterms"}
        prologue = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in sorted(used))
        text = self.sparql()
        values = "".join(
            f"  VALUES ?{name} {{ {term.n3()} }}\n" for name, term in self.bindings.items()
        )
        return prologue + text.replace("WHERE {\n", "WHERE {\n" + values, 1)

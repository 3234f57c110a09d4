"""Questions over a table's columns: the row with the highest value of a column, and rows
whose column meets a number ("mitigation effectiveness above 60%").

Cells are text in the graph ("95.1%", "58% (Adversarial)", "22ms"); the number a cell
starts with is what is ranked or compared, and the cell is quoted as the hub writes it.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from ingest._tables import column_meaning
from search.assistant._base import BaseAnswerer
from search.assistant._rules import _first, _is_row_class, _matching_columns
from search.assistant._text import words
from search.assistant._vocabulary import vocabulary
from search.assistant.answer import Answer, EntityRef, Fact
from search.assistant.compose import bold, cite, escape
from search.assistant.understand import Intent, phrase_positions

_CELL_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
# a table's rows: its TableRows, and the entities a row of it gives (a model keyed by the
# "Model" column keeps the row's cells) listed under its heading
_ROWS_OF_TABLE = """
SELECT DISTINCT ?x ?t WHERE {
  { ?x a vlm:TableRow . { ?x vlm:table ?t } UNION { ?x vlm:listedIn/dcterms:isPartOf* ?t } }
  UNION {
    ?x vlm:cell ?c ; vlm:listedIn/dcterms:isPartOf* ?t . FILTER NOT EXISTS { ?x a vlm:TableRow }
  }
}
"""
_ROWS_OF_CLASS = "SELECT DISTINCT ?x ?cls WHERE { ?x a ?cls }"
_ENTRIES_WITH_CELLS = (
    "SELECT DISTINCT ?x WHERE { ?x vlm:cell ?c . FILTER NOT EXISTS { ?x a vlm:TableRow } }"
)
_ENTITY_CELLS = """
SELECT ?x ?c ?col ?val ?idx WHERE {
  ?x vlm:cell ?c . ?c vlm:column ?col ; vlm:value ?val . OPTIONAL { ?c vlm:columnIndex ?idx }
} ORDER BY ?idx
"""
_COMPARISON = re.compile(
    r"\b(over|above|more than|greater than|higher than|at least|below|under|less than|"
    r"lower than|at most|exceeding)\s+(\d+(?:\.\d+)?)\s?(%|percent|ms|gb|b|m)?(?![\w.])"
)
_OPS = {
    "over": ">", "above": ">", "more than": ">", "greater than": ">", "higher than": ">",
    "exceeding": ">", "at least": ">=", "below": "<", "under": "<", "less than": "<",
    "lower than": "<", "at most": "<=",
}  # fmt: skip


def cell_number(value: str) -> float | None:
    """The number a cell starts with: "58% (Adversarial)" -> 58.0; None without one."""
    match = _CELL_NUMBER.search(value)
    return float(match.group(0).replace(",", "")) if match else None


# a cell that states nothing: no value to ask for
_NO_CELL_VALUE = frozenset({"", "—", "–", "-", "?", "n/a", "na", "none", "tba", "undisclosed"})
# marks a cell may hold alone: asked by the mark itself
_MARKS = frozenset("✅❌✓✗✔✘☑⚠")


def _value_asked(value: str, question: str) -> bool:
    """True when the question writes the cell's whole value: a mark ("✅") anywhere, words
    as a phrase of the question's ("Hybrid SSM")."""
    said = value.strip().strip("*_ ")
    if said.lower() in _NO_CELL_VALUE:
        return False
    if said in _MARKS:
        return said in question
    if len(said) < 3 or len(said.split()) > 4 or not re.search(r"[A-Za-z]", said):
        return False
    return bool(phrase_positions(words(question), words(said)))


def _names_head(column: str, question: str) -> bool:
    """True when the question writes the column header's last word ("speed-up" of
    "Reported speed-up", "Type"), as a singular or plural."""
    said = re.findall(r"[a-z0-9]+", words(column))
    if not said:
        return False
    head = said[-1]
    asked = set(re.findall(r"[a-z0-9]+", words(question)))
    return bool({head, head + "s", head.removesuffix("s")} & asked)


def cell_unit(value: str) -> str:
    """The unit after the number a cell starts with: "%", "x" (a factor: "9x", "16×"), or
    "" (bare, or another word)."""
    match = re.search(r"-?\d+(?:[.,]\d+)?\s?([%x×])?", value)
    unit = match.group(1) if match else None
    if unit in ("x", "×") or re.match(r"\s*(?:a\s+)?factor of\b", value, re.I):
        return "x"  # "factor of 9"
    return unit or ""


def superlative_order(question: str, column: str) -> str | None:
    """ "max" or "min" for the table superlative a question asks, None for none: "best"
    means the lowest for a column where less is better (latency, memory)."""
    text = words(question)
    spec = vocabulary()["row_superlatives"]
    lower_better = any(w in words(column) for w in spec["lower_is_better"])
    if any(phrase_positions(text, p) for p in spec["best"]):
        return "min" if lower_better else "max"
    if any(phrase_positions(text, p) for p in spec["worst"]):
        return "max" if lower_better else "min"
    if any(phrase_positions(text, p) for p in spec["max"]):
        return "max"
    if any(phrase_positions(text, p) for p in spec["min"]):
        return "min"
    return None


def _mentions_an_extreme(question: str) -> bool:
    text = words(question)
    spec = vocabulary()["row_superlatives"]
    return any(
        phrase_positions(text, p) for key in ("best", "worst", "max", "min") for p in spec[key]
    )


class TableAnswers(BaseAnswerer):
    """Superlatives and numeric conditions over the cells of a table's rows."""

    _table_of_rows: list[tuple[str, str]] | None = None

    def table_rows(self, intent: Intent) -> list[str]:
        """Rows of the table the question scopes (a named table or heading, or a row class
        such as bias types); [] when it scopes none."""
        scopes = [e for m in intent.mentions for e in m.entities if e.is_a("Table", "Section")]
        scopes += [e for e in intent.extra.get("scopes", ()) if e.is_a("Table", "Section")]
        if scopes:
            wanted = {s.iri for s in scopes}
            if self._table_of_rows is None:
                found = self.reader.select(_ROWS_OF_TABLE)
                self._table_of_rows = [(str(r["x"]), str(r["t"])) for r in found]
            return list(dict.fromkeys(x for x, t in self._table_of_rows if t in wanted))
        if (
            intent.target_class
            and _is_row_class(intent.target_class)
            and intent.target_class != "TableRow"
        ):
            cls = URIRef("https://w3id.org/vlmkg/ontology#" + intent.target_class)
            rows = self.reader.select(_ROWS_OF_CLASS, {"cls": cls})
            return list(dict.fromkeys(str(r["x"]) for r in rows))
        return []

    def numeric_column(self, intent: Intent, rows: list[str]) -> str | None:
        """The column the question names whose cells hold numbers in most rows."""
        counts: dict[str, int] = {}
        for row in rows:
            for column, value in _matching_columns(intent, self.cells(row)):
                if cell_number(value) is not None:
                    counts[column] = counts.get(column, 0) + 1
        if not counts:
            return None
        return max(counts, key=lambda c: (counts[c], -len(c)))

    def row_superlative(self, intent: Intent) -> Answer | None:
        """ "which technique keeps the best accuracy": the row with the extreme number in
        the column named, with its other cells; None when the question is not one."""
        if not _mentions_an_extreme(intent.question):
            return None
        rows = self.table_rows(intent)
        named = {e.iri for m in intent.mentions for e in m.entities}
        if named & set(rows):
            # "which model is top on MMMU in the SOTA table": a row named is looked up
            # (its "Top Model" cell), not ranked against the others
            return None
        column = self.numeric_column(intent, rows) if rows else None
        order = superlative_order(intent.question, column) if column else None
        if not column or not order:
            return None
        if not all(r in self._table_row_set() for r in rows) and (
            column_meaning(column) is not None or not _names_head(column, intent.question)
        ):
            # "the largest by parameter count", "the most common vision side": a column an
            # attribute reads is the graph's to rank (units, families), not the cells'; and
            # an entity's cells span its tables, so the column is named by its head noun
            # ("speed-up"), not a modifier ("reported")
            return None
        scored = []
        for row in rows:
            value = dict(self.cells(row)).get(column)
            number = cell_number(value) if value else None
            if number is not None and value:
                scored.append((number, row, value))
        if not scored:
            return None
        # cells of one unit are ranked ("9.1x", "up to 3.5×"); one written in another
        # ("more than 75% fewer" among "16×", "9x") is said apart, not ranked with them
        units = [cell_unit(v) for _, _, v in scored]
        unit = max(sorted(set(units)), key=units.count)
        apart = [v for (_, _, v), u in zip(scored, units, strict=True) if u != unit]
        scored = [s for s, u in zip(scored, units, strict=True) if u == unit]
        best = (max if order == "max" else min)(n for n, _, _ in scored)
        winners = [(row, value) for n, row, value in scored if n == best]
        word = "highest" if order == "max" else "lowest"
        scoped = [e for m in intent.mentions for e in m.entities if e.is_a("Table", "Section")]
        scoped += [e for e in intent.extra.get("scopes", ()) if e.is_a("Table", "Section")]
        lines, facts, refs_all, views = [], [], [], []
        for row, value in winners:
            view = self.reader.view(row)
            views.append(view)
            refs = list(view.citations())
            cells = self.cells(row)
            if "TableRow" not in view.types:
                # an entity a row gives: that row's cells and line, not its other tables'
                cells, line = self._row_of(row, column, value)
                refs = [r for r in refs if line and r.endswith(f"#L{line}-L{line}")] or refs
            refs_all += refs
            others = "; ".join(
                f"{escape(c)} {escape(v)}" for c, v in cells[1:] if c != column and v != view.label
            )
            table = view.first("vlm:table") or (scoped[0].label if scoped else "")
            lines.append(
                f"In the {escape(table)} table, {bold(view.label)} has the {word} "
                f"{escape(column)}: {bold(value)} (of {len(scored)} rows). Its row: {others}."
                + cite(refs)
            )
            facts.append(Fact(view.label, column, value, _first(refs)))
        if apart:
            lines.append(
                f"Written otherwise, not ranked with them: {'; '.join(escape(v) for v in apart)}."
            )
        return self._rows_answer(intent, "\n\n".join(lines), views, facts, refs_all)

    def cell_value_rows(self, intent: Intent) -> Answer | None:
        """ "How many of the models are marked as having open weights (✅)?": the entries
        whose cell under the column the question names holds the value it names, counted or
        listed from the rows as written; None when the question names no such cell. A value
        the question links as an entity ("models using SigLIP as vision encoder") is left
        to the graph's facts, which prose entries state too."""
        if intent.kind not in ("count", "list"):
            return None
        # the entities a table's rows give (a model keeps its row's cells); a table row of
        # its own is listed by the list query, which reads its cells
        given = self._entries_with_cells()
        scoped = self.table_rows(intent)
        rows = [r for r in scoped if r in given] if scoped else sorted(given)
        found: dict[str, list[tuple[str, str]]] = {}
        for row in rows:
            for column, value in _matching_columns(intent, self.cells(row)):
                found.setdefault(column, []).append((row, value))
        linked = " ".join(
            m.text.lower() for m in intent.mentions if not all(e.is_a("Value") for e in m.entities)
        )
        best: tuple[str, str, list[str]] | None = None
        for column, cells in found.items():
            if not _names_head(column, intent.question):
                continue  # "Open weights" by "weights", not by "open" alone
            asked = {v for _, v in cells if _value_asked(v, intent.question)}
            asked = {v for v in asked if v.lower() not in linked}
            if len(asked) != 1:
                continue
            (value,) = asked
            holding = list(dict.fromkeys(r for r, v in cells if v == value))
            if best is None or len(holding) > len(best[2]):
                best = (column, value, holding)
        if best is None:
            return None
        column, value, holding = best
        views = [self.reader.view(r) for r in holding]
        noun = "entries" if len(views) != 1 else "entry"
        if views and all("Model" in v.types for v in views):
            noun = "models" if len(views) != 1 else "model"
        lead = (
            f"The hub lists **{len(views)}** {noun} whose {escape(column)} cell is {bold(value)}:"
            if intent.kind == "count"
            else f"The hub lists {len(views)} {noun} whose {escape(column)} cell is {bold(value)}:"
        )
        lines, refs_all = [lead], []
        for view in sorted(views, key=lambda v: v.label.lower()):
            refs = list(view.citations())[:1]
            refs_all += refs
            lines.append(f"- {bold(view.label)}" + cite(refs))
        facts = [Fact(v.label, column, value, _first(list(v.citations()))) for v in views]
        return self._rows_answer(intent, "\n".join(lines), views, facts, refs_all)

    def _rows_answer(
        self, intent: Intent, markdown: str, views: list, facts: list[Fact], refs: list[str]
    ) -> Answer:
        """The answer naming the rows `views`, each an entity of the answer set."""
        return Answer(
            intent.question,
            markdown,
            tuple(
                EntityRef(v.iri, v.label, self.lexicon.entities[v.iri].type)
                for v in views
                if v.iri in self.lexicon.entities
            ),
            tuple(facts),
            self._citations(views, refs),
            extra={"subjects": [v.iri for v in views], "entities": [v.iri for v in views]},
        )

    _with_cells: frozenset[str] | None = None
    _row_set: frozenset[str] | None = None

    def _table_row_set(self) -> frozenset[str]:
        """The table rows of their own (vlm:TableRow)."""
        if self._row_set is None:
            found = self.reader.select("SELECT ?x WHERE { ?x a vlm:TableRow }")
            self._row_set = frozenset(str(r["x"]) for r in found)
        return self._row_set

    def _entries_with_cells(self) -> frozenset[str]:
        """The entities, no table rows of their own, that keep a table row's cells."""
        if self._with_cells is None:
            found = self.reader.select(_ENTRIES_WITH_CELLS)
            self._with_cells = frozenset(str(r["x"]) for r in found)
        return self._with_cells

    def _row_of(self, entity: str, column: str, value: str) -> tuple[list[tuple[str, str]], str]:
        """The cells of the one row of `entity` that writes `value` under `column` (its cell
        IRIs are `<entity>/row/<file>-L<line>/<column>`), and that line."""
        rows = self.reader.select(_ENTITY_CELLS, {"x": URIRef(entity)})
        by_row: dict[str, list[tuple[str, str]]] = {}
        for r in rows:
            by_row.setdefault(str(r["c"]).rsplit("/", 1)[0], []).append(
                (str(r["col"]), str(r["val"]))
            )
        for key, cells in by_row.items():
            if (column, value) in cells:
                line = re.search(r"-L(\d+)$", key)
                return cells, line.group(1) if line else ""
        return self.cells(entity), ""

    def cell_condition(self, intent: Intent, rows: list[str]) -> tuple[list[str], str] | None:
        """The rows whose named column meets the question's number ("above 60%"), and the
        condition in words; None when the question states no such condition."""
        match = _COMPARISON.search(words(intent.question))
        column = self.numeric_column(intent, rows) if match else None
        if not match or not column:
            return None
        op, bound = _OPS[match.group(1)], float(match.group(2))
        kept = []
        for row in rows:
            value = dict(self.cells(row)).get(column)
            number = cell_number(value) if value else None
            if number is not None and _holds(number, op, bound):
                kept.append(row)
        return (
            kept,
            f"with {column} {match.group(0).split(' ', 1)[0]} {match.group(0).split(' ', 1)[1]}",
        )


def _holds(number: float, op: str, bound: float) -> bool:
    return {
        ">": number > bound,
        ">=": number >= bound,
        "<": number < bound,
        "<=": number <= bound,
    }[op]

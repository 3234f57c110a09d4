"""Turn a parsed question into an answer from the graph.

One answerer per kind of question (lookup, list, count, compare, yes/no, prose); each
queries the graph with parameterised SPARQL and says "the hub does not say" when the
graph is silent.
"""

from __future__ import annotations

from dataclasses import replace

from search.assistant._rules import (
    Context,
    _narrows_previous,
)
from search.assistant.aggregates import aggregate
from search.assistant.answer import Answer
from search.assistant.comparing import CompareAnswers
from search.assistant.listing import ListAnswers
from search.assistant.lookups import LookupAnswers
from search.assistant.passages import PassageFinder
from search.assistant.prose import ProseAnswers
from search.assistant.tables import TableAnswers
from search.assistant.understand import (
    Intent,
)

__all__ = ["Answerer", "Context", "PassageFinder"]


class Answerer(LookupAnswers, ListAnswers, CompareAnswers, ProseAnswers, TableAnswers):
    """Answers parsed questions from the graph (and, for prose, from the hub's passages)."""

    def answer(self, intent: Intent, context: Context) -> Answer:
        if intent.kind not in ("compare", "verify"):
            found = self.row_superlative(intent) or self.cell_value_rows(intent)
            if found is not None:
                return found
        counted = aggregate(intent, self.reader)  # "most common encoder", "per year", "summarize"
        if counted is not None:
            return counted
        if intent.kind in ("lookup", "compare"):
            scored = self.results_on(intent)  # "which does better on TextVQA, A or B"
            if scored is not None:
                return scored
        if _narrows_previous(intent, context):
            intent = replace(
                intent, kind="list", target_class=intent.target_class or context.target_class
            )
        handler = {
            "lookup": self.lookup,
            "list": self.listing,
            "count": self.listing,
            "compare": self.compare,
            "open": self.open,
            "superlative": self.superlative,
            "verify": self.verify,
        }[intent.kind]
        return handler(intent, context)

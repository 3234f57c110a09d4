"""The grounded assistant: questions in, answers from the graph with citations out."""

from __future__ import annotations

from search.assistant.answer import Answer, Citation, EntityRef, Fact
from search.assistant.engine import Assistant, Session

__all__ = ["Answer", "Assistant", "Citation", "EntityRef", "Fact", "Session"]

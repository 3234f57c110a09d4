"""The Chat tab's plain functions: check a question, ask it, turn an Answer into messages.

Messages are Gradio 6 chat messages (dicts with role/content; `metadata.title` makes a
collapsible block, used for "How I know"). Hub text is escaped before display.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ui.source_view import citation_href
from vlmkg.errors import QuestionError, VlmkgError

MAX_QUESTION_CHARS = 2_000
EXAMPLE_QUESTIONS = (
    "Which models use a SigLIP vision encoder?",
    "Which of them were released in 2025?",
    "What language backbone does LLaVA use?",
    "Which models are larger than 70B parameters?",
    "Which benchmarks evaluate video understanding?",
)
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")


def check_question(question: str) -> str:
    """The question stripped; raises QuestionError when empty or too long."""
    text = (question or "").strip()
    if not text:
        raise QuestionError("type a question first, e.g. " + EXAMPLE_QUESTIONS[0])
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"the question is {len(text)} characters long; keep it under {MAX_QUESTION_CHARS}"
        )
    return text


def llm_status(assistant: Any) -> str:
    """One line saying whether an LLM phrases the assistant's answers."""
    if assistant is None:
        return "The assistant is loading..."
    llm = getattr(assistant, "llm", None)
    if llm is not None:
        name = escape_markdown_html(str(getattr(llm, "name", "an LLM")))
        return (
            f"An LLM ({name}) phrases answers; a verifier rejects any text the graph "
            "does not support, and the answer says so."
        )
    return "No LLM configured: answers are composed from the graph and cite the hub lines."


def escape_markdown_html(text: str) -> str:
    """Markdown with raw HTML neutralised (`<` escaped), autolinks kept as links."""
    text = _AUTOLINK.sub(r"[\1](\1)", text)
    return text.replace("&", "&amp;").replace("<", "&lt;")


def answer_messages(answer: Any) -> list[dict[str, Any]]:
    """The chat messages of an Answer: the text with its sources, then "How I know"."""
    text, linked = link_citations(escape_markdown_html(answer.markdown), answer.citations)
    parts = [text]
    missing = [_citation_link(c) for c in answer.citations if c.source not in linked]
    if missing:
        parts.append("**Sources:** " + " · ".join(missing))
    if answer.llm_note:
        parts.append(f"*{escape_markdown_html(answer.llm_note)}*")
    messages: list[dict[str, Any]] = [{"role": "assistant", "content": "\n\n".join(parts)}]
    evidence = how_i_know(answer)
    if evidence:
        messages.append(
            {
                "role": "assistant",
                "content": evidence,
                "metadata": {"title": "How I know", "status": "done"},
            }
        )
    return messages


def link_citations(text: str, citations: Any) -> tuple[str, set[str]]:
    """`text` with each citation (`file#La-Lb`, backticked or bare) made a link to the hub
    lines; also the set of citations linked."""
    linked = set()
    for citation in citations:
        href = citation_href(citation.source)
        if href is None:
            continue
        pattern = re.compile(r"`?" + re.escape(citation.source) + r"`?(?![\w-])")
        text, count = pattern.subn(f"[{citation.source}]({href})".replace("\\", "\\\\"), text)
        if count:
            linked.add(citation.source)
    return text, linked


def how_i_know(answer: Any) -> str:
    """The facts (with their sources) and the SPARQL behind an answer, as markdown."""
    lines = []
    if answer.facts:
        table = ["| subject | predicate | object | source |", "|---|---|---|---|"]
        for fact in answer.facts[:40]:
            cells = [fact.subject, fact.predicate, fact.object]
            row = [_cell(c) for c in cells] + [_source_link(fact.source)]
            table.append("| " + " | ".join(row) + " |")
        lines.append("\n".join(table))
    if answer.sparql:
        lines.append("```sparql\n" + answer.sparql.replace("```", "` ` `") + "\n```")
    return "\n\n".join(lines)


def stream_text(text: str, chunk: int = 24) -> Iterator[str]:
    """Growing prefixes of `text`, word-aligned, for a streamed display."""
    words = re.split(r"(\s+)", text)
    for end in range(chunk, len(words), chunk):
        yield "".join(words[:end])
    yield text


def ask(session: Any, question: str) -> tuple[list[dict[str, Any]], str | None]:
    """(messages, error): the answer's messages, or a readable error message."""
    try:
        answer = session.ask(question)
    except VlmkgError as exc:
        return [], f"error: {exc}"
    except Exception as exc:  # the assistant failed on this question: say so, keep serving
        return [], f"error: the assistant could not answer this question ({type(exc).__name__})"
    return answer_messages(answer), None


def _citation_link(citation: Any) -> str:
    label = escape_markdown_html(citation.section or citation.source)
    href = citation_href(citation.source)
    link = f"[{label}]({href})" if href else label
    if citation.url:
        link += f" ([link]({citation.url}))"
    return link


def _source_link(source: str) -> str:
    href = citation_href(source)
    text = _cell(source)
    return f"[{text}]({href})" if href else text


def _cell(text: str) -> str:
    return escape_markdown_html(str(text)).replace("|", "\\|").replace("\n", " ")

"""The Chat tab's plain functions: check a question, ask it, turn an Answer into messages.

Messages are Gradio 6 chat messages (dicts with role/content; `metadata.title` makes a
collapsible block, used for "How I know"). Hub text is escaped before display.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from typing import Any

from ui.source_view import citation_href
from vlmkg.errors import QuestionError, VlmkgError

MAX_QUESTION_CHARS = 2_000
EXAMPLE_QUESTIONS = (
    "Which models use a SigLIP vision encoder?",
    "Which of them were released in 2025?",
    "What language backbone does LLaVA-1.5 use?",
    "Which models are larger than 70B parameters?",
    "Which benchmarks evaluate video understanding?",
    "Which vision encoder family is most popular?",
    "How has model size changed over time?",
    "Summarize the hub",
)
# More sources than this are shown collapsed under the answer ("26 sources").
SOURCES_INLINE = 5
_SOURCES_BLOCK = re.compile(r"\n+\*\*Sources\*\*\n(?:- .*(?:\n|$))+\s*$")
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
    """The chat messages of an Answer: the text with its sources, its chart if it has one,
    the sources collapsed when there are more than SOURCES_INLINE, then "How I know"."""
    markdown = answer.markdown
    many = len(answer.citations) > SOURCES_INLINE
    if many:
        markdown = _SOURCES_BLOCK.sub("", markdown)
    text, linked = link_citations(escape_markdown_html(markdown), answer.citations)
    parts = [text]
    missing = [_citation_link(c) for c in answer.citations if c.source not in linked]
    if missing and not many:
        parts.append("**Sources:** " + " · ".join(missing))
    if answer.llm_note:
        parts.append(f"*{escape_markdown_html(answer.llm_note)}*")
    messages: list[dict[str, Any]] = [{"role": "assistant", "content": "\n\n".join(parts)}]
    chart = (getattr(answer, "extra", None) or {}).get("chart")
    if chart:
        messages.append({"role": "assistant", "content": chart_message(chart)})
    if many:
        messages.append(
            {
                "role": "assistant",
                "content": sources_list(answer.citations),
                "metadata": {"title": f"{len(answer.citations)} sources", "status": "done"},
            }
        )
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


def sources_list(citations: Sequence[Any]) -> str:
    """Every citation as a markdown list item: the hub lines (linked), the heading, the link."""
    lines = []
    for citation in citations:
        href = citation_href(citation.source)
        where = escape_markdown_html(citation.source)
        item = f"[{where}]({href})" if href else where
        if citation.section:
            item += f" ({escape_markdown_html(citation.section)})"
        if citation.url:
            item += f" — [link]({citation.url})"
        lines.append(f"- {item}")
    return "\n".join(lines)


def chart_message(chart: dict[str, Any]) -> Any:
    """The chart of an answer as a Gradio HTML component holding `chart_svg`."""
    import gradio as gr

    return gr.HTML(chart_svg(chart), elem_classes=["vlmkg-chart"])


_PALETTE = ("#4c6ef5", "#f08c00", "#2f9e44", "#e03131", "#7048e8", "#1098ad")


def chart_svg(chart: dict[str, Any], width: int = 560, height: int = 240) -> str:
    """A small SVG bar or line chart of `chart` ({kind, title, x, y} or {x, series:
    [{name, y}]}): axes, values over the bars, a legend for series; text escaped."""
    labels = [str(x) for x in chart.get("x", [])]
    series = chart.get("series") or [{"name": chart.get("y_label", ""), "y": chart.get("y", [])}]
    top = max((float(v) for s in series for v in s["y"]), default=0.0) or 1.0
    left, right, upper, lower = 44, 12, 30, 64
    plot_w, plot_h = width - left - right, height - upper - lower
    step = plot_w / max(1, len(labels))
    esc = html.escape
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'class="vlmkg-chart" role="img" aria-label="{esc(str(chart.get("title", "chart")))}">',
        f'<text x="{left}" y="18" font-size="13" font-weight="bold">'
        f"{esc(str(chart.get('title', '')))}</text>",
        f'<line x1="{left}" y1="{upper + plot_h}" x2="{left + plot_w}" y2="{upper + plot_h}" '
        'stroke="#868e96"/>',
        f'<text x="4" y="{upper + 4}" font-size="10">{_tick(top)}</text>',
        f'<text x="4" y="{upper + plot_h}" font-size="10">0</text>',
    ]

    def y_at(value: float) -> float:
        return upper + plot_h - float(value) / top * plot_h

    for i, label in enumerate(labels):
        x, base = left + step * (i + 0.5), upper + plot_h + 14
        out.append(
            f'<text x="{x:.1f}" y="{base}" font-size="10" text-anchor="end" '
            f'transform="rotate(-30 {x:.1f} {base})">{esc(_short_label(label))}</text>'
        )
    bar_w = step * 0.8 / max(1, len(series))
    for k, one in enumerate(series):
        color = _PALETTE[k % len(_PALETTE)]
        values = [float(v) for v in one["y"]]
        if chart.get("kind") == "line":
            points = " ".join(
                f"{left + step * (i + 0.5):.1f},{y_at(v):.1f}" for i, v in enumerate(values)
            )
            out.append(
                f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>'
            )
        for i, value in enumerate(values):
            if chart.get("kind") == "line":
                cx, cy = left + step * (i + 0.5), y_at(value)
                out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="{color}"/>')
                out.append(
                    f'<text x="{cx:.1f}" y="{cy - 6:.1f}" font-size="10" text-anchor="middle">'
                    f"{_tick(value)}</text>"
                )
                continue
            x = left + step * i + step * 0.1 + bar_w * k
            out.append(
                f'<rect x="{x:.1f}" y="{y_at(value):.1f}" width="{bar_w:.1f}" '
                f'height="{upper + plot_h - y_at(value):.1f}" fill="{color}">'
                f"<title>{esc(labels[i] if i < len(labels) else '')}: {_tick(value)}</title></rect>"
            )
            if len(series) == 1:
                out.append(
                    f'<text x="{x + bar_w / 2:.1f}" y="{y_at(value) - 3:.1f}" font-size="10" '
                    f'text-anchor="middle">{_tick(value)}</text>'
                )
        if len(series) > 1:
            lx = left + 10 + k * (plot_w / len(series))
            out.append(
                f'<rect x="{lx:.1f}" y="{height - 12}" width="10" height="10" fill="{color}"/>'
            )
            out.append(
                f'<text x="{lx + 14:.1f}" y="{height - 3}" font-size="10">'
                f"{esc(_short_label(str(one['name'])))}</text>"
            )
    out.append("</svg>")
    return "".join(out)


def _tick(value: float) -> str:
    return f"{value:g}"


def _short_label(label: str, limit: int = 22) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


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

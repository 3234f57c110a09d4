"""The Gradio 6 Blocks: Chat, SPARQL, Explore, Insights and Export tabs.

Callbacks only unpack component values and call the plain functions of `ui.chat`,
`ui.sparql_tab`, `ui.explore`, `ui.insights` and `ui.downloads`.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from ui import chat, explore, history, insights, sparql_tab
from ui.runtime import Runtime
from vlmkg.errors import QuestionError, VlmkgError

CSS = """
#vlmkg-status { font-size: 0.9em; opacity: 0.8; }
.vlmkg-entity table { border-collapse: collapse; margin: 0.5em 0; }
.vlmkg-entity th { text-align: left; padding: 2px 12px 2px 0; vertical-align: top; }
.vlmkg-entity td { padding: 2px 0; }
.vlmkg-neighbourhood { width: 100%; max-height: 520px; }
"""
Message = dict[str, Any]


def status_text(runtime: Runtime) -> str:
    """One line of loading progress, e.g. `graph: ready (0.0 s) · assistant: loading`."""
    steps = " · ".join(f"**{name}**: {state}" for name, state in runtime.steps.items())
    waited = time.monotonic() - runtime.started
    return steps if runtime.ready else f"{steps} ({waited:.0f} s)"


def build_blocks(runtime: Runtime) -> gr.Blocks:
    """The UI over `runtime` (which loads the graph and the assistant in the background)."""
    with gr.Blocks(title="vlmkg", analytics_enabled=False) as demo:
        gr.Markdown(
            "# vlmkg · vision-language model knowledge graph\n"
            "Ask questions, run SPARQL (also at [`/sparql`](/sparql)), explore entities."
        )
        status = gr.Markdown(status_text(runtime), elem_id="vlmkg-status")
        timer = gr.Timer(1.0)
        timer.tick(lambda: _poll(runtime), outputs=[status, timer], show_progress="hidden")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                _chat_tab(runtime)
            with gr.Tab("SPARQL", id="sparql"):
                _sparql_tab(runtime)
            with gr.Tab("Explore", id="explore"):
                _explore_tab(runtime)
            with gr.Tab("Insights", id="insights") as insights_tab:
                _insights_tab(runtime, insights_tab)
            with gr.Tab("History", id="history") as history_tab:
                history.tab(runtime, history_tab)
            with gr.Tab("Export", id="export"):
                _export_tab(runtime)
    return demo


def _poll(runtime: Runtime) -> tuple[str, Any]:
    return status_text(runtime), gr.Timer(active=not runtime.ready)


# -- Chat ------------------------------------------------------------------------------


def _chat_tab(runtime: Runtime) -> None:
    note = gr.Markdown(chat.llm_status(runtime.assistant()), elem_id="vlmkg-llm-note")
    chatbot = gr.Chatbot(
        label="Assistant", height=560, elem_id="vlmkg-chat", buttons=["copy"], render_markdown=True
    )
    session = gr.State(None)
    with gr.Row():
        question = gr.Textbox(
            label="Question",
            placeholder=chat.EXAMPLE_QUESTIONS[0],
            scale=5,
            max_lines=4,
            elem_id="vlmkg-question",
        )
        ask = gr.Button("Ask", variant="primary", scale=1, elem_id="vlmkg-ask")
        clear = gr.Button("New conversation", scale=1)
    gr.Examples([[q] for q in chat.EXAMPLE_QUESTIONS], inputs=[question], label="Try")

    def turn(text: str, history: list[Message], current: Any) -> Iterator[Any]:
        yield from _chat_turn(runtime, text, history or [], current)

    outputs = [chatbot, session, question, note]
    ask.click(turn, [question, chatbot, session], outputs)
    question.submit(turn, [question, chatbot, session], outputs)
    clear.click(lambda: ([], None, ""), outputs=[chatbot, session, question])


def _chat_turn(
    runtime: Runtime, text: str, history: list[Message], session: Any
) -> Iterator[tuple[list[Message], Any, str, str]]:
    assistant = runtime.assistant()
    note = chat.llm_status(assistant)
    try:
        question = chat.check_question(text)
    except QuestionError as exc:
        yield [*history, {"role": "assistant", "content": f"error: {exc}"}], session, text, note
        return
    asked = [*history, {"role": "user", "content": chat.escape_markdown_html(question)}]
    if assistant is None:
        state = runtime.steps.get("assistant", "loading")
        reply = f"The assistant is not ready yet ({state}). Try again in a moment."
        yield [*asked, {"role": "assistant", "content": reply}], session, text, note
        return
    if session is None:
        session = assistant.session()
    yield [*asked, {"role": "assistant", "content": "…"}], session, "", note
    messages, error = chat.ask(session, question)
    if error is not None:
        yield [*asked, {"role": "assistant", "content": error}], session, "", note
        return
    for partial in chat.stream_text(messages[0]["content"]):
        yield [*asked, {"role": "assistant", "content": partial}], session, "", note
    yield [*asked, *messages], session, "", note


# -- SPARQL ----------------------------------------------------------------------------


def _sparql_tab(runtime: Runtime) -> None:
    examples = sparql_tab.load_examples()
    by_title = {e.title: e.query for e in examples}
    gr.Markdown(sparql_tab.PREFIX_NOTE)
    example = gr.Dropdown(
        [e.title for e in examples], label="Example queries", value=None, elem_id="vlmkg-examples"
    )
    editor = gr.Code(
        examples[0].query if examples else "",
        language="sql",
        lines=10,
        label="Query",
        interactive=True,
        elem_id="vlmkg-editor",
    )
    run = gr.Button("Run query", variant="primary", elem_id="vlmkg-run")
    message = gr.Markdown(elem_id="vlmkg-sparql-message")
    table = gr.Dataframe(interactive=False, wrap=True, max_height=460, elem_id="vlmkg-results")
    with gr.Row():
        csv_file = gr.DownloadButton("Download CSV", visible=False)
        json_file = gr.DownloadButton("Download JSON", visible=False)

    example.change(lambda title: by_title.get(title, gr.skip()), [example], [editor])

    def execute(text: str) -> tuple[Any, str, Any, Any]:
        try:
            outcome = sparql_tab.run_query(
                runtime, text or "", allow_service=runtime.settings.allow_service
            )
        except VlmkgError as exc:
            hidden = gr.DownloadButton(visible=False)
            return gr.Dataframe(value=None), f"error: {exc}", hidden, hidden
        return (
            sparql_tab.table_value(outcome),
            outcome.message,
            gr.DownloadButton(value=str(outcome.csv_path), visible=True),
            gr.DownloadButton(
                label=f"Download {outcome.json_path.suffix[1:].upper()}",
                value=str(outcome.json_path),
                visible=True,
            ),
        )

    run.click(execute, [editor], [table, message, csv_file, json_file])


# -- Explore ---------------------------------------------------------------------------


def _explore_tab(runtime: Runtime) -> None:
    with gr.Row():
        needle = gr.Textbox(
            label="Find an entity", placeholder="SigLIP, LLaVA, Qwen, MMMU...", scale=5
        )
        find = gr.Button("Find", scale=1)
    matches = gr.Radio([], label="Matches", elem_id="vlmkg-matches")
    hits = gr.State([])
    with gr.Row():
        page = gr.HTML(elem_id="vlmkg-entity")
        picture = gr.HTML(elem_id="vlmkg-picture")

    def search(text: str) -> tuple[Any, list[explore.EntityHit], str, str]:
        try:
            found = explore.find_entities(runtime, text or "")
        except VlmkgError as exc:
            return gr.Radio(choices=[], value=None), [], f"<p>error: {exc}</p>", ""
        if not found:
            return gr.Radio(choices=[], value=None), [], "<p>No entity matches.</p>", ""
        return (
            gr.Radio(choices=[h.choice for h in found], value=found[0].choice),
            found,
            *_show(runtime, found[0]),
        )

    def choose(choice: str, found: list[explore.EntityHit]) -> tuple[str, str]:
        hit = next((h for h in found if h.choice == choice), None)
        return _show(runtime, hit) if hit else ("", "")

    find.click(search, [needle], [matches, hits, page, picture])
    needle.submit(search, [needle], [matches, hits, page, picture])
    matches.input(choose, [matches, hits], [page, picture])


def _show(runtime: Runtime, hit: explore.EntityHit) -> tuple[str, str]:
    try:
        edges = explore.neighbourhood(runtime, hit)
        return explore.entity_page(runtime, hit), explore.neighbourhood_svg(hit, edges)
    except VlmkgError as exc:
        return f"<p>error: {exc}</p>", ""


# -- Insights --------------------------------------------------------------------------


def _insights_tab(runtime: Runtime, tab: gr.Tab) -> None:
    message = gr.Markdown("Open this tab to compute the plots from the current graph.")
    with gr.Row():
        encoders = _bars("family", "Vision encoder families by number of models")
        backbones = _bars("family", "Language backbone families by number of models")
    with gr.Row():
        encoders_year = _bars("year", "Vision encoder families by year", color="family")
        backbones_year = _bars("year", "Language backbone families by year", color="family")
    with gr.Row():
        scale = gr.ScatterPlot(
            x="year",
            y="log10_parameters",
            title="Parameter scale over time (log10 parameters)",
            tooltip=["model", "year", "parameters_billions"],
            x_axis_format="d",
        )
        architectures = _bars("architecture", "Architecture mix")
    refresh = gr.Button("Refresh")
    outputs = [message, encoders, backbones, encoders_year, backbones_year, scale, architectures]

    def compute() -> tuple[Any, ...]:
        try:
            found = insights.compute(runtime)
        except VlmkgError as exc:
            return (f"error: {exc}", *(gr.skip() for _ in outputs[1:]))
        return (
            f"{len(found.parameters)} models with a parameter count and a release year.",
            found.encoders,
            found.backbones,
            found.encoders_by_year,
            found.backbones_by_year,
            found.parameters,
            found.architectures,
        )

    tab.select(compute, outputs=outputs)
    refresh.click(compute, outputs=outputs)


def _bars(x: str, title: str, color: str | None = None) -> gr.BarPlot:
    return gr.BarPlot(
        x=x,
        y="models",
        color=color,
        title=title,
        sort=None if color else "-y",
        y_lim=[0, None],
        x_label_angle=0 if color else -35,
    )


# -- Export ----------------------------------------------------------------------------


def _export_tab(runtime: Runtime) -> None:
    from ui.downloads import EXPORT_FORMATS, VIEWS, export_bytes

    links = " · ".join(f"[{f}](/export/{f})" for f in EXPORT_FORMATS)
    gr.Markdown(f"Direct links: {links}. Network formats take `?view=` ({', '.join(VIEWS)}).")
    with gr.Row():
        fmt = gr.Dropdown(list(EXPORT_FORMATS), value=EXPORT_FORMATS[0], label="Format")
        view = gr.Dropdown(["(none)", *VIEWS], value="(none)", label="Network view")
        prepare = gr.Button("Prepare download", variant="primary")
    message = gr.Markdown()
    result = gr.File(label="Download", interactive=False)

    def make(name: str, chosen_view: str) -> tuple[str, Any]:
        selected = None if chosen_view == "(none)" else chosen_view
        try:
            filename, _, data = export_bytes(runtime, name, selected)
        except VlmkgError as exc:
            return f"error: {exc}", None
        path = Path(tempfile.mkdtemp(prefix="vlmkg-export-")) / filename
        path.write_bytes(data)
        return f"{filename}: {len(data):,} bytes", str(path)

    prepare.click(make, [fmt, view], [message, result])

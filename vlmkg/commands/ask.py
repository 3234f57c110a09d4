"""`vlmkg ask` (one question, or one per line with `-`) and `vlmkg chat` (a REPL)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from vlmkg.commands._store_options import read_store_options
from vlmkg.config import home as default_home

if TYPE_CHECKING:
    from search.assistant import Answer, Assistant

F = TypeVar("F", bound=Callable[..., object])

_LLM_OPTIONS = [
    click.option(
        "--llm-url",
        envvar="VLMKG_LLM_URL",
        default=None,
        help="OpenAI-compatible base URL (Ollama, vLLM, llama.cpp server...).",
    ),
    click.option(
        "--llm-model", envvar="VLMKG_LLM_MODEL", default=None, help="Model name at --llm-url."
    ),
    click.option(
        "--llm-gguf",
        envvar="VLMKG_LLM_GGUF",
        default=None,
        type=click.Path(dir_okay=False),
        help="A local GGUF file run with llama-cpp-python.",
    ),
    click.option(
        "--home",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Data directory (default $VLMKG_HOME or ./.vlmkg).",
    ),
]


def _with_options(func: F) -> F:
    for option in reversed(_LLM_OPTIONS):
        func = option(func)
    return read_store_options(func)


def _assistant(
    home: Path | None,
    llm_url: str | None,
    llm_model: str | None,
    llm_gguf: str | None,
    store_spec: str | None = None,
    graph_iri: str | None = None,
) -> Assistant:
    from search.assistant import Assistant
    from search.assistant.llm import configure

    llm = configure(url=llm_url, model=llm_model, gguf=llm_gguf)
    if home is None and store_spec is None and "VLMKG_HOME" not in os.environ:
        _first_run(default_home())
    return Assistant.open(home or default_home(), llm=llm, store_spec=store_spec, graph=graph_iri)


def _first_run(home: Path) -> None:
    """With the default data directory and no graph yet, build the bundled hub once (as
    `vlmkg serve` does), saying so on stderr; an explicit --home/VLMKG_HOME is never
    built into behind the user's back."""
    if (home / "current").exists():
        return
    import ingest
    from kg.builds import write_build
    from vlmkg.config import bundled_hub

    click.echo(f"note: no graph in {home} yet; building the bundled hub (first run)", err=True)
    hub = bundled_hub()
    write_build(ingest.read_hubs([hub]), home, [hub], index=True, progress=False)


@click.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per question.")
@_with_options
def ask(
    question: str | None,
    as_json: bool,
    home: Path | None,
    llm_url: str | None,
    llm_model: str | None,
    llm_gguf: str | None,
    store_spec: str | None,
    graph_iri: str | None,
) -> None:
    """Ask QUESTION, or `-` to read one question per line from standard input."""
    from vlmkg.errors import UsageError

    if question is None:
        raise UsageError(
            'give a question, e.g. vlmkg ask "Which models use SigLIP?", or - to read stdin'
        )
    assistant = _assistant(home, llm_url, llm_model, llm_gguf, store_spec, graph_iri)
    if question == "-":
        for line in sys.stdin:
            if not line.strip():
                continue
            _print(_safe_ask(assistant, line.rstrip("\n")), as_json)
        return
    _print(assistant.ask(question), as_json)  # an error is `error: ...` on stderr, exit 1/2


def _safe_ask(assistant: Assistant, question: str) -> Answer:
    """One bad question never kills a batch: errors become an ungrounded answer."""
    from search.assistant.answer import Answer
    from vlmkg.errors import VlmkgError

    try:
        return assistant.ask(question)
    except VlmkgError as exc:
        return Answer(question=question, markdown=f"error: {exc}", grounded=False)


def _print(answer: Answer, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        sys.stdout.flush()
    else:
        click.echo(answer.markdown)
        if answer.llm_note:
            click.echo(f"\n({answer.llm_note})")


@click.command()
@_with_options
def chat(
    home: Path | None,
    llm_url: str | None,
    llm_model: str | None,
    llm_gguf: str | None,
    store_spec: str | None,
    graph_iri: str | None,
) -> None:
    """An interactive chat; follow-up questions use the previous answer. Ctrl-D quits."""
    assistant = _assistant(home, llm_url, llm_model, llm_gguf, store_spec, graph_iri)
    session = assistant.session()
    click.echo(
        "Ask about the hub's models, datasets, benchmarks and research directions. Ctrl-D quits."
    )
    while True:
        try:
            question = input("\nyou> ")
        except EOFError:
            click.echo("")
            return
        if question.strip() in ("exit", "quit", ":q"):
            return
        if not question.strip():
            continue
        answer = session.ask(question)
        click.echo("\n" + answer.markdown)
        if answer.sparql:
            click.echo("\nSPARQL:\n" + answer.sparql)

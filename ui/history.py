"""The History tab: entries per version by class, and a diff between two chosen versions.

Only a graph built with `vlmkg build --history` has versions; otherwise the tab says how
to build one. The data functions (`per_version`, `versions`, `diff`) are plain; `tab`
lays out the Gradio components.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ui.queries import PoolSource, records, select

PER_VERSION = """
SELECT ?v ?label ?date ?cls (COUNT(DISTINCT ?e) AS ?entries) WHERE {
  ?v a vlm:HubVersion ; rdfs:label ?label ; dcterms:date ?date .
  GRAPH ?v { ?e a ?cls ; vlm:listedIn ?section . }
  VALUES ?cls { vlm:Model vlm:Dataset vlm:Benchmark vlm:Tool vlm:Paper }
}
GROUP BY ?v ?label ?date ?cls
ORDER BY ?date
"""
VERSIONS = """
SELECT ?v ?label ?date WHERE { ?v a vlm:HubVersion ; rdfs:label ?label ; dcterms:date ?date }
ORDER BY ?date
"""
ONLY_IN = """
SELECT DISTINCT ?e ?label ?cls ?line WHERE {
  ?in a vlm:HubVersion . ?out a vlm:HubVersion .
  GRAPH ?in { ?e a ?cls ; vlm:listedIn ?s ; rdfs:label ?label ; prov:wasDerivedFrom ?span .
              ?span vlm:startLine ?line . }
  VALUES ?cls { vlm:Model vlm:Dataset vlm:Benchmark vlm:Tool vlm:Paper }
  FILTER NOT EXISTS { GRAPH ?out { ?e vlm:listedIn ?other } }
}
ORDER BY ?cls ?label
"""
CHANGED = """
SELECT ?label ?cls ?kind ?property ?old ?new ?date ?to WHERE {
  GRAPH <https://w3id.org/vlmkg/graph/changes> {
    ?c vlm:changeKind ?kind ; rdfs:label ?label ; vlm:entityClass ?cls ; dcterms:date ?date ;
       vlm:toVersion ?to ; vlm:entity ?e .
    OPTIONAL { ?c vlm:property ?property } OPTIONAL { ?c vlm:oldValue ?old }
    OPTIONAL { ?c vlm:newValue ?new }
    FILTER(?kind IN ("renamed", "fact-added", "fact-removed", "fact-changed"))
  }
}
ORDER BY ?date ?cls ?label
"""
NO_VERSIONS = "This graph has no versions: build it with `vlmkg build --history REPO`."


@dataclass(frozen=True)
class Version:
    """A version of the hub: its named graph, label (`<commit> (<date>)`) and date."""

    graph: str
    label: str
    date: str


def versions(source: PoolSource) -> list[Version]:
    """The versions in the graph, oldest first."""
    return [Version(r["v"], r["label"], r["date"]) for r in records(select(source, VERSIONS))]


def per_version(source: PoolSource) -> Any:
    """A DataFrame (version number, version, date, class, entries) for the plot."""
    import pandas as pd

    order = {v.graph: n for n, v in enumerate(versions(source), start=1)}
    rows = [
        {
            "version": order.get(r["v"], 0),
            "label": r["label"],
            "date": r["date"][:10],
            "class": r["cls"].rsplit("#", 1)[-1],
            "entries": int(r["entries"]),
        }
        for r in records(select(source, PER_VERSION))
    ]
    return pd.DataFrame(rows, columns=["version", "label", "date", "class", "entries"])


def diff(source: PoolSource, older: str, newer: str) -> str:
    """Markdown: entries added, removed and changed from version `older` to `newer`."""
    known = {v.graph: v for v in versions(source)}
    if older not in known or newer not in known:
        return "Choose two versions."
    if list(known).index(older) > list(known).index(newer):
        older, newer = newer, older
    added = _only_in(source, newer, older)
    removed = _only_in(source, older, newer)
    order = {graph: n for n, graph in enumerate(known)}
    start, end = order[older], order[newer]
    changed = [r for r in records(select(source, CHANGED)) if start < order.get(r["to"], -1) <= end]
    lines = [f"### {known[older].label} → {known[newer].label}", ""]
    lines += _section("Added", [_entry(r, known[newer].label) for r in added])
    lines += _section("Removed", [_entry(r, known[older].label) for r in removed])
    lines += _section("Changed", [_change(r) for r in changed])
    return "\n".join(lines)


def _only_in(source: PoolSource, inside: str, outside: str) -> list[dict[str, str]]:
    bindings = {"in": ("iri", inside), "out": ("iri", outside)}
    query = ONLY_IN.replace("SELECT DISTINCT ?e ?label ?cls ?line", "SELECT DISTINCT *")
    rows: dict[str, dict[str, str]] = {}
    for row in records(select(source, query, bindings)):
        rows.setdefault(row["e"], row)
    return sorted(rows.values(), key=lambda r: (r["cls"], r["label"].casefold()))


def _section(title: str, items: list[str]) -> list[str]:
    if not items:
        return [f"**{title}**: none", ""]
    return [f"**{title}** ({len(items)})", "", *(f"- {item}" for item in items), ""]


def _entry(row: dict[str, str], version: str) -> str:
    cls = row["cls"].rsplit("#", 1)[-1]
    return f"**{row['label']}** ({cls}) — L{row['line']} of {version}"


def _change(row: dict[str, str]) -> str:
    cls = row["cls"].rsplit("#", 1)[-1]
    if row["kind"] == "renamed":
        return f"**{row['new']}** ({cls}) renamed from {row['old']} ({row['date'][:10]})"
    old, new = row.get("old", "—"), row.get("new", "—")
    return (
        f"**{row['label']}** ({cls}) {row.get('property', '')}: {old} → {new} ({row['date'][:10]})"
    )


def tab(runtime: Any, gradio_tab: Any) -> None:
    """The History tab's components and callbacks (computed when the tab is opened)."""
    import gradio as gr

    from vlmkg.errors import VlmkgError

    message = gr.Markdown("Open this tab to read the versions of the current graph.")
    plot = gr.LinePlot(
        x="version",
        y="entries",
        color="class",
        title="Entries per version, by class",
        tooltip=["label", "date", "class", "entries"],
        y_lim=[0, None],
    )
    with gr.Row():
        older = gr.Dropdown(label="From version", choices=[], elem_id="vlmkg-history-from")
        newer = gr.Dropdown(label="To version", choices=[], elem_id="vlmkg-history-to")
    compare = gr.Button("Compare")
    changes = gr.Markdown(elem_id="vlmkg-history-diff")

    def load() -> tuple[Any, ...]:
        try:
            found = versions(runtime)
            if not found:
                return NO_VERSIONS, gr.skip(), gr.skip(), gr.skip(), ""
            choices = [(v.label, v.graph) for v in found]
            first = found[-2].graph if len(found) > 1 else found[0].graph
            return (
                f"{len(found)} versions, {found[0].date[:10]} .. {found[-1].date[:10]}.",
                per_version(runtime),
                gr.Dropdown(choices=choices, value=first),
                gr.Dropdown(choices=choices, value=found[-1].graph),
                diff(runtime, first, found[-1].graph),
            )
        except VlmkgError as exc:
            return f"error: {exc}", gr.skip(), gr.skip(), gr.skip(), ""

    def show(a: str | None, b: str | None) -> str:
        try:
            return diff(runtime, a or "", b or "")
        except VlmkgError as exc:
            return f"error: {exc}"

    gradio_tab.select(load, outputs=[message, plot, older, newer, changes])
    compare.click(show, inputs=[older, newer], outputs=changes)


__all__ = ["Version", "diff", "per_version", "tab", "versions"]

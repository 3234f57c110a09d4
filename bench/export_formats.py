"""Export time per format: the bundled hub and synthetic hubs N times larger.

For each scale the graph (N renamed copies of the bundled hub's graph, see
`bench._synth_triples`) is loaded into a real Oxigraph store on disk, then exported the
way `vlmkg export` does it (`kg.export.export_store`): Turtle, N-Triples, RDF/XML, TriG
and N-Quads stream straight out of Oxigraph; JSON-LD, the network formats and the
bibliographies need the graph in memory as rdflib objects, so they are timed only up to
`--max-in-memory` triples (default 3M, ~3-4 GB of RAM) and reported as skipped above.
Each in-memory format is timed after one shared load (reported as `load graph`).

    python -m bench.export_formats                # scales 1 10 100 1000
    python -m bench.export_formats --scales 1 10

Prints a table and appends JSON lines to bench/results/export_formats.jsonl.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench._synth_triples import hub_graph, replicate
from kg import export
from kg.oxigraph_store import OxigraphStore

RESULTS = Path(__file__).resolve().parent / "results" / "export_formats.jsonl"
STREAMED = ("turtle", "ntriples", "rdfxml", "trig", "nquads")
IN_MEMORY = ("jsonld", "gexf", "graphml", "csv", "bibtex", "ris", "csljson")
NETWORK_VIEWS = ("components", "lineage", "co-usage", "papers")


def _timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = action()
    return round(time.perf_counter() - started, 3), value


def _size(paths: object) -> int:
    assert isinstance(paths, list)
    return sum(Path(p).stat().st_size for p in paths)


def run_scale(
    scale: int, max_in_memory: int, work: Path, only: tuple[str, ...] | None = None
) -> dict[str, object]:
    """Times of every format at one scale: {format: {"s": seconds, "bytes": size}}."""
    base = hub_graph()
    store_dir = work / f"store-{scale}"
    load_s, store = _timed(lambda: OxigraphStore.create(store_dir, replicate(base, scale)))
    assert isinstance(store, OxigraphStore)
    triples = len(base) * scale
    row: dict[str, object] = {"scale": scale, "triples": triples, "store_load_s": load_s}
    formats: dict[str, object] = {}
    out = work / f"out-{scale}"
    out.mkdir()
    for fmt in STREAMED:
        if only is not None and fmt not in only:
            continue
        seconds, paths = _timed(lambda f=fmt: export.export_store(store, f, out / f"hub.{f}"))
        formats[fmt] = {"s": seconds, "bytes": _size(paths)}
    if triples <= max_in_memory and (only is None or set(only) & set(IN_MEMORY)):
        seconds, graph = _timed(lambda: export.load_graph(store))
        formats["load graph"] = {"s": seconds}
        for fmt in IN_MEMORY:
            target = f"{out}/csv/" if fmt == "csv" else out / f"hub.{fmt}"
            seconds, paths = _timed(lambda f=fmt, t=target: export.export(graph, f, t))  # type: ignore[misc]
            formats[fmt] = {"s": seconds, "bytes": _size(paths)}
        for view in NETWORK_VIEWS:
            target = out / f"{view}.gexf"
            seconds, paths = _timed(lambda v=view, t=target: export.export(graph, "gexf", t, v))  # type: ignore[misc]
            formats[f"gexf --view {view}"] = {"s": seconds, "bytes": _size(paths)}
        del graph
    else:
        for fmt in ("load graph", *IN_MEMORY):
            formats[fmt] = {"skipped": f"> {max_in_memory} triples in memory"}
    store.close()
    shutil.rmtree(store_dir)
    shutil.rmtree(out)
    row["formats"] = formats
    row["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    row["when"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return row


def table(rows: list[dict[str, object]]) -> str:
    """Seconds per format (rows) and scale (columns)."""
    names: list[str] = []
    for row in rows:
        formats = row["formats"]
        assert isinstance(formats, dict)
        names += [n for n in formats if n not in names]
    header = ["format", *(f"{row['scale']}x ({row['triples']:,} triples)" for row in rows)]
    lines = [header, ["store load (s)", *(str(row["store_load_s"]) for row in rows)]]
    for name in names:
        cells = [name]
        for row in rows:
            entry = row["formats"].get(name, {})  # type: ignore[attr-defined]
            if "s" in entry:
                size = f" ({entry['bytes'] / 1e6:.1f} MB)" if "bytes" in entry else ""
                cells.append(f"{entry['s']}{size}")
            else:
                cells.append("skipped")
        lines.append(cells)
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in lines
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--max-in-memory", type=int, default=3_000_000)
    parser.add_argument("--formats", nargs="+", help="only these streamed formats")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="vlmkg-export-bench-") as tmp:
        for scale in args.scales:
            only = tuple(args.formats) if args.formats else None
            row = run_scale(scale, args.max_in_memory, Path(tmp), only)
            rows.append(row)
            RESULTS.parent.mkdir(exist_ok=True)
            with RESULTS.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(row) + "\n")
            print(f"{scale}x done: {json.dumps(row)}", flush=True)
    print(table(rows))


if __name__ == "__main__":
    main()

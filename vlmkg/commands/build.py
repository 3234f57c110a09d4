"""`vlmkg build [FILES...]`: hub markdown -> graph (and search index) in a new build."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vlmkg import config
from vlmkg.commands._store_options import store_options
from vlmkg.errors import UsageError

if TYPE_CHECKING:
    from ingest.records import Record


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-index", is_flag=True, help="Skip the search index (faster; no `vlmkg search`).")
@click.option(
    "--strict",
    is_flag=True,
    help="Fail on any record that cannot become valid RDF as written, and on any SHACL "
    "problem (for list maintainers' CI); by default such records are repaired or dropped.",
)
@click.option(
    "--source-name",
    "source_names",
    multiple=True,
    metavar="NAME[=FILE]",
    help="Name a source (its prov:Entity's title): NAME=FILE, or NAME for the FILES in "
    "order. Repeatable.",
)
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    help="Data directory (default: $VLMKG_HOME or ./.vlmkg).",
)
@click.option(
    "--history",
    "history_repo",
    type=click.Path(path_type=Path),
    help="A git clone: build every version of --file, each its own named graph.",
)
@click.option(
    "--file",
    "history_file",
    default="README.md",
    show_default=True,
    help="With --history: the hub file inside the repository.",
)
@click.option("--since", metavar="DATE", help="With --history: versions from DATE (YYYY-MM-DD).")
@store_options
def build(
    files: tuple[Path, ...],
    no_index: bool,
    strict: bool,
    source_names: tuple[str, ...],
    home: Path | None,
    history_repo: Path | None,
    history_file: str,
    since: str | None,
    store_spec: str | None,
    graph_iri: str | None,
    auth_file: Path | None,
) -> None:
    """Build the graph from hub markdown FILES (default: the bundled hub)."""
    if history_repo is not None:
        from kg.store_config import store_settings
        from vlmkg.commands.changes import build_history

        remote = store_settings(store_spec, graph=graph_iri, auth_file=auth_file, home=home).remote
        build_history(
            history_repo, history_file, since, home or config.home(), no_index, files, remote
        )
        return
    from kg.builds import read_manifest, write_build
    from kg.store_config import store_settings

    store = store_settings(store_spec, graph=graph_iri, auth_file=auth_file, home=home)
    paths = list(files) or [config.bundled_hub()]
    names = named_sources(paths, source_names)
    started = time.perf_counter()
    records = read_with_progress(paths)
    build_dir = write_build(
        records,
        home or config.home(),
        paths,
        index=not no_index,
        progress=True,
        log=lambda line: click.echo(line, err=True),
        strict=strict,
        source_names=names,
    )
    if store.remote:
        from kg.builds import open_current
        from kg.store_config import load_remote

        with open_current(home or config.home()) as built:  # as checked: repaired, no drops
            version = load_remote(store, built.graph)
        click.echo(f"loaded into {store.describe()} as <{version}>", err=True)
    seconds = time.perf_counter() - started
    click.echo(summary(read_manifest(build_dir), paths, seconds, build_dir, no_index))


def read_with_progress(paths: list[Path]) -> list[Record]:
    """`ingest.read_hubs(paths)`, with a bar per file read on a terminal."""
    import ingest
    from vlmkg.progress import Progress

    records: list[Record] = []
    with Progress().stage("read", len(paths)) as bar:
        for path in paths:
            records.extend(ingest.read_hub(path))
            bar.advance()
    return records


def named_sources(paths: list[Path], given: tuple[str, ...]) -> dict[str, str]:
    """{file name: source name} from `--source-name` values (NAME=FILE, or NAME in order)."""
    files = [Path(p).name for p in paths]
    if len(set(files)) != len(files):
        twice = sorted({f for f in files if files.count(f) > 1})
        raise UsageError(
            f"two sources are named {twice[0]}: citations use file names, rename one copy"
        )
    names: dict[str, str] = {}
    in_order = [value for value in given if "=" not in value]
    if len(in_order) > len(files):
        raise UsageError(f"{len(in_order)} --source-name values for {len(files)} files")
    names.update(zip(files, in_order, strict=False))
    for value in given:
        name, sep, file = value.partition("=")
        if not sep:
            continue
        if Path(file).name not in files or not name.strip():
            raise UsageError(
                f"--source-name {value}: give NAME=FILE with FILE one of {', '.join(files)}"
            )
        names[Path(file).name] = name.strip()
    return names


def summary(
    manifest: dict[str, object], paths: list[Path], seconds: float, build_dir: Path, no_index: bool
) -> str:
    """What `vlmkg build` prints: hubs, counts per class, triples, time, where."""
    counts = manifest["counts"]
    assert isinstance(counts, dict)
    classes = {k: v for k, v in counts["classes"].items() if k.startswith("vlm:")}
    names = ", ".join(p.name for p in paths)
    hubs = f"{len(paths)} hub{'s' if len(paths) != 1 else ''}"
    lines = [f"built {hubs} ({names}) in {seconds:.1f}s"]
    width = max(len(k) for k in [*classes, "triples"])
    lines += [f"  {name.ljust(width)}  {n:>8}" for name, n in classes.items()]
    lines.append(f"  {'triples'.ljust(width)}  {counts['triples']:>8}")
    lines.append(records_line(manifest))
    if no_index:
        lines.append("search index: skipped (--no-index)")
    else:
        built = (build_dir / "index").is_dir()
        lines.append(f"search index: {'built' if built else 'not built (no search package)'}")
    lines.append(f"graph: {build_dir}")
    return "\n".join(lines)


def records_line(manifest: dict[str, object]) -> str:
    """`records: N built, R repaired, D dropped` (and SHACL problems kept, if any)."""
    counts, issues = manifest["counts"], manifest.get("issues") or {}
    assert isinstance(counts, dict) and isinstance(issues, dict)
    built = sum(counts["records"].values())
    line = f"records: {built} built, {issues.get('repaired', 0)} repaired, "
    line += f"{issues.get('dropped', 0)} dropped"
    if issues.get("shacl_kept"):
        line += f", {issues['shacl_kept']} SHACL problems kept"
    if issues.get("repaired") or issues.get("dropped") or issues.get("shacl_kept"):
        line += " (warnings above)"
    return line

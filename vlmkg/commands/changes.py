"""`vlmkg changes`: what changed between versions of a hub built with `build --history`."""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict
from pathlib import Path

import click

from vlmkg.errors import UsageError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_date(value: str | None, option: str = "--since") -> str | None:
    """`value` when it is a YYYY-MM-DD date (or None); UsageError otherwise."""
    if value is not None and not _DATE.match(value):
        raise UsageError(
            f"{option} {value!r} is not a date: give it as YYYY-MM-DD, e.g. 2025-06-01"
        )
    return value


def build_history(
    repo: Path,
    file: str,
    since: str | None,
    home: Path,
    no_index: bool,
    files: tuple[Path, ...],
    remote: bool = False,
) -> None:
    """`vlmkg build --history`: every version of `file` in `repo` into one build."""
    from kg.history import write_history_build

    if files:
        raise UsageError("give either hub FILES or --history REPO, not both")
    if remote:
        raise UsageError(
            "--history builds into the embedded store only: drop --store (or VLMKG_STORE)"
        )
    check_date(since)
    started = time.perf_counter()
    build_dir, history = write_history_build(
        repo, home, file, since, index=not no_index, log=lambda line: click.echo(line, err=True)
    )
    built = history.built
    changes = len(history.changes)
    seconds = time.perf_counter() - started
    click.echo(
        f"built {len(built)} versions of {file} ({built[0].version.day} .. "
        f"{built[-1].version.day}) in {seconds:.1f}s: {changes} changes, "
        f"{sum(1 for v in history.versions if v.cached)} versions from the cache"
    )
    click.echo(f"graph: {build_dir}")


@click.command()
@click.option("--since", metavar="DATE", help="Every change in versions from DATE (YYYY-MM-DD).")
@click.option("--entity", "entity", metavar="NAME", help="The timeline of one entry.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per change.")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    help="Data directory (default: $VLMKG_HOME or ./.vlmkg).",
)
def changes(since: str | None, entity: str | None, as_json: bool, home: Path | None) -> None:
    """What changed: the newest version against the one before (default), since a date,
    or one entry's timeline."""
    from kg import changes as kg_changes
    from kg.builds import open_current

    check_date(since)
    with open_current(home) as store:
        versions = kg_changes.read_versions(store)
        if not versions:
            raise UsageError(
                "the graph has no versions: build it with `vlmkg build --history REPO`"
            )
        found = kg_changes.read_changes(store)
    if entity is not None:
        found = kg_changes.of_entity(found, entity)
        if not found:
            raise UsageError(f"no entry named {entity!r} in any version; check the name")
    if since is not None:
        found = kg_changes.since(found, since)
    elif entity is None:
        found = kg_changes.latest(found, versions)
    for change in found:
        click.echo(
            json.dumps(asdict(change), ensure_ascii=False)
            if as_json
            else kg_changes.format_change(change)
        )
    if not found and not as_json:
        click.echo("no changes")

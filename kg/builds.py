"""Build directories under VLMKG_HOME, swapped in atomically.

`write_build(records, home, sources)` builds into `home/builds/.tmp-<id>`: graph, SHACL
check, `manifest.json`, `records.json`, the Oxigraph `store/`, then the search index;
only then is the directory renamed to `builds/<id>` and the `current` symlink replaced
(a temporary symlink moved over it with `os.replace`, atomic on POSIX). A failure or an
interrupt anywhere before that removes the temporary directory and leaves `current` as
it was. Afterwards, builds other than the new one and the previous one are deleted.
A lock file keeps two builds of one home from running at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg._history_store import write_store
from kg.oxigraph_store import OxigraphStore
from kg.sparql import compact_iri
from kg.vocab import RDF
from vlmkg import __version__
from vlmkg.config import current_build
from vlmkg.errors import NoGraphError, StoreError
from vlmkg.progress import Progress

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from ingest.records import Record
    from kg.build import HubSource
    from kg.checks import CheckedGraph

MANIFEST = "manifest.json"
RECORDS = "records.json"
STORE = "store"
INDEX = "index"
TMP_PREFIX = ".tmp-"
_RDF_TYPE = ox.NamedNode(str(RDF.type))

Log = Callable[[str], None]


def write_build(
    records: Sequence[Record],
    home: Path,
    sources: Iterable[Path],
    *,
    index: bool = True,
    progress: bool = False,
    log: Log | None = None,
    graph: Graph | None = None,
    named_graphs: Mapping[str, Iterable[tuple[Node, Node, Node]] | Path] | None = None,
    keep_graphs: frozenset[str] = frozenset(),
    strict: bool = True,
    source_names: Mapping[str, str] | None = None,
) -> Path:
    """Build the graph of `records` into a new build directory and make it current.

    Returns the new build directory (`home/builds/<id>`). `index=False` skips the search
    index; `log` receives one line per stage. `graph` is the records' graph when the
    caller built it (the history keeps IRIs across versions); `named_graphs` (name ->
    triples or an N-Triples file) are loaded beside it, unchecked by the shapes (kg.history);
    the graphs named in `keep_graphs` are copied from the previous build's store instead
    when it holds them.

    `strict` fails on any record that cannot become valid RDF as it is, as on any SHACL
    violation; otherwise such records are repaired or dropped, one `warning:` line each
    (`kg.checks`), counted in the manifest's `issues`. `source_names` maps a file name to
    the name its `prov:Entity` carries (`--source-name`). `progress` draws a bar per stage
    when stderr is a terminal.
    """
    say = log or (lambda _: None)
    home = Path(home)
    builds = home / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    with _build_lock(home):
        _remove_stale_temporaries(builds)
        build_id = _new_build_id(builds)
        tmp = builds / f"{TMP_PREFIX}{build_id}"
        final = builds / build_id
        try:
            tmp.mkdir()
            clock = _Clock()
            # Imported here: readers (open_current) need neither rdflib graphs nor pyshacl.
            from kg.checks import checked_graph

            paths = list(sources)
            bars = Progress(enabled=None if progress else False)
            with bars.stage("graph", len(records)) as bar:

                def stage_line(line: str) -> None:
                    bar.clear()  # the bar gives way to a warning or the stage's line
                    say(line)

                checked = checked_graph(
                    records,
                    strict=strict,
                    sources=[_hub_source(path, source_names or {}) for path in paths],
                    graph=graph,
                    log=stage_line,
                    lap=clock.lap,
                    tick=bar.advance,
                )
            records = checked.records
            manifest = _manifest(build_id, checked.store, records, paths)
            manifest["issues"] = _issues(checked)
            _write_json(tmp / MANIFEST, manifest)
            _write_json(tmp / RECORDS, [_record_json(r) for r in records])
            with bars.stage("store"):
                if named_graphs or keep_graphs:  # a history build: the versions beside it
                    previous_store = _previous_build(home)
                    write_store(
                        tmp / STORE,
                        checked.graph,
                        named_graphs or {},
                        keep_graphs,
                        previous_store / STORE if previous_store else None,
                    )
                else:
                    OxigraphStore.create(tmp / STORE, checked.store).close()
            say(f"store: loaded ({clock.lap()})")
            del checked
            if index and _index(tmp, _previous_build(home), progress):
                say(f"search index: built ({clock.lap()})")
            elif index:
                say("search index: skipped (the search package is not installed)")
            os.rename(tmp, final)
        except OSError as exc:  # a full disk or a read-only home: say so, keep the old build
            shutil.rmtree(tmp, ignore_errors=True)
            raise StoreError(f"cannot write the build in {builds}: {exc}") from exc
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        previous = _previous_build(home)
        _swap_current(home, final)
        _remove_old_builds(builds, keep={final.name, previous.name if previous else ""})
    return final


def open_current(home: Path | None = None) -> OxigraphStore:
    """The current build's store, opened read-only; NoGraphError when there is none."""
    build_dir = current_build(home)
    path = build_dir / STORE
    if not path.is_dir():
        raise NoGraphError(f"the build {build_dir} has no graph store: run `vlmkg build` again")
    return OxigraphStore(path, read_only=True)


def read_manifest(build_dir: Path) -> dict[str, object]:
    """The manifest of a build directory."""
    try:
        data: dict[str, object] = json.loads((build_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read {build_dir / MANIFEST}: {exc}") from exc
    return data


# -- stages --------------------------------------------------------------------------


def _manifest(
    build_id: str, graph: ox.Store, records: Sequence[Record], sources: list[Path]
) -> dict[str, object]:
    """The build's description; `graph` holds the hub graph as its default graph."""
    typed = graph.quads_for_pattern(None, _RDF_TYPE, None, ox.DefaultGraph())
    classes = Counter(compact_iri(str(quad.object.value)) for quad in typed)  # type: ignore[union-attr]
    return {
        "build_id": build_id,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "vlmkg_version": __version__,
        "sources": [_source(path) for path in sources],
        "counts": {
            "triples": len(graph),
            "records": dict(sorted(Counter(type(r).__name__ for r in records).items())),
            "classes": dict(sorted(classes.items())),
        },
    }


def _hub_source(path: Path, names: Mapping[str, str]) -> HubSource:
    """The file as the graph describes it: name in citations, display name, sha256, date."""
    from kg.build import HubSource

    path = Path(path)
    try:
        data, stat = path.read_bytes(), path.stat()
    except OSError:
        data, stat = b"", None  # a source named but gone: described without hash or date
    day = datetime.fromtimestamp(stat.st_mtime, UTC).date().isoformat() if stat else ""
    return HubSource(
        file=path.name,
        name=names.get(path.name, path.name),
        sha256=hashlib.sha256(data).hexdigest(),
        date=day,
    )


def _issues(checked: CheckedGraph) -> dict[str, object]:
    """The manifest's account of records repaired or dropped and violations kept."""
    actions = Counter(issue.action for issue in checked.issues)
    return {
        "repaired": actions["repaired"],
        "dropped": actions["dropped"],
        "shacl_kept": len(checked.flagged),
        "warnings": [str(issue) for issue in checked.issues] + checked.flagged,
    }


def _source(path: Path) -> dict[str, object]:
    data = Path(path).read_bytes()
    return {
        "path": str(Path(path).resolve()),
        "name": Path(path).name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }


def _record_json(record: Record) -> dict[str, object]:
    return {"type": type(record).__name__, **asdict(record)}


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _index(build_dir: Path, previous: Path | None, progress: bool) -> bool:
    """Run the search index hook (False when there is no search package to run).

    The previous build's index is copied in first: the hook re-embeds only what changed.
    """
    try:
        from search.index import build_index  # imports torch: only when indexing
    except ModuleNotFoundError as exc:
        if exc.name not in ("search", "search.index"):
            raise
        return False
    if previous is not None and (previous / INDEX).is_dir():
        shutil.copytree(previous / INDEX, build_dir / INDEX)
    build_index(build_dir, progress)
    return True


class _Clock:
    """Seconds since the last lap, for progress lines."""

    def __init__(self) -> None:
        self.last = time.perf_counter()

    def lap(self) -> str:
        now = time.perf_counter()
        seconds, self.last = now - self.last, now
        return f"{seconds:.1f}s"


# -- the swap and the housekeeping ----------------------------------------------------


def _swap_current(home: Path, build_dir: Path) -> None:
    link = home / "current"
    if link.exists() and not link.is_symlink():
        raise StoreError(f"{link} is not a symlink: move it away and build again")
    tmp_link = home / f".current-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    os.symlink(Path("builds") / build_dir.name, tmp_link)
    os.replace(tmp_link, link)


def _previous_build(home: Path) -> Path | None:
    try:
        return current_build(home)
    except NoGraphError:
        return None


def _remove_old_builds(builds: Path, keep: set[str]) -> None:
    for child in builds.iterdir():
        if child.name not in keep and not child.name.startswith(TMP_PREFIX):
            shutil.rmtree(child, ignore_errors=True)


def _remove_stale_temporaries(builds: Path) -> None:
    """Temporary directories of builds that died (killed, power cut); we hold the lock."""
    for child in builds.iterdir():
        if child.name.startswith(TMP_PREFIX):
            shutil.rmtree(child, ignore_errors=True)


def _new_build_id(builds: Path) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    build_id, n = stamp, 1
    while (builds / build_id).exists():
        n += 1
        build_id = f"{stamp}-{n}"
    return build_id


@contextmanager
def _build_lock(home: Path) -> Iterator[None]:
    with open(home / "build.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StoreError(
                f"another `vlmkg build` is running in {home}; wait for it to finish"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


__all__ = ["open_current", "read_manifest", "write_build"]

"""A hub's git history as data: every version its own named graph, and what changed.

`build_history(repo, home)` reads one version per commit that changed the file
(`kg._history_git`), builds each with the ordinary per-file build (`ingest.read_hub`,
`kg.build.triples`), keeps each entry's IRI across versions (`kg._history_entities`),
diffs consecutive versions (`kg.changes`) and writes one build (`kg.builds.write_build`):

- the default graph is the newest version, so every query, export and answer works as
  after `vlmkg build` of that file, plus the versions' descriptions (`vlm:HubVersion`);
- `<.../graph/version/<commit>>` holds each version's triples without the per-fact
  `rdf:Statement` records (their line spans change whenever a line above moves);
- `<.../graph/changes>` holds the `vlm:Change` records.

Versions are cached under `home/history/` by a key chained over the commits (and the
code that builds them), so a build after one new commit ingests only that version; the
store then starts as a copy of the previous build's, keeping the version graphs whose key
is unchanged.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ingest.files import read_hub
from ingest.records import Record
from kg._history_entities import Entry, canonical_iris, entries, match, rename
from kg._history_git import Version, read_versions
from kg._literals import integer, string
from kg._terms import to_ox
from kg.changes import CHANGES_GRAPH, Change, Side, change_triples, diff, version_iri
from kg.vocab import DCTERMS, GRAPH, PREFIXES, PROV, RDF, RDFS, RES, VLM, XSD
from vlmkg import __version__
from vlmkg.errors import InputFileError, StoreError

Triple = tuple[Node, Node, Node]
Log = Callable[[str], None]
CACHE = "history"
_FORMAT = "1"
_FACT_PREFIX = str(RES["fact/"])
_LAST_BUILD = "last-build.json"  # version graph -> cache key, of the current build


@dataclass
class VersionBuild:
    """One version, built: its entries by kept IRI, its version graph (N-Triples), changes."""

    version: Version
    entries: dict[str, Entry]
    graph_file: Path | None  # the version graph in the cache, None for a skipped version
    changes: list[Change]
    matched_share: float | None  # share of the previous version's entries matched here
    cached: bool = False
    skipped: str | None = None  # why the version has no graph (no hub sections in it)
    triples: int = 0  # in the version graph
    key: str = ""  # the cache key, chained over the commits up to this one
    full_triples: int = 0  # in the version's full build (with the rdf:Statement records)


@dataclass
class History:
    """All versions built, oldest first, and the newest one's records and full triples."""

    versions: list[VersionBuild]
    records: list[Record] = field(default_factory=list)
    newest_triples: set[Triple] = field(default_factory=set)
    newest_file: Path | None = None

    @property
    def built(self) -> list[VersionBuild]:
        """The versions that have a graph."""
        return [v for v in self.versions if v.skipped is None]

    @property
    def changes(self) -> list[Change]:
        """Every change, oldest version first."""
        return [c for v in self.versions for c in v.changes]


def read_history(
    repo: Path,
    home: Path,
    file: str = "README.md",
    since: str | None = None,
    log: Log | None = None,
) -> History:
    """Build every version of `file` in `repo` (cached ones from `home/history/`)."""
    say = log or (lambda _: None)
    versions = read_versions(repo, file, since)
    cache = Path(home) / CACHE
    cache.mkdir(parents=True, exist_ok=True)
    history = History([])
    previous: VersionBuild | None = None
    key = f"{_FORMAT}|{__version__}|{_code_fingerprint()}|{file}"
    with tempfile.TemporaryDirectory(prefix="vlmkg-history-") as scratch:
        path = Path(scratch) / Path(file).name
        for n, version in enumerate(versions):
            key = hashlib.sha1(f"{key}|{version.commit}".encode()).hexdigest()
            newest = n == len(versions) - 1
            built = None if newest else _cached(cache, key, version)
            if built is None:
                built, records, full = _build_version(version, path, previous)
                if newest:
                    history.records, history.newest_triples = records, full
                    history.newest_file = cache / Path(file).name
                    history.newest_file.write_bytes(version.text)
                built = _store(cache, key, built, full)
            built = replace(built, key=key)
            say(_progress(n, len(versions), built))
            history.versions.append(built)
            if built.skipped is None:
                previous = built
    if not history.records:
        raise InputFileError(
            f"the newest version of {file} in {repo} has no hub sections; nothing was built"
        )
    return history


def _code_fingerprint() -> str:
    """A hash of the code and curated data that turn a version into triples and changes:
    a cached version built by other code is not reused."""
    import ingest

    digest = hashlib.sha1()
    for package in (Path(ingest.__file__).parent, Path(__file__).parent):
        for path in sorted(
            [*package.glob("*.py"), *package.glob("*.yaml"), *package.glob("*.ttl")]
        ):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _build_version(
    version: Version, path: Path, previous: VersionBuild | None
) -> tuple[VersionBuild, list[Record], set[Triple]]:
    path.write_bytes(version.text)
    try:
        records = read_hub(path)
    except InputFileError as exc:
        return VersionBuild(version, {}, None, [], None, skipped=str(exc)), [], set()
    from kg.build import triples  # the build stack: only when a version is ingested

    fresh = triples(records)
    found = entries(fresh)
    older = previous.entries if previous else {}
    matching = match(older, found)
    full = rename(fresh, canonical_iris(matching, found, version.commit[:7]))
    kept = entries(full)
    side = Side(version.commit, version.date)
    old_side = Side(previous.version.commit, previous.version.date) if previous else None
    changes = diff(older, kept, set(matching.pairs.values()), old_side, side)
    share = matching.share_of(older) if previous else None
    return VersionBuild(version, kept, None, changes, share), records, full


def _progress(n: int, total: int, built: VersionBuild) -> str:
    v = built.version
    head = f"version {n + 1}/{total} {v.commit[:7]} {v.day}"
    if built.skipped:
        return f"{head}: skipped ({built.skipped})"
    share = "" if built.matched_share is None else f", {built.matched_share:.0%} matched"
    source = "cached" if built.cached else "built"
    return f"{head}: {len(built.entries)} entries, {len(built.changes)} changes{share} ({source})"


# -- the cache ---------------------------------------------------------------------------


def _store(cache: Path, key: str, built: VersionBuild, full: set[Triple]) -> VersionBuild:
    """Write the version graph (`full` but the rdf:Statement records) and the version's
    entries and changes to the cache; returns `built` pointing at its graph file."""
    graph_file = cache / f"{key}.nt"
    kept = [t for t in full if not str(t[0]).startswith(_FACT_PREFIX)]
    built = replace(
        built,
        graph_file=None if built.skipped else graph_file,
        triples=len(kept),
        full_triples=len(full),
    )
    meta = {
        "commit": built.version.commit,
        "entries": [asdict(e) for e in built.entries.values()],
        "changes": [asdict(c) for c in built.changes],
        "matched_share": built.matched_share,
        "skipped": built.skipped,
        "triples": built.triples,
        "full_triples": built.full_triples,
    }
    tmp = cache / f".{key}.nt"
    ox.serialize(
        (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in kept),  # type: ignore[arg-type]
        str(tmp),
        format=ox.RdfFormat.N_TRIPLES,
    )
    tmp.replace(graph_file)
    (cache / f".{key}.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    (cache / f".{key}.json").replace(cache / f"{key}.json")
    return built


def _cached(cache: Path, key: str, version: Version) -> VersionBuild | None:
    graph_file = cache / f"{key}.nt"
    try:
        meta = json.loads((cache / f"{key}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not graph_file.is_file():
        return None
    found = {e["iri"]: _entry(e) for e in meta["entries"]}
    changes = [_change(c) for c in meta["changes"]]
    return VersionBuild(
        version,
        found,
        None if meta["skipped"] else graph_file,
        changes,
        meta["matched_share"],
        cached=True,
        skipped=meta["skipped"],
        triples=int(meta.get("triples", 0)),
        full_triples=int(meta.get("full_triples", 0)),
    )


def _entry(data: dict[str, Any]) -> Entry:
    start, end = data["lines"]
    return Entry(
        data["iri"],
        data["cls"],
        data["label"],
        tuple(data["aliases"]),
        tuple(data["links"]),
        tuple((p, v) for p, v in data["facts"]),
        (int(start), int(end)),
    )


def _side(data: dict[str, Any] | None) -> Side | None:
    if not data:
        return None
    start, end = data["lines"]
    return Side(data["commit"], data["date"], (int(start), int(end)))


def _change(data: dict[str, Any]) -> Change:
    new = _side(data["new"])
    assert new is not None
    rest = {k: v for k, v in data.items() if k not in ("new", "old")}
    return Change(**rest, new=new, old=_side(data["old"]))


# -- the build -----------------------------------------------------------------------------


def version_triples(history: History) -> list[Triple]:
    """The versions' descriptions, for the default graph."""
    hub = URIRef(GRAPH)
    out: list[Triple] = []
    previous: URIRef | None = None
    for built in history.built:
        v = built.version
        iri = version_iri(v.commit)
        out += [
            (iri, RDF.type, VLM.HubVersion),
            (iri, RDF.type, PROV.Entity),
            (iri, DCTERMS.date, Literal(v.date, datatype=XSD.dateTime)),
            (iri, DCTERMS.identifier, string(v.commit)),
            (iri, RDFS.label, string(f"{v.commit[:7]} ({v.day})")),
            (iri, RDFS.comment, string(v.message)),
            (iri, VLM.entryCount, integer(len(built.entries))),
            (hub, DCTERMS.hasVersion, iri),
        ]
        if previous is not None:
            out.append((iri, PROV.wasRevisionOf, previous))
        previous = iri
    if previous is not None:
        out.append((hub, VLM.latestVersion, previous))
    return out


def named_graphs(history: History) -> dict[str, Iterable[Triple] | Path]:
    """What the store holds beside the newest version: the versions' descriptions (in the
    hub graph), each version graph (an N-Triples file, bulk-loaded), the changes."""
    graphs: dict[str, Iterable[Triple] | Path] = {GRAPH: version_triples(history)}
    for built in history.built:
        if built.graph_file is not None:
            graphs[str(version_iri(built.version.commit))] = built.graph_file
    graphs[CHANGES_GRAPH] = change_triples(history.changes)
    return graphs


def newest_graph(history: History) -> Graph:
    """The newest version's full graph (with kept IRIs), the default graph of the build."""
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    for triple in history.newest_triples:
        graph.add(triple)
    return graph


def write_history_build(
    repo: Path,
    home: Path,
    file: str = "README.md",
    since: str | None = None,
    *,
    index: bool = True,
    log: Log | None = None,
) -> tuple[Path, History]:
    """Build every version of `file` in `repo` into a new build of `home`: (dir, history)."""
    from kg.builds import write_build

    history = read_history(repo, home, file, since, log)
    if history.newest_file is None:
        raise StoreError("the newest version was not written; build again")
    graphs = {str(version_iri(v.version.commit)): v.key for v in history.built}
    written = Path(home) / CACHE / _LAST_BUILD
    try:
        last = json.loads(written.read_text("utf-8"))
    except (OSError, ValueError):
        last = {}
    keep = frozenset(g for g, key in graphs.items() if last.get(g) == key)
    if log is not None:
        log(
            f"store: {len(keep)} version graphs kept from the previous build, "
            f"{len(graphs) - len(keep)} loaded"
        )
    build_dir = write_build(
        history.records,
        home,
        [history.newest_file],
        index=index,
        progress=True,
        log=log,
        graph=newest_graph(history),
        named_graphs=named_graphs(history),
        keep_graphs=keep,
    )
    written.with_suffix(".tmp").write_text(json.dumps(graphs), "utf-8")
    written.with_suffix(".tmp").replace(written)
    return build_dir, history


__all__ = [
    "History",
    "VersionBuild",
    "named_graphs",
    "read_history",
    "version_triples",
    "write_history_build",
]

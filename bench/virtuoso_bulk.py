"""Virtuoso at 1000x and beyond: its bulk loader, on a private server, then the scaling queries.

    python -m bench.virtuoso_bulk start                  # own server: ports 1112 / 8891
    python -m bench.virtuoso_bulk load --scale 1000      # N-Triples parts, ld_dir, load, time
    python -m bench.virtuoso_bulk load --scale 10000     # adds copies 1000..9999 to the graph
    python -m bench.virtuoso_bulk stop

The server is a second Virtuoso with its own database directory, ports and page cache
(`--buffers`, 8 KB pages), so the one `scripts/virtuoso.sh` runs for the tests is never
restarted. `load` writes the copies not yet in the graph as N-Triples parts of 100 copies
(`bench._synth_triples.ntriples`), registers them with `ld_dir`, runs `rdf_loader_run()` in
`--loaders` parallel isql sessions, then `checkpoint`; each batch of parts is deleted once
loaded. It then runs bench/scaling.py's queries on the loaded graph (no restart, no reload)
and appends a row to bench/results/scaling.jsonl with load seconds, triples per second, the
server's peak RSS (VmHWM) and the database's used pages.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import scaling
from bench._synth_triples import hub_graph, ntriples
from kg.remote_store import RemoteSparqlStore

HOME = Path("/tmp/vlmkg-virtuoso-bench")
SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
SQL_PORT, HTTP_PORT = 1112, 8891
ENDPOINT = f"http://127.0.0.1:{HTTP_PORT}/sparql"
COPIES_PER_PART = 100
PARTS_PER_BATCH = 10  # a batch (1000 copies, ~4 GB) is written, loaded, then deleted


def start(buffers: int) -> None:
    """Write this server's virtuoso.ini and start it (returns once it answers SQL)."""
    (HOME / "data").mkdir(parents=True, exist_ok=True)
    db = HOME / "db"
    db.mkdir(exist_ok=True)
    settings: dict[str, dict[str, object]] = {
        "Database": {
            "DatabaseFile": db / "virtuoso.db",
            "ErrorLogFile": db / "virtuoso.log",
            "LockFile": db / "virtuoso.lck",
            "TransactionFile": db / "virtuoso.trx",
            "xa_persistent_file": db / "virtuoso.pxa",
            "MaxCheckpointRemap": buffers // 4,
        },
        "TempDatabase": {
            "DatabaseFile": db / "virtuoso-temp.db",
            "TransactionFile": db / "virtuoso-temp.trx",
        },
        "Parameters": {
            "ServerPort": SQL_PORT,
            "DirsAllowed": f"., /usr/share/virtuoso-opensource-7/vad, {HOME / 'data'}",
            "NumberOfBuffers": buffers,
            "MaxDirtyBuffers": buffers * 3 // 4,
        },
        "HTTPServer": {"ServerPort": HTTP_PORT},
        "SPARQL": {"ResultSetMaxRows": 1_000_000},
    }
    ini = HOME / "virtuoso.ini"
    ini.write_text(_ini(SYSTEM_INI.read_text(), settings))
    subprocess.run(
        ["nice", "-n", "10", "virtuoso-t", "+configfile", str(ini), "+wait"], cwd=db, check=True
    )


def _ini(text: str, settings: dict[str, dict[str, object]]) -> str:
    """`text` with each [section] key = value of `settings` set (only existing keys changed
    in place; missing ones added at the section's top)."""
    out: list[str] = []
    section = None
    pending: dict[str, object] = {}
    for line in text.split("\n"):
        header = re.match(r"\s*\[(.+)\]\s*$", line)
        if header:
            section = header.group(1)
            pending = dict(settings.get(section, {}))
            out.append(line)
            # Keys the section does not have yet; existing ones are rewritten below.
            present = set(re.findall(r"^\s*(\w+)\s*=", _section(text, section), re.M))
            out += [f"{k} = {v}" for k, v in pending.items() if k not in present]
            continue
        key = re.match(r"\s*(\w+)\s*=", line)
        if key and key.group(1) in pending:
            line = f"{key.group(1)} = {pending[key.group(1)]}"
        out.append(line)
    return "\n".join(out)


def _section(text: str, name: str) -> str:
    match = re.search(rf"^\s*\[{re.escape(name)}\]\s*$(.*?)(?=^\s*\[|\Z)", text, re.M | re.S)
    return match.group(1) if match else ""


def stop() -> None:
    """Shut this server down (a checkpoint first)."""
    _isql("shutdown;", check=False)


def load(scale: int, loaders: int, copies: tuple[int, int] | None = None) -> dict[str, object]:
    """Bring the bench graph to `scale` copies with the bulk loader, then time the queries.

    The copies added are those after the ones the graph holds, or `copies` (first, end).
    """
    base = hub_graph()
    have = _triples() // len(base)
    begin, end = copies or (have, scale)
    if begin >= end:
        raise SystemExit(f"the graph already holds {have} copies")
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    generate_s = 0.0
    for first in range(begin, end, COPIES_PER_PART * PARTS_PER_BATCH):
        last = min(first + COPIES_PER_PART * PARTS_PER_BATCH, end)
        began = time.perf_counter()
        parts = _write_parts(base, first, last)
        generate_s += time.perf_counter() - began
        _bulk_load(loaders)
        for part in parts:
            part.unlink()
    _isql("checkpoint;")
    load_s = time.perf_counter() - started
    triples = _triples()
    print(f"loaded {triples} triples in {load_s:.0f} s", file=sys.stderr, flush=True)
    texts = scaling.queries(base)
    with RemoteSparqlStore(ENDPOINT, scaling.BENCH_GRAPH, timeout=600) as store:

        def query(text: str) -> int:
            return len(store.query(text).rows)

        latencies = {
            name: scaling._time_query(query, text, _server_cpu_seconds)
            for name, text in texts.items()
        }
    result: dict[str, object] = {
        "backend": "virtuoso",
        "scale": scale,
        "triples": triples,
        "loader": f"bulk: ld_dir + rdf_loader_run x{loaders} + checkpoint",
        "copies_before": have,
        "copies_loaded": [begin, end],
        "build_s": round(load_s, 1),
        "generate_s": round(generate_s, 1),
        "triples_per_s": round((end - begin) * len(base) / (load_s - generate_s)),
        "peak_rss_mb": None,
        "server_peak_rss_mb": _server_status("VmHWM"),
        "server_rss_mb": _server_status("VmRSS"),
        "disk_mb": round(_used_mb(), 1),
        "db_file_mb": round((HOME / "db" / "virtuoso.db").stat().st_size / 2**20, 1),
        "queries": latencies,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_avg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    with scaling.RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(result) + "\n")
    return result


def _write_parts(base: object, first: int, last: int) -> list[Path]:
    parts = []
    for start in range(first, last, COPIES_PER_PART):
        part = HOME / "data" / f"part-{start:06d}.nt"
        copies = min(COPIES_PER_PART, last - start)
        with part.open("w", encoding="utf-8") as out:
            for chunk in ntriples(base, copies, start=start):  # type: ignore[arg-type]
                out.write(chunk)
        parts.append(part)
    return parts


def _bulk_load(loaders: int) -> None:
    # ld_dir skips a file name it has seen: the parts of earlier loads are deleted, forget them.
    _isql(f"delete from DB.DBA.LOAD_LIST where ll_file like '{HOME / 'data'}/part-%';")
    _isql(f"ld_dir('{HOME / 'data'}', 'part-*.nt', '{scaling.BENCH_GRAPH}');")
    with ThreadPoolExecutor(loaders) as pool:
        list(pool.map(lambda _: _isql("rdf_loader_run();"), range(loaders)))
    errors = _isql("select ll_file, ll_error from DB.DBA.LOAD_LIST where ll_error is not null;")
    if "0 Rows" not in errors:
        raise RuntimeError(f"the bulk loader reported errors: {errors[-2000:]}")


def _isql(statement: str, *, check: bool = True) -> str:
    done = subprocess.run(
        ["isql-vt", str(SQL_PORT), "dba", "dba", f"exec={statement}"],
        capture_output=True,
        text=True,
        check=False,
    )
    output = done.stdout + done.stderr
    if check and (done.returncode or "*** Error" in output):
        raise RuntimeError(f"isql {statement!r} failed: {output[-2000:]}")
    return output


def _triples() -> int:
    answer = _isql(f"SPARQL SELECT COUNT(*) FROM <{scaling.BENCH_GRAPH}> WHERE {{ ?s ?p ?o }};")
    match = re.search(r"^\s*(\d+)\s*$", answer, re.M)
    if match is None:
        raise RuntimeError(f"no triple count in {answer[-500:]}")
    return int(match.group(1))


def _used_mb() -> float:
    return scaling.pages_in_use_mb(_isql("status('');"))


def _server_pid() -> int:
    lock = (HOME / "db" / "virtuoso.lck").read_text()
    return int(re.search(r"(\d+)", lock).group(1))  # type: ignore[union-attr]


def _server_cpu_seconds() -> float:
    """CPU seconds of this Virtuoso server and of this process (the client)."""
    fields = Path(f"/proc/{_server_pid()}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") + time.process_time()


def _server_status(field: str) -> float | None:
    for line in Path(f"/proc/{_server_pid()}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.virtuoso_bulk", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    begin = commands.add_parser("start", help="start the bench's own Virtuoso")
    begin.add_argument("--buffers", type=int, default=500_000, help="8 KB pages (~4 GB)")
    bulk = commands.add_parser("load", help="bulk-load up to --scale copies, time the queries")
    bulk.add_argument("--scale", type=int, required=True)
    bulk.add_argument("--loaders", type=int, default=2)
    bulk.add_argument("--copies", help="FIRST:END, the copies to add (default: the next ones)")
    commands.add_parser("stop", help="stop the bench's own Virtuoso")
    args = parser.parse_args(argv)
    if args.command == "start":
        start(args.buffers)
    elif args.command == "load":
        span = tuple(map(int, args.copies.split(":"))) if args.copies else None
        print(json.dumps(load(args.scale, args.loaders, span), indent=1))  # type: ignore[arg-type]
    else:
        stop()


if __name__ == "__main__":
    main()

"""The query pool on a tiny real store: time limit, replacement, row limit, close."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests._runaway import RUNAWAY
from tests.ui.test_pages import make_home
from ui._query_worker import QueryJob
from ui.queries import table_from_json
from ui.query_pool import QueryPool
from vlmkg.config import current_build
from vlmkg.errors import QuerySyntaxError, QueryTimeoutError, StoreError


@pytest.fixture
def pool(tmp_path: Path) -> Iterator[QueryPool]:
    store = current_build(make_home(tmp_path)) / "store"
    started = QueryPool(store, size=2, time_limit=1.0, row_limit=3)
    yield started
    started.close()


def _started(pool: QueryPool) -> set[int]:
    deadline = time.monotonic() + 120
    while pool._idle.qsize() < pool.size:  # until the replacement has started
        assert time.monotonic() < deadline, "no replacement worker started"
        time.sleep(0.05)
    return {w.process.pid for w in pool._workers}


def test_runaway_query_is_killed_and_its_worker_replaced(pool: QueryPool) -> None:
    before = {w.process.pid for w in pool._workers}
    with pytest.raises(QueryTimeoutError, match="stopped after 1 s"):
        pool.run(QueryJob(RUNAWAY))
    assert pool.killed == 1
    after = _started(pool)
    assert len(after) == pool.size and len(after - before) == 1  # one replaced, one kept
    for _ in range(4):  # both workers answer again (one of them is the replacement)
        reply = pool.run(QueryJob("ASK { ?m a vlm:Model }"), time_limit=120)
        assert table_from_json(reply.body).rows == (("true",),)


def test_row_limit_caps_results(pool: QueryPool) -> None:
    reply = pool.run(QueryJob("SELECT * WHERE { ?s ?p ?o }", row_limit=1_000))
    assert (reply.rows, reply.truncated) == (3, True)
    assert len(table_from_json(reply.body).rows) == 3


def test_syntax_error_names_the_position(pool: QueryPool) -> None:
    with pytest.raises(QuerySyntaxError, match="line 1, column 1"):
        pool.run(QueryJob("SELEC * WHERE { ?s ?p ?o }"))


def test_close_stops_busy_workers(pool: QueryPool) -> None:
    errors: list[Exception] = []

    def busy() -> None:
        try:
            pool.run(QueryJob(RUNAWAY), time_limit=60)
        except (StoreError, QueryTimeoutError) as exc:
            errors.append(exc)

    thread = threading.Thread(target=busy)
    thread.start()
    deadline = time.monotonic() + 120
    while pool._idle.qsize() == pool.size:  # until the runaway has taken a worker
        assert time.monotonic() < deadline, "the runaway query never took a worker"
        time.sleep(0.01)
    processes = [w.process for w in pool._workers]
    pool.close()
    thread.join(60)
    assert not thread.is_alive()
    assert all(p.poll() is not None for p in processes)
    assert len(errors) == 1 and isinstance(errors[0], StoreError)


def _live_workers() -> list[int]:
    """Pids of this process's children that run a query worker."""
    me = str(os.getpid())
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
            if fields[1] == me and fields[0] != "Z" and b"ui._query_worker" in cmdline:
                found.append(int(stat.parent.name))
    return found


def test_close_while_a_replacement_starts_leaves_nothing_running(tmp_path: Path) -> None:
    # The replacement for the killed worker is still starting when close() comes: it is
    # stopped too, no thread of the pool outlives close(), and the pool refuses more work.
    others = set(_live_workers())  # another test's pool may still be open
    pool = QueryPool(current_build(make_home(tmp_path)) / "store", size=1, time_limit=0.5)
    with pytest.raises(QueryTimeoutError):
        pool.run(QueryJob(RUNAWAY))
    pool.close()
    assert not [t for t in threading.enumerate() if "_refill" in t.name]
    assert set(_live_workers()) <= others
    with pytest.raises(StoreError, match="workers were stopped"):
        pool.run(QueryJob("ASK {}"))


def test_missing_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        QueryPool(tmp_path / "nowhere", size=1)

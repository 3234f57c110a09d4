"""A pool of query worker processes that enforces a per-query time limit.

A Python thread cannot be stopped and pyoxigraph has no query timeout, so each query runs
in a worker process holding the store open read-only. When a query passes its time
limit, its worker is killed and replaced; the other workers keep serving.
"""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from kg.sparql import syntax_error
from kg.vocab import GRAPH, PREFIXES
from ui._query_worker import QueryFailure, QueryJob, QueryReply
from vlmkg.errors import QueryTimeoutError, StoreError


@dataclass(eq=False)  # hashed by identity, kept in a set
class _Worker:
    process: subprocess.Popen[bytes]
    send: Connection
    recv: Connection


class QueryPool:
    """`size` worker processes over the store at `store_path`."""

    def __init__(
        self, store_path: Path, size: int = 2, time_limit: float = 30.0, row_limit: int = 10_000
    ) -> None:
        self.store_path = store_path
        self.size = size
        self.time_limit = time_limit
        self.row_limit = row_limit
        self.killed = 0  # workers stopped on timeout, for /health
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()  # idle and busy, to stop them all at close
        self._refills: set[threading.Thread] = set()  # replacements being started
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._start_worker())

    def run(self, job: QueryJob, time_limit: float | None = None) -> QueryReply:
        """Run `job` on an idle worker; raises QueryTimeoutError, QuerySyntaxError, StoreError."""
        limit = self.time_limit if time_limit is None else time_limit
        started = time.monotonic()
        if self._closed:
            raise StoreError(
                "the query workers were stopped (the server is shutting down or serves a new "
                "build); send the query again"
            )
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            raise QueryTimeoutError(
                f"all {self.size} query workers stayed busy for {limit:g} s; try again later"
            ) from None
        if job.row_limit > self.row_limit:
            job = QueryJob(**{**job.__dict__, "row_limit": self.row_limit})
        try:
            worker.send.send(job)
            remaining = max(0.0, limit - (time.monotonic() - started))
            finished = worker.recv.poll(remaining)
            reply = worker.recv.recv() if finished else None
        except Exception as exc:  # a dead or confused worker: never hand it out again
            self._replace(worker)
            raise StoreError(f"a query worker failed: {exc}") from exc
        if not finished:
            self._replace(worker)
            raise QueryTimeoutError(
                f"the query was stopped after {limit:g} s (the time limit); "
                "add LIMIT or make the pattern more selective"
            )
        self._release(worker)
        if isinstance(reply, QueryFailure):
            if reply.kind == "syntax":
                raise syntax_error(reply.message)
            raise StoreError(reply.message)
        assert isinstance(reply, QueryReply)
        return reply

    def close(self) -> None:
        """Stop every worker, busy and starting ones included, and wait for the refills.

        A worker belongs to one party at a time: the idle queue, the run() that took it, or
        the thread starting it. Idle workers are stopped here; for the others only the
        process is killed, and their owner closes the pipes when it sees the worker die (a
        pipe closed under a thread still reading it could be reused by another file).
        """
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            refills = list(self._refills)
        idle = []
        with contextlib.suppress(queue.Empty):
            while True:
                idle.append(self._idle.get_nowait())
        for worker in idle:
            self._stop(worker)
        for worker in workers:
            if worker not in idle:
                worker.process.kill()
        for thread in refills:
            thread.join(10)

    def _start_worker(self) -> _Worker:
        child_in, to_child = os.pipe()
        from_child, child_out = os.pipe()
        process = subprocess.Popen(
            [sys.executable, "-m", "ui._query_worker", str(child_in), str(child_out)],
            pass_fds=(child_in, child_out),
            stdin=subprocess.DEVNULL,
        )
        os.close(child_in)
        os.close(child_out)
        worker = _Worker(
            process, Connection(to_child, readable=False), Connection(from_child, writable=False)
        )
        with self._lock:
            self._workers.add(worker)
        try:
            worker.send.send((str(self.store_path), GRAPH, PREFIXES))
            started = worker.recv.poll(60)
            hello = worker.recv.recv() if started else None
        except (OSError, EOFError) as exc:  # it exited at start, or close() stopped it
            self._stop(worker)
            raise StoreError(f"a query worker exited at start (code {process.poll()})") from exc
        if not started:
            self._stop(worker)
            raise StoreError("a query worker did not start within 60 s")
        if isinstance(hello, QueryFailure):
            self._stop(worker)
            raise StoreError(hello.message)
        return worker

    def _release(self, worker: _Worker) -> None:
        """Hand `worker` back to the idle queue, or stop it if the pool closed meanwhile."""
        with self._lock:
            if not self._closed:
                self._idle.put(worker)
                return
        self._stop(worker)

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self.killed += 1
        self._stop(worker)
        with self._lock:
            if self._closed:
                return
            # The replacement starts in the background so the caller answers at once.
            thread = threading.Thread(target=self._refill, daemon=True)
            self._refills.add(thread)
        thread.start()

    def _refill(self) -> None:
        try:
            # If the store went away, later requests report it through their own errors.
            with contextlib.suppress(StoreError):
                self._release(self._start_worker())
        finally:
            with self._lock:
                self._refills.discard(threading.current_thread())

    def _stop(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.process.kill()
        worker.process.wait(5)
        worker.send.close()
        worker.recv.close()

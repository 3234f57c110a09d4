"""What the server holds while it runs: the query pool and the assistant, loaded lazily.

`Runtime.start()` returns at once; a background thread builds the graph when none exists
(`vlmkg build` in a child process, so the server keeps answering), starts the query
workers and loads the assistant. `steps` records progress for the UI and `/health`.

With a remote SPARQL store (`--store sparql+http://...`) nothing is built locally: the
graph step checks that the store holds the graph, queries go over HTTP
(`ui.remote_pool`) and the assistant reads the same store.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.store_config import StoreSettings, store_settings
from ui.query_pool import QueryPool
from ui.remote_pool import RemoteQueryPool
from vlmkg.config import current_build
from vlmkg.errors import NoGraphError, StoreError, VlmkgError

STEPS = ("graph", "query workers", "assistant")


@dataclass(frozen=True)
class ServeSettings:
    """The options of `vlmkg serve` that shape the runtime."""

    home: Path
    time_limit: float = 30.0
    row_limit: int = 10_000
    workers: int = 2
    allow_service: bool = False
    build_if_missing: bool = True
    load_assistant: bool = True
    store_spec: str | None = None  # --store; None: $VLMKG_STORE, config.toml, else embedded
    graph: str | None = None  # --graph: the graph IRI in a remote store
    base_iri: str | None = None  # --base: resolves relative IRIs in /sparql queries


class Runtime:
    """The lazily loaded heavy parts of the server."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        # Resolved now, so a bad --store or credentials file fails before serving.
        self.store: StoreSettings = store_settings(
            settings.store_spec, graph=settings.graph, home=settings.home
        )
        self.steps: dict[str, str] = dict.fromkeys(STEPS, "waiting")
        self.started = time.monotonic()
        self._pool: QueryPool | None = None
        self._remote_pool: RemoteQueryPool | None = None
        self._assistant: Any = None
        self._assistant_build: str | None = None
        self._reloading = False
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._load, daemon=True, name="vlmkg-loader")

    def start(self) -> Runtime:
        """Begin loading in the background; returns self."""
        self._thread.start()
        return self

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every step finished (or failed); True when done in time."""
        return self._ready.wait(timeout)

    @property
    def ready(self) -> bool:
        """True when every step has finished, successfully or not."""
        return self._ready.is_set()

    def pool(self) -> QueryPool | RemoteQueryPool:
        """The query pool over the current build (or the remote store); raises StoreError
        while the graph loads."""
        if self.store.remote:
            return self._remote()
        try:
            store_path = current_build(self.settings.home) / "store"
        except NoGraphError as exc:
            raise StoreError(f"the graph is not ready yet ({self.steps['graph']})") from exc
        with self._lock:
            if self._pool is not None and self._pool.store_path != store_path:
                # `vlmkg build` swapped the current build: serve the new one.
                self._pool.close()
                self._pool = None
            if self._pool is None:
                self._pool = QueryPool(
                    store_path,
                    size=self.settings.workers,
                    time_limit=self.settings.time_limit,
                    row_limit=self.settings.row_limit,
                )
            return self._pool

    def assistant(self) -> Any:
        """The loaded `search.assistant.Assistant`, or None while loading or unavailable.

        After `vlmkg build` swapped the current build, the assistant over the new build
        loads in the background; the previous one (its build is kept) answers meanwhile.
        """
        if self._assistant is not None and self._assistant_build != self.build_id():
            with self._lock:
                if not self._reloading:
                    self._reloading = True
                    threading.Thread(target=self._reload_assistant, daemon=True).start()
        return self._assistant

    def _remote(self) -> RemoteQueryPool:
        with self._lock:
            if self._remote_pool is None:
                self._remote_pool = RemoteQueryPool(
                    self.store, self.settings.time_limit, self.settings.row_limit
                )
            return self._remote_pool

    def build_id(self) -> str | None:
        """The name of the current build directory (remote: the IRI of the graph version
        readers see), or None."""
        if self.store.remote:
            try:
                return self._remote().store.current_graph()
            except VlmkgError:
                return None
        try:
            return current_build(self.settings.home).name
        except NoGraphError:
            return None

    def close(self) -> None:
        """Stop the query workers."""
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
            if self._remote_pool is not None:
                self._remote_pool.close()
                self._remote_pool = None

    def _load(self) -> None:
        try:
            self._step("graph", self._ensure_graph)
            self._step("query workers", self.pool)
            if self.settings.load_assistant:
                self._step("assistant", self._load_assistant)
            else:
                self.steps["assistant"] = "off"
        finally:
            self._ready.set()

    def _step(self, name: str, action: Any) -> None:
        if any(state.startswith("failed") for state in self.steps.values()):
            self.steps[name] = "skipped"
            return
        self.steps[name] = "loading"
        began = time.monotonic()
        try:
            action()
        except (VlmkgError, ImportError, OSError) as exc:
            self.steps[name] = f"failed: {exc}"
            return
        self.steps[name] = f"ready ({time.monotonic() - began:.1f} s)"

    def _ensure_graph(self) -> None:
        if self.store.remote:
            self._check_remote_graph()
            return
        if self.build_id() is not None:
            return
        if not self.settings.build_if_missing:
            raise NoGraphError(f"no graph in {self.settings.home}: run `vlmkg build` first")
        self.steps["graph"] = "building from the bundled hub (first run)"
        env = {**os.environ, "VLMKG_HOME": str(self.settings.home)}
        done = subprocess.run(
            [sys.executable, "-m", "vlmkg.cli", "build"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or self.build_id() is None:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise StoreError(f"`vlmkg build` failed: {last}")

    def _check_remote_graph(self) -> None:
        store = self._remote().store
        if not store.query("ASK { ?s ?p ?o }").boolean:
            raise NoGraphError(
                f"{self.store.describe()} is empty: run `vlmkg build --store ... --graph ...` "
                "to load it"
            )

    def _load_assistant(self) -> None:
        from search.assistant import Assistant

        build = self.build_id()
        self._assistant = Assistant.open(
            self.settings.home, store_spec=self.settings.store_spec, graph=self.settings.graph
        )
        self._assistant_build = build

    def _reload_assistant(self) -> None:
        try:
            self._load_assistant()
        except (VlmkgError, OSError):
            pass  # keep answering with the previous build's assistant; retried on next use
        finally:
            self._reloading = False

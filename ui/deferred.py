"""An ASGI app that answers at once and switches to the full app when it has loaded.

Importing Gradio takes seconds; `/sparql` and `/health` need none of it. `DeferredApp`
serves a light app (endpoint, health, a self-refreshing loading page at `/`) while the
full app (same routes plus the Gradio UI) is built in a thread; then it runs the full
app's lifespan and hands every later request to it. Plain ASGI, no Gradio internals.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ui.runtime import Runtime

UI_STEP = "web UI"


class DeferredApp:
    """Serve `light` until `build_full()` (run in a thread) is ready, then `full`."""

    def __init__(self, light: ASGIApp, build_full: Callable[[], ASGIApp], runtime: Runtime):
        self.light = light
        self.build_full = build_full
        self.runtime = runtime
        self.full: ASGIApp | None = None
        self._full_lifespan: _Lifespan | None = None
        self._loader: asyncio.Task[None] | None = None
        runtime.steps[UI_STEP] = "waiting"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(scope, receive, send)
        elif self.full is not None:
            await self.full(scope, receive, send)
        else:
            await self.light(scope, receive, send)

    async def _lifespan(self, scope: Scope, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self._loader = asyncio.create_task(self._load(scope))
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._loader is not None and not self._loader.done():
                    self._loader.cancel()
                if self._full_lifespan is not None:
                    await self._full_lifespan.shutdown()
                self.runtime.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _load(self, scope: Scope) -> None:
        self.runtime.steps[UI_STEP] = "loading"
        began = time.monotonic()
        try:
            full = await asyncio.to_thread(self.build_full)
            lifespan = _Lifespan(full)
            await lifespan.startup(scope)
        except Exception as exc:  # the endpoint keeps serving; the loading page says why
            self.runtime.steps[UI_STEP] = f"failed: {exc}"
            return
        self._full_lifespan = lifespan
        self.full = full
        self.runtime.steps[UI_STEP] = f"ready ({time.monotonic() - began:.1f} s)"


class _Lifespan:
    """Drives an ASGI app's lifespan protocol from the outside."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.inbox: asyncio.Queue[Message] = asyncio.Queue()
        self.outbox: asyncio.Queue[Message] = asyncio.Queue()
        self.task: asyncio.Task[Any] | None = None

    async def startup(self, scope: Scope) -> None:
        async def run() -> None:
            await self.app(dict(scope), self.inbox.get, self.outbox.put)

        self.task = asyncio.create_task(run())
        await self.inbox.put({"type": "lifespan.startup"})
        reply = await self.outbox.get()
        if reply["type"] != "lifespan.startup.complete":
            raise RuntimeError(reply.get("message") or "the web UI failed to start")

    async def shutdown(self) -> None:
        await self.inbox.put({"type": "lifespan.shutdown"})
        await self.outbox.get()

"""Progress bars on a terminal: one per build stage on stderr, nothing when piped.

`Progress(stream)` draws only when the stream is a terminal, so logs, pipes and tests see
exactly the lines they saw before. A bar is redrawn at most ten times a second and
erased when its stage ends, leaving the stage's one summary line alone on screen.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

WIDTH = 28
REDRAW_SECONDS = 0.1


class Progress:
    """Makes a `Bar` per stage; drawn when `stream` (default stderr) is a terminal."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty()) if enabled is None else enabled

    def stage(self, name: str, total: int | None = None) -> Bar:
        """A bar for one stage of `total` steps (None: a stage whose length is unknown)."""
        return Bar(self.stream if self.enabled else None, name, total)


class Bar:
    """`name [#####.....] done/total` on one line, redrawn in place; a context manager."""

    def __init__(self, stream: TextIO | None, name: str, total: int | None) -> None:
        self.stream = stream
        self.name = name
        self.total = total
        self.done = 0
        self.last_draw = 0.0
        self.draw(force=True)

    def advance(self, steps: int = 1) -> None:
        """Count `steps` more steps done."""
        self.done += steps
        self.draw()

    def draw(self, *, force: bool = False) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if not force and now - self.last_draw < REDRAW_SECONDS:
            return
        self.last_draw = now
        self.stream.write("\r" + self.line() + "\x1b[K")
        self.stream.flush()

    def line(self) -> str:
        """The bar as drawn now."""
        if not self.total:
            return f"{self.name} ... {self.done or ''}".rstrip()
        share = min(self.done / self.total, 1.0)
        filled = round(share * WIDTH)
        bar = "#" * filled + "." * (WIDTH - filled)
        return f"{self.name} [{bar}] {self.done}/{self.total}"

    def clear(self) -> None:
        """Erase the bar for a line of text; the next step draws it again below."""
        if self.stream is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.last_draw = 0.0

    def close(self) -> None:
        """Erase the bar (its stage's summary line is printed next)."""
        if self.stream is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.stream = None

    def __enter__(self) -> Bar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


__all__ = ["Bar", "Progress"]

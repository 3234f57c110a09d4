"""Progress bars: drawn on a terminal only, in place, erased at the end of a stage."""

from __future__ import annotations

import io

from vlmkg.progress import Progress


def test_nothing_is_written_when_the_stream_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with Progress(stream).stage("graph", 3) as bar:
        bar.advance(3)
    assert stream.getvalue() == ""


def test_a_bar_is_drawn_in_place_and_erased() -> None:
    stream = io.StringIO()
    with Progress(stream, enabled=True).stage("graph", 4) as bar:
        assert bar.line() == "graph [............................] 0/4"
        bar.done = 1
        assert bar.line() == "graph [#######.....................] 1/4"
        bar.advance(3)  # redrawn unless drawn less than 0.1 s ago
        assert bar.line() == "graph [############################] 4/4"
    drawn = stream.getvalue()
    assert drawn.startswith("\rgraph [............................] 0/4\x1b[K")
    assert drawn.endswith("\r\x1b[K")  # erased: the stage's own line comes next
    assert "\n" not in drawn
    with Progress(stream, enabled=True).stage("store") as unknown:
        assert unknown.line() == "store ..."

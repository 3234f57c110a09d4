"""`/source/<file>`: a hub file as an HTML page with one anchor per line.

Citations (`<file>#L<start>-L<end>`) link here as `/source/<file>?lines=<start>-<end>#L<start>`;
the cited lines are highlighted. Every line is HTML-escaped: hub text is shown, never run.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

from vlmkg.config import bundled_hub, current_build
from vlmkg.errors import NoGraphError

_CITATION = re.compile(r"^(?P<file>[^#]+)#L(?P<start>\d+)(?:-L(?P<end>\d+))?$")

_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: ui-monospace, monospace; font-size: 13px; margin: 0; }}
h1 {{ font-family: system-ui, sans-serif; font-size: 16px; padding: 8px 12px; margin: 0;
      background: #f4f4f5; border-bottom: 1px solid #ddd; }}
ol {{ margin: 0; padding-left: 5em; }}
li {{ white-space: pre-wrap; padding: 0 8px; }}
li::marker {{ color: #999; }}
li.cited {{ background: #fff3bf; }}
li:target {{ outline: 2px solid #f59f00; }}
</style></head>
<body><h1>{title}</h1><ol>
{lines}
</ol></body></html>
"""


def hub_files(home: Path) -> dict[str, Path]:
    """file name -> path of every hub file a citation may name (bundled hub, build inputs)."""
    files = {bundled_hub().name: bundled_hub()}
    try:
        manifest = json.loads((current_build(home) / "manifest.json").read_text("utf-8"))
    except (NoGraphError, OSError, ValueError):
        return files
    for value in _strings(manifest):
        if value.endswith(".md") and Path(value).is_file():
            files[Path(value).name] = Path(value)
    return files


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def citation_href(source: str) -> str | None:
    """The `/source/...` link for a `<file>#L<a>-L<b>` citation, or None if malformed."""
    match = _CITATION.match(source.strip())
    if match is None:
        return None
    start = match["start"]
    end = match["end"] or start
    name = Path(match["file"]).name
    return f"/source/{html.escape(name, quote=True)}?lines={start}-{end}#L{start}"


def render_source(path: Path, lines: str | None = None) -> str:
    """The HTML page of a hub file, the `lines` range ("12-15") highlighted."""
    first, last = _range(lines)
    # Universal newlines only, as ingest numbers lines (splitlines() also splits at \x1c...).
    text = path.read_text(encoding="utf-8", errors="replace").removesuffix("\n").split("\n")
    items = "\n".join(
        f'<li id="L{n}"{" class=cited" if first <= n <= last else ""}>{html.escape(line)}</li>'
        for n, line in enumerate(text, 1)
    )
    return _PAGE.format(title=html.escape(path.name), lines=items)


def _range(lines: str | None) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", lines or "")
    if match is None:
        return (0, -1)
    return (int(match[1]), int(match[2] or match[1]))

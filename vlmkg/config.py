"""Where vlmkg keeps its data, and settings from the environment.

`VLMKG_HOME` (default `./.vlmkg`) holds `current`, a symlink to the active build
directory under `builds/`; a build directory holds `manifest.json`, `records.json`,
`store/` (Oxigraph) and `index/` (search). The symlink is swapped atomically, so readers
never see a half-built graph.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from vlmkg.errors import NoGraphError


def home() -> Path:
    """The data directory: $VLMKG_HOME or ./.vlmkg."""
    return Path(os.environ.get("VLMKG_HOME", ".vlmkg")).expanduser().resolve()


def bundled_hub() -> Path:
    """The hub shipped with the package, the default input of `vlmkg build`."""
    return Path(str(resources.files("vlmkg") / "data" / "vlm-research-hub.md"))


def current_build(root: Path | None = None) -> Path:
    """The active build directory; raises NoGraphError when nothing was built yet."""
    link = (root or home()) / "current"
    if not link.exists():
        raise NoGraphError(
            f"no graph in {link.parent}: run `vlmkg build` first "
            "(or set VLMKG_HOME to the directory that holds one)"
        )
    return link.resolve()

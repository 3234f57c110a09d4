"""vlmkg: a knowledge graph of vision-language-model research."""

from __future__ import annotations

from vlmkg.errors import VlmkgError

__all__ = ["VlmkgError", "__version__"]
__version__ = "0.1.0"

"""IRIs of the graph: one per entity key, stable across builds of the same records."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from rdflib import URIRef
from rdflib.term import Node

from ingest.names import entity_key, slug
from kg.vocab import RES


def digest(*parts: object) -> str:
    """A short stable hash of the parts, for IRIs of nodes without a name."""
    text = "\x1f".join(n.n3() if isinstance(n, Node) else str(n) for n in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def safe_slug(text: str) -> str:
    """`slug(text)`, or a hash when the text has nothing slug-worthy in it ("???")."""
    return slug(text) or f"h{digest(text)[:10]}"


class IriMinter:
    """Hands out `res:<kind>/<slug>` IRIs: one per (kind, key), unique per kind.

    Two keys whose names slug alike get `-2`, `-3`... in the order they are first seen,
    so the same records always give the same IRIs.
    """

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], URIRef] = {}
        self._taken: set[str] = set()

    def get(self, kind: str, key: str) -> URIRef | None:
        """The IRI already minted for this key, if any."""
        return self._by_key.get((kind, key))

    def mint(self, kind: str, name: str, key: str | None = None) -> URIRef:
        """The IRI of the entity `name` of `kind` (`model`, `encoder`...), minted once per key."""
        key = entity_key(name) if key is None else key
        found = self._by_key.get((kind, key))
        if found is not None:
            return found
        base = f"{kind}/{safe_slug(name)}"
        path, n = base, 1
        while path in self._taken:
            n += 1
            path = f"{base}-{n}"
        self._taken.add(path)
        iri = RES[path]
        self._by_key[(kind, key)] = iri
        return iri


def file_slug(file: str) -> str:
    """The slug naming a hub file in IRIs: its name without the extension."""
    return safe_slug(PurePath(file).stem or file)


__all__ = ["IriMinter", "digest", "entity_key", "file_slug", "safe_slug", "slug"]

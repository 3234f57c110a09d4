"""Every error vlmkg raises on purpose derives from `VlmkgError`.

The CLI prints `error: <message>` for these and exits 1 (2 for usage errors); anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations


class VlmkgError(Exception):
    """Base class: something a person can fix; the message says how."""

    exit_code = 1


class UsageError(VlmkgError):
    """The command line or request is malformed."""

    exit_code = 2


class InputFileError(VlmkgError):
    """An input file is missing, unreadable, binary or not a hub."""


class NoSectionsError(InputFileError):
    """A markdown file has nothing vlmkg recognises (no models, datasets, benchmarks...)."""


class ShapeViolationError(VlmkgError):
    """The built graph violates the SHACL shapes."""


class StoreError(VlmkgError):
    """The graph store is missing, locked, unreachable or refused an operation."""


class NoGraphError(StoreError):
    """No graph has been built yet."""


class QuerySyntaxError(VlmkgError):
    """A SPARQL query does not parse; the message carries the position."""


class QueryRefusedError(VlmkgError):
    """A query was refused (an update, SERVICE, LOAD on a read-only door)."""


class FormatNotAcceptableError(UsageError):
    """No result format vlmkg writes matches what the client accepts (HTTP 406)."""


class MediaTypeError(UsageError):
    """A request body has a content type the SPARQL protocol does not allow (HTTP 415)."""


class QueryTimeoutError(VlmkgError):
    """A query ran past its time limit and was stopped."""


class SearchIndexError(VlmkgError):
    """The search index is missing or stale; the message says which command rebuilds it."""


class QuestionError(VlmkgError):
    """A question cannot be processed at all (empty, too long)."""


class ExportError(VlmkgError):
    """An export cannot be written (unknown format or view, existing file, unwritable path)."""


class LLMError(VlmkgError):
    """The configured LLM cannot be reached or loaded."""

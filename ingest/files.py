"""Read hub files from disk into records, with errors a person can act on."""

from __future__ import annotations

from pathlib import Path

from ingest._sections import family
from ingest.extract import extract
from ingest.markdown import parse
from ingest.records import Record, SectionRecord
from vlmkg.errors import InputFileError, NoSectionsError

_HUB_FAMILIES = {"models", "datasets", "benchmarks"}


def _read_text(path: Path) -> str:
    if not path.exists():
        raise InputFileError(
            f"{path}: no such file; check the path or omit it to use the bundled hub"
        )
    if path.is_dir():
        raise InputFileError(
            f"{path} is a directory; give the markdown file(s) inside it, e.g. {path}/*.md"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(
            f"{path}: cannot be read ({exc.strerror}); check its permissions"
        ) from exc
    if not data.strip():
        raise InputFileError(
            f"{path} is empty; give a hub markdown file with model, dataset or benchmark lists"
        )
    if b"\x00" in data[:8192]:
        raise InputFileError(f"{path} is a binary file, not markdown; give a UTF-8 .md hub file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"{path} is not UTF-8 text (byte {exc.start}); re-save it as UTF-8 and try again"
        ) from exc


def read_hub(path: Path) -> list[Record]:
    """The records of one hub file; `Source.file` is the file's name."""
    records = extract(parse(_read_text(path), path.name))
    if not any(isinstance(r, SectionRecord) and family(r.kind) in _HUB_FAMILIES for r in records):
        raise NoSectionsError(
            f"{path} has no model, dataset or benchmark sections; nothing was built "
            "(headings such as '## Models', '### 2025' or '## Datasets' are expected)"
        )
    return records


def read_hubs(paths: list[Path]) -> list[Record]:
    """The records of every file, in the order given; fails on the first bad file."""
    records: list[Record] = []
    for path in paths:
        records.extend(read_hub(Path(path)))
    return records


__all__ = ["read_hub", "read_hubs"]

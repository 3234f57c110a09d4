"""Component cells of a model table: the names a cell lists, without the notes it adds.

"SigLIP (400M, frozen)" names SigLIP; "DeepEncoder (SAM + CLIP)" names DeepEncoder, built
from SAM and CLIP; "InternViT-6B / InternViT-300M" names two encoders; "Undisclosed (7B
decoder)" names none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest._components import is_generic
from ingest._tables import no_value
from ingest.gazetteer import derived_from, is_empty_name, is_known, split_name

# a note may hold a parenthesis of its own: "Qwen-2.5-7B (listed: ..., BEATs-AS2M(cpt2))"
_TRAILING_NOTE = re.compile(r"^(?P<head>[^()]*?)\s*\((?P<note>(?:[^()]|\([^()]*\))*)\)\s*$")
# separators between names at the top level of a cell: "A + B", "A / B", "A, B", "A & B"
_BETWEEN = re.compile(r"\s+[+/&]\s+|\s*[,;]\s+|\s+(?:and|or|plus)\s+")
# where a cell written as a phrase goes on about the part it names: "CLIP ViT-L/14 with
# multi-crop processing", "SigLIP at 896x896", "a language decoder with visual experts in its
# attention and FFN modules" (cut before the list is split, so "FFN modules" is no name)
_CLAUSE = re.compile(
    r"[\s,]+(?:with|at|using|via|featuring|that|which|whose|where|in which|run at|"
    r"running at|followed by|initiali[sz]ed (?:from|with)|fine-tuned (?:from|on)|"
    r"trained (?:on|from|with))\s.*$"
)
# the words before a name in such a phrase: "a shared, frozen 400M-parameter SigLIP encoder"
_LEAD = re.compile(
    r"^(?:(?:[a-z][a-z-]*|~?\d[\d.,]*\s?[KMBT](?:-param(?:eter)?s?)?)[,;]?\s+)+"
    r"(?=[^\s]*[A-Z])"
)
# "a 1B visual encoder", "7B decoder": a size before the words, which then name no part
_LEADING = re.compile(r"^(?:(?:an?|the)\s+)?(?:~?\d[\d.,]*\s?[KMBT]?\b[\s-]*)?", re.I)


@dataclass(frozen=True)
class CellName:
    """One name a component cell lists, with the known parts its note composes it of."""

    name: str
    parts: tuple[str, ...] = ()


def _top_level(cell: str) -> list[str]:
    """`cell` split at separators outside parentheses."""
    pieces, depth, start = [], 0, 0
    masked = []
    for ch in cell:
        depth += ch == "("
        depth -= ch == ")"
        masked.append(ch if depth == 0 else "\x00")
    flat = "".join(masked)
    for match in _BETWEEN.finditer(flat):
        pieces.append(cell[start : match.start()])
        start = match.end()
    pieces.append(cell[start:])
    return [p.strip() for p in pieces if p.strip()]


def _composed_of(note: str) -> tuple[str, ...]:
    """The known names a note composes ("SAM + CLIP"), else () for a remark ("400M",
    "frozen", "MoE", "shape-optimized")."""
    parts = [p.strip() for p in re.split(r"\s*[+,&]\s*|\s+and\s+", note) if p.strip()]
    if len(parts) >= 2 and all(is_known(p) for p in parts):
        return tuple(parts)
    return ()


def _phrase_head(cell: str) -> str:
    """A cell written as a phrase without the clause after its name ("CLIP ViT-L/14 with
    multi-crop processing" -> "CLIP ViT-L/14"); a cell of two words stays as it is."""
    if len(cell.split()) <= 2:
        return cell
    clause = _CLAUSE.search(_masked(cell))
    return cell[: clause.start()] if clause else cell


def _name_start(piece: str) -> str:
    """A listed piece from its first word with a capital ("a shared, frozen 400M-parameter
    SigLIP encoder" -> "SigLIP encoder"; the role noun goes when the name is resolved), or
    the part a derivation word names ("Aya Expanse-derived language models")."""
    piece = re.sub(r"\s+for\s.*$", "", piece)  # "a ViT encoder for high-resolution images"
    derived = derived_from(piece)
    if derived:
        return derived
    if _LIKENESS.match(piece):
        return ""  # "GPT-style large language model": a kind of part, no name
    lead = _LEAD.match(piece)
    if lead is None:
        return piece
    words = [w.lower().strip(",;") for w in lead.group(0).split()]
    if len(words) > 4 or any(w in _ROLE_NOUNS for w in words):
        return ""  # "a natively multimodal decoder mixing Gated DeltaNet ...": a description
    if _KEPT_AS_WRITTEN & set(words):
        return piece  # "a custom ViT" is not ViT: the list's words are the part
    return piece[lead.end() :]


_LIKENESS = re.compile(
    r"^(?:(?:an?|the)\s+)?(?:[a-z-]+\s+)*[\w.]+-(?:style|like|type|esque)\b", re.I
)
_KEPT_AS_WRITTEN = frozenset({"custom", "redesigned", "modified", "in-house", "proprietary"})
# role nouns: a description's words before a name ("a decoder mixing Gated DeltaNet ...")
_ROLE_NOUNS = frozenset(
    {"encoder", "decoder", "model", "models", "llm", "backbone", "tower", "network", "transformer"}
)


def _masked(cell: str) -> str:
    """`cell` with what stands inside parentheses replaced by NULs (same length)."""
    depth, masked = 0, []
    for ch in cell:
        depth += ch == "("
        masked.append(ch if depth == 0 else "\x00")
        depth -= ch == ")"
    return "".join(masked)


def cell_names(cell: str) -> list[CellName]:
    """The names a component cell lists, in order; notes in parentheses are not names."""
    found: list[CellName] = []
    for piece in _top_level(_phrase_head(cell)):
        match = _TRAILING_NOTE.match(piece)
        head, parts = (
            (match.group("head").strip(), _composed_of(match.group("note")))
            if match
            else (piece, ())
        )
        if not head or no_value(head) or is_empty_name(head) or not re.search(r"[A-Za-z]", head):
            continue  # "Undisclosed (7B decoder)", "N/A (encoder-free)"
        if _describes(head):
            continue  # "a custom vision encoder", "depending on the member"
        head = _name_start(head)
        if not head or is_empty_name(split_name(head)[0]) or is_generic(head):
            continue  # "a frozen LLM (not named)", "a sparse-MoE decoder"
        for name in _unspaced_halves(head):
            previous = found[-1].name if found else ""
            found.append(CellName(_sized_like(name, previous), parts))
    return found


def _describes(piece: str) -> bool:
    """True for a piece that describes a part instead of naming it: no capital outside its
    parentheses once an article and a size are set aside ("a custom vision encoder", "a 1B
    visual encoder", "a mixture-of-experts (MoE) language decoder", "depending on the
    member"); a name the gazetteer knows is kept whatever its case."""
    if _SIZE_ONLY.match(piece.strip()):
        return False  # "70B" of "Llama 3.1 8B / 70B"
    outside = _LEADING.sub("", re.sub(r"\([^()]*\)", " ", piece)).strip()
    return not re.search(r"[A-Z]", outside) and not is_known(piece.strip())


_SIZE_ONLY = re.compile(r"^\d+(?:\.\d+)?[KMBT]$")
_SIZE_END = re.compile(r"(?P<stem>.*?[\s-])\d+(?:\.\d+)?[KMBT]$")


def _sized_like(name: str, previous: str) -> str:
    """A bare size after a sized name is that name at the other size: "Llama 3.1 8B / 70B"
    -> "Llama 3.1 70B", "Vicuna-7B/13B" -> "Vicuna-13B"."""
    stem = _SIZE_END.match(previous)
    return f"{stem.group('stem')}{name}" if _SIZE_ONLY.match(name) and stem else name


def _unspaced_halves(name: str) -> list[str]:
    """ "SigLIP/SAMB" -> both names; "ViT-L/14" and "CLIP ViT-L/14" stay whole."""
    halves = name.split("/")
    if len(halves) > 1 and all(len(h) >= 3 and h[:1].isalpha() for h in halves):
        return halves
    if (
        len(halves) > 1
        and _SIZE_END.match(halves[0])
        and all(_SIZE_ONLY.match(h) for h in halves[1:])
    ):
        return halves  # "Vicuna-7B/13B": one family at two sizes
    return [name]


_SPACED_SLASH = re.compile(r"\s+/\s+")


def _slashed(cell: str) -> list[str]:
    """`cell` split at " / " outside parentheses ("7B, 1B / 1.3B / 1.3B" -> three)."""
    depth, start, pieces = 0, 0, []
    for match in _SPACED_SLASH.finditer(cell):
        depth = cell[start : match.start()].count("(") - cell[start : match.start()].count(")")
        if depth == 0:
            pieces.append(cell[start : match.start()].strip())
            start = match.end()
    pieces.append(cell[start:].strip())
    return [p for p in pieces if p]


def row_members(cells: dict[str, str]) -> list[dict[str, str]]:
    """The models of a table row, each with its cells: one, unless the name cell lists
    several between " / " ("Janus-Pro / Janus / JanusFlow"); then a cell that lists as many
    values the same way gives each model its own, in order ("7B, 1B / 1.3B / 1.3B"), and
    any other cell is all of theirs."""
    names = _slashed(cells.get("name", ""))
    if len(names) < 2 or any(not re.search(r"[A-Za-z]", n) for n in names):
        return [cells]
    rows: list[dict[str, str]] = []
    for index, name in enumerate(names):
        own = {"name": name}
        for meaning, value in cells.items():
            if meaning == "name":
                continue
            values = _slashed(value)
            own[meaning] = values[index] if len(values) == len(names) else value
        rows.append(own)
    return rows

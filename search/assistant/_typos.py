"""Whether a name as a question writes it may be a misspelling of a name of the graph.

One edit (a letter dropped, added, changed, or two swapped) reads as a typo only when it
keeps what a writer rarely gets wrong: the first letter ("FLAVA" is not LLaVA), every
piece of the name ("BLIP3-o" is not BLIP-3 with a letter added: the "o" is a piece of its
own) and, where the question writes the name in a casing of its own, that casing ("VITA"
is not VisTA).
"""

from __future__ import annotations

import re


def _pieces(name: str) -> list[str]:
    """The runs of letters and of digits of a name, lower case ("BLIP3-o" -> blip, 3, o)."""
    return re.findall(r"[a-z]+|\d+", name.lower())


def _letters(name: str) -> str:
    return "".join(c for c in name if c.isalnum())


def _piece_added(written: str, surface: str) -> bool:
    """True when one of the two is the other with a whole piece more ("BLIP3-o", "BLIP-3")."""
    a, b = _pieces(written), _pieces(surface)
    if abs(len(a) - len(b)) != 1:
        return False
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _aligned(written: str, surface: str) -> list[tuple[str, str]]:
    """The letters of `written` and `surface` paired across their one edit (equal letters
    only; the edited ones left out)."""
    a, b = _letters(written), _letters(surface)
    la, lb = a.lower(), b.lower()
    if len(a) == len(b):
        pairs = list(zip(a, b, strict=True))
        for i in range(len(a) - 1):  # a swap: pair the swapped letters the right way round
            if la[i] != lb[i] and la[i] == lb[i + 1] and la[i + 1] == lb[i]:
                pairs[i], pairs[i + 1] = (a[i], b[i + 1]), (a[i + 1], b[i])
                break
        return [(x, y) for x, y in pairs if x.lower() == y.lower()]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    for i in range(len(longer)):
        if (longer[:i] + longer[i + 1 :]).lower() == shorter.lower():
            kept = longer[:i] + longer[i + 1 :]
            pairs = list(zip(kept, shorter, strict=True))
            return pairs if longer is a else [(y, x) for x, y in pairs]
    return []


def _stylised(name: str) -> bool:
    """True when a name is written with a capital past its first letter ("VITA", "CogVLM")."""
    return any(c.isupper() for c in _letters(name)[1:])


def plausible_spelling(written: str, surface: str) -> bool:
    """True when `written` may be `surface` spelt otherwise: the same first letter, and no
    piece added or dropped."""
    a, b = _letters(written), _letters(surface)
    if not a or not b or a[0].lower() != b[0].lower():
        return False
    return not _piece_added(written, surface)


def plausible_respelling(written: str, surface: str) -> bool:
    """True when `written`, more than one edit from `surface`, may still be it spelt
    otherwise: a `plausible_spelling` that, when stylised, writes only capitals `surface`
    has, in its order ("MonkeyDoc v2" is not MonkeyOCRv2: no D)."""
    if not plausible_spelling(written, surface):
        return False
    capitals = iter(c for c in _letters(surface) if c.isupper())
    return not _stylised(written) or all(c in capitals for c in _letters(written) if c.isupper())


def plausible_typo(written: str, surface: str) -> bool:
    """True when `written` (as the question writes it) may be `surface` with one edit: a
    `plausible_spelling` and, when `written` is stylised, no letter in another case than
    `surface` writes it."""
    if not plausible_spelling(written, surface):
        return False
    return not (_stylised(written) and any(x != y for x, y in _aligned(written, surface)))

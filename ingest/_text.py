"""Text clean-up shared by the parser and the extractors: mojibake repair, heading titles."""

from __future__ import annotations

import re
import unicodedata

# A run of non-ASCII characters: UTF-8 bytes read as Mac Roman or cp1252 always land here,
# because every byte of a multi-byte UTF-8 sequence is >= 0x80.
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_WRONG_CODECS = ("mac_roman", "cp1252")


def _repair_run(run: str) -> str:
    for codec in _WRONG_CODECS:
        try:
            repaired = run.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != run:
            return repaired
    if len(run) > 1:
        # The run may hold good characters next to a mis-decoded one: split and retry.
        half = len(run) // 2
        for cut in sorted(range(1, len(run)), key=lambda i: abs(i - half)):
            left, right = run[:cut], run[cut:]
            fixed_left, fixed_right = _try_codecs(left), _try_codecs(right)
            if fixed_left is not None or fixed_right is not None:
                return (fixed_left or _repair_run(left)) + (fixed_right or _repair_run(right))
    return run


def _try_codecs(run: str) -> str | None:
    for codec in _WRONG_CODECS:
        try:
            repaired = run.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != run:
            return repaired
    return None


def repair_mojibake(text: str) -> str:
    """Return `text` with UTF-8 that was decoded as Mac Roman / cp1252 turned back ("√ó" -> "×").

    Runs that do not round-trip are left as they are, so correct text is never changed.
    """
    return _NON_ASCII_RUN.sub(lambda m: _repair_long_run(m.group(0)), text)


_MAX_RUN = 256  # the cut search is quadratic: a line of 40k emoji took 8 s before this cap


def _repair_long_run(run: str) -> str:
    if len(run) <= _MAX_RUN:
        return _repair_run(run)
    whole = _try_codecs(run)
    if whole is not None:
        return whole
    return "".join(_repair_run(run[i : i + _MAX_RUN]) for i in range(0, len(run), _MAX_RUN))


_EMOJI_OR_SYMBOL = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2190-\u21ff\u2b00-\u2bff\ufe0f\u200d\uf8ff\u2300-\u23ff]"
)
_LEADING_NUMBER = re.compile(r"^\s*\d+[.)]\s+")


def clean_title(raw: str) -> str:
    """A heading's text without emphasis markers, emoji, arrows, numbering or a trailing colon."""
    text = repair_mojibake(raw)
    text = text.replace("**", "").replace("__", "")
    text = _EMOJI_OR_SYMBOL.sub(" ", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("So", "Cs", "Co"))
    text = _LEADING_NUMBER.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(":").strip()


def squash_spaces(text: str) -> str:
    """`text` with every whitespace run turned into one space, stripped."""
    return re.sub(r"\s+", " ", text).strip()

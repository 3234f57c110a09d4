"""Text normalisation shared by the linker and the question parser."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_STRIP = '?!,;:"“”‘’()[]{}<>*`'
_POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’)$")


@lru_cache(maxsize=65536)
def words(text: str) -> str:
    """Lowercase NFKC text with dashes, underscores, quotes and asterisks as spaces."""
    text = unicodedata.normalize("NFKC", text).lower().replace("&", " and ")
    for dash in _DASHES:
        text = text.replace(dash, "-")
    return " ".join(re.sub(r"[\-_*`'\"’‘]+", " ", text).split())


def key(text: str) -> str:
    """`words` without spaces: "LLaVA 1.5" == "llava-1.5" == "LLaVA1.5"."""
    return words(text).replace(" ", "")


def tokens(question: str) -> list[str]:
    """Whitespace tokens with surrounding punctuation and possessive 's removed.

    Inner punctuation stays: "Qwen2.5-VL", "ViT-L/14", "4-bit".
    """
    return [tok for tok, _ in token_offsets(question)]


def token_offsets(question: str) -> list[tuple[str, int]]:
    """`tokens` with the offset in the NFKC question of the whitespace run each came from."""
    out = []
    for match in re.finditer(r"\S+", unicodedata.normalize("NFKC", question)):
        # "backbone(s)", "model(s)": the plural, as one word
        raw = re.sub(r"(?<=[a-z])\((e?s)\)", r"\1", match.group(0), flags=re.I)
        tok = raw.strip(_STRIP).rstrip(".")
        tok = tok.strip(_STRIP)
        # "Eagle 2's": a digit before the possessive is a name's end too
        if tok.lower().endswith(("'s", "’s")) and (len(tok) > 3 or tok[:-2].isdigit()):
            tok = tok[:-2]
        if not tok:
            continue
        # "Qwen-family", "CLIP-based": the name, then the qualifier as its own word
        found = re.fullmatch(r"(.+?)[-‐](family|based|style|like|series|type|sized)", tok, re.I)
        if found and len(found.group(1)) >= 2:
            out += [(found.group(1), match.start()), (found.group(2), match.start())]
        else:
            out.append((tok, match.start()))
    return out


def strip_parenthetical(label: str) -> str:
    """ "Chicago Face Dataset (CFD)" -> "Chicago Face Dataset"."""
    return re.sub(r"\s*\([^)]*\)\s*", " ", label).strip()


def parenthetical(label: str) -> list[str]:
    """The parenthesised parts of a label: "Chicago Face Dataset (CFD)" -> ["CFD"]."""
    return [p.strip() for p in re.findall(r"\(([^)]*)\)", label) if p.strip()]


def human_number(value: float) -> str:
    """7e9 -> "7B", 2.5e8 -> "250M", 562e9 -> "562B", 1.2e12 -> "1.2T"."""
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= scale:
            number = value / scale
            text = f"{number:.1f}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    return f"{value:g}"

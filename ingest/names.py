"""Canonical keys for merging duplicate names, and URL-safe slugs."""

from __future__ import annotations

import re
import unicodedata

_JOINERS = re.compile(r"[\s\-_‐‑‒–—]+")
_DOT_BETWEEN_DIGITS = re.compile(r"(?<=\d)\.(?=\d)")


def entity_key(name: str) -> str:
    """The key two spellings of one entity share: "LLaMA 3.2-vision" == "Llama 3.2 Vision".

    Case, spaces, hyphens and underscores are ignored; a dot between digits is kept
    ("Qwen2.5" != "Qwen25"), other dots are dropped.
    """
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = _JOINERS.sub("", text)
    text = _DOT_BETWEEN_DIGITS.sub("\x00", text)
    text = text.replace(".", "").replace("\x00", ".")
    return text


def slug(name: str) -> str:
    """A stable, URL-safe slug: "CLIP ViT-L/14" -> "clip-vit-l-14", "VLM²-Bench" -> "vlm2-bench".

    Letters outside ASCII are transliterated when possible and otherwise kept as
    percent-free lowercase word characters; the result is never empty.
    """
    text = unicodedata.normalize("NFKC", name)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    base = ascii_text if re.search(r"[A-Za-z0-9]", ascii_text) else text
    base = base.casefold()
    base = re.sub(r"(?<=\d)\.(?=\d)", "\x00", base)  # "Qwen2.5" -> "qwen2.5", not "qwen2-5"
    base = re.sub(r"[^\w\x00]+", "-", base, flags=re.UNICODE).strip("-_").replace("\x00", ".")
    base = re.sub(r"-{2,}", "-", base)
    if not base:
        base = "x" + "".join(f"{ord(c):x}" for c in name)[:40]
    return base


__all__ = ["entity_key", "slug"]

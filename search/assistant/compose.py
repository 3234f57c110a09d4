"""Markdown building blocks for answers: sentences, lists, tables, sources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from search.assistant._text import human_number
from search.assistant._vocabulary import stopwords
from search.assistant.answer import Citation
from search.assistant.graph import EntityView


def bold(text: str) -> str:
    return f"**{escape(text)}**"


def escape(text: str) -> str:
    """Markdown-safe text: hub names may hold *, _, <, > or |."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`<>|[]":
        out = out.replace(ch, "\\" + ch)
    return out


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conjunction} {items[1]}"
    return ", ".join(items[:-1]) + f", {conjunction} {items[-1]}"


def join_conditions(phrases: Sequence[str]) -> str:
    """The conditions of a list as one phrase that reads well: "not with X" reads
    "without X", and a phrase that another one narrows is left out ("dated 2024" beside
    "dated June 2024": its words, in order, are within the other, and the other's extra
    words do not change its sense, as "after" or "not" would)."""
    said = list(dict.fromkeys(_without(p) for p in phrases if p))
    kept = [p for p in said if not any(other != p and _narrows(other, p) for other in said)]
    # "among the previous answer" names the set the list is drawn from, not a condition of
    # its own: said last, without "and" ("1 model dated 2025 from the previous answer")
    pools = ["from " + p[len("among ") :] for p in kept if p.startswith("among ")]
    conditions = [p for p in kept if not p.startswith("among ")]
    return " ".join(part for part in (join_words(conditions), join_words(pools)) if part)


# words that turn a condition into another one rather than narrowing it
_OPERATORS = frozenset(
    {"after", "before", "since", "until", "not", "no", "without", "or", "later", "earlier"}
    | {"than", "over", "under"}
)


def _without(phrase: str) -> str:
    return "without " + phrase[len("not with ") :] if phrase.startswith("not with ") else phrase


def _narrows(other: str, phrase: str) -> bool:
    """Whether `other` is `phrase` with words added that narrow it."""
    rest, extra = iter(other.split()), []
    for word in phrase.split():
        for candidate in rest:
            if candidate == word:
                break
            extra.append(candidate)
        else:
            return False
    extra += list(rest)
    return bool(extra) and not _OPERATORS & set(extra)


def cite(refs: Iterable[str]) -> str:
    refs = list(dict.fromkeys(refs))
    return f" [{', '.join(_short(r) for r in refs)}]" if refs else ""


def _short(ref: str) -> str:
    """vlm-research-hub.md#L35-L35 -> L35; #L36-L37 -> L36-37."""
    _, _, lines = ref.partition("#")
    start, _, end = lines.partition("-")
    if end and end.lstrip("L") != start.lstrip("L"):
        return f"{start}-{end.lstrip('L')}"
    return start or ref


def sources_block(citations: Sequence[Citation]) -> str:
    if not citations:
        return ""
    lines = ["", "**Sources**"]
    for c in citations:
        where = f" ({escape(c.section)})" if c.section else ""
        link = f" — {c.url}" if c.url else ""
        lines.append(f"- `{c.source}`{where}{link}")
    return "\n".join(lines)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def tokens_text(count: int) -> str:
    """1000000 -> "1,000,000 tokens (1M)", 131072 -> "131,072 tokens", 128000 -> "... (128k)"."""
    if count < 1000 or count % 1000:
        return f"{count:,} tokens"
    short = f"{count // 1000}k" if count < 1_000_000 else human_number(count)
    return f"{count:,} tokens ({short})"


def parameters_text(view: EntityView) -> str | None:
    """The parameter counts as the hub writes them ("7B-14B", "1B to 78B", "3B/7B/72B")
    when the entry's text holds them together, else the values ("3B, 7B")."""
    values = [v for v in view.values("vlm:parameterCount") if v.number]
    if not values:
        return None
    texts = list(dict.fromkeys(v.text for v in view.values("vlm:parameterText")))
    # an entity listed by several sources has a description from each: look in every one
    descriptions = [v.text for v in view.values("dcterms:description")] or [view.description]
    spans = (_span_in(d, texts) for d in descriptions) if texts else iter(())
    written = next((w for w in spans if w), None)
    if written:
        return written
    if len(texts) == 1:
        return texts[0]
    return ", ".join(human_number(v.number or 0) for v in values)


def _span_in(description: str, texts: list[str]) -> str | None:
    """The shortest stretch of `description` holding one occurrence of each of `texts`."""
    import itertools
    import re

    occurrences = []
    for text in texts:
        found = [
            (m.start(), m.end())
            for m in re.finditer(r"(?<![\w.])" + re.escape(text) + r"(?![\w])", description)
        ]
        if not found:
            return None
        occurrences.append(found[:6])
    best: tuple[int, int] | None = None
    for combo in itertools.product(*occurrences):
        start, end = min(s for s, _ in combo), max(e for _, e in combo)
        if best is None or end - start < best[1] - best[0]:
            best = (start, end)
    assert best is not None
    piece = description[best[0] : best[1]]
    if len(piece) > 40 or re.search(r"[.;:]\s", piece):
        return None
    return piece


def model_summary(view: EntityView) -> str:
    """ "decoder-only, 7B; vision encoder MoVQGAN; language backbone LLaMA-2; 2024" """
    parts: list[str] = []
    arch = [v.text for v in view.values("vlm:architecture")]
    params = parameters_text(view)
    head = ", ".join([*arch, *([params + " parameters"] if params else [])])
    if head:
        parts.append(head)
    enc = [v.text for v in view.values("vlm:visionEncoder")]
    if enc:
        parts.append("vision encoder " + join_words(enc))
    llm = [v.text for v in view.values("vlm:languageBackbone")]
    if llm:
        parts.append("language backbone " + join_words(llm))
    years = [v.text for v in view.values("vlm:releaseYear")]
    if years:
        parts.append(" / ".join(years))
    return "; ".join(parts)


def short_description(text: str, limit: int = 180) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


_TERM_STOP = stopwords("key_terms")


def singular(word: str) -> str:
    """A plural English noun's singular ("branches" -> "branch"); other words unchanged."""
    low = word.lower()
    if len(low) <= 3 or not low.endswith("s") or low.endswith(("ss", "us", "is", "ics")):
        return word
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + ("Y" if word[-3].isupper() else "y")
    if low.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def key_terms(texts: Sequence[str], limit: int = 12) -> list[str]:
    """The noun-ish phrases of some passages in singular form, for a "Key terms" line.

    Runs of words between stop words and punctuation: "Using VLMs as agents interfacing
    with specialized output heads" -> "VLM", "agent interfacing", "specialized output head".
    """
    import re

    out: list[str] = []
    for text in texts:
        text = re.sub(r"\([^)]*\)", " ", text)
        for chunk in re.split(r"[,;:.!?()\[\]\"“”/]+", text):
            run: list[str] = []
            for word in [*chunk.split(), ""]:
                if word and word.lower() not in _TERM_STOP and re.search(r"[A-Za-z]", word):
                    run.append(singular(word.strip("'’")))
                    continue
                if run and any(len(w) >= 4 for w in run):
                    term = " ".join(run)
                    if term.lower() not in (t.lower() for t in out):
                        out.append(term)
                run = []
    return out[:limit]

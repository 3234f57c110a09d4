"""Numbers written with magnitude suffixes: parameter counts, sizes, context windows."""

from __future__ import annotations

import re
from functools import cache

from ingest._vocabulary import vocabulary
from ingest.records import ParameterCount, Quantity

_MAGNITUDE = {
    "k": 1e3, "thousand": 1e3,
    "m": 1e6, "million": 1e6, "mn": 1e6,
    "b": 1e9, "billion": 1e9, "bn": 1e9,
    "t": 1e12, "trillion": 1e12,
}  # fmt: skip
_MAG = r"(?:[KMBT]\b|k\b|thousand|million|billion|trillion|bn\b)"
SIZE = re.compile(
    r"(?P<approx>~|≈|about |around |approximately |over |more than )?"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?:\s|-(?=million|billion|trillion))?(?P<mag>"  # 5.6-billion
    + _MAG
    + r")(?P<plus>\+)?"
)


def number(text: str, magnitude: str | None = None) -> float:
    """`text` ("1,203", "0.87") times the magnitude word or letter ("M", "billion")."""
    value = float(text.replace(",", ""))
    if magnitude:
        value *= _MAGNITUDE[magnitude.lower()]
    return value


def _clean(value: float) -> float:
    return float(round(value, 6))


# -- parameter counts -----------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(])")
_PARAM_WORD = re.compile(r"\bparam(?:eter)?s?\b(?: sizes?)?|\bvariants?\b", re.IGNORECASE)
_ALLOWED_AFTER = re.compile(
    r"^\s*(?:$|[-–/&,×x()]|\+|and\b|to\b|or\b|active\b|total\b|activated\b|in total\b"
    r"|params?\b|parameters?\b|variants?\b)",
    re.IGNORECASE,
)
_PART_SIZE = re.compile(
    r"^-\s+(?:[A-Za-z][\w.\-]*\s+){0,4}?(?:vision |visual |image |audio |text |language )?"
    r"(?:encoder|decoder|backbone|tower|llm|language model|projector|adapter)\b",
    re.IGNORECASE,
)
_PRODUCT = re.compile(r"^\s*[x×*]\s*(\d+)\b")
_TRAILING_LABEL = re.compile(r"^\s*\(([^()]*)\)")
_LEADING_LABEL = re.compile(r"([A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*)*)\s*$")


def sentences(text: str) -> list[str]:
    """`text` split into sentences (a period inside a number or name does not split)."""
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


@cache
def _part_after() -> re.Pattern[str]:
    """ "(438M parameter) Vision Transformer": a vision-side part right after the size."""
    return re.compile(r"^\s*\)?\s*(?:[\w-]+\s+){0,2}?" + vocabulary().part_nouns + r"\b")


@cache
def _part_before() -> re.Pattern[str]:
    """ "<part> (ViT) with" right before a size: the size belongs to that part."""
    return re.compile(
        r"\b" + vocabulary().part_nouns + r"(?:\s*\([^()]*\))?\s+(?:with|of|having|containing)"
        r"\s+(?:only\s+)?$"
    )


def _attached(segment: str, start: int) -> bool:
    """True when the size at `start` is part of a name ("Qwen2.5-VL-72B", "Kimi-VL-A3B")."""
    before = segment[:start]
    if re.search(r"\d[KMBT]\s?[-–]\s?$", before):
        return False  # second end of a range "7B-14B"
    return bool(re.search(r"[A-Za-z0-9_.][-–]?$", before))


def _enclosing_paren(segment: str, pos: int) -> int | None:
    depth = 0
    for i in range(pos - 1, -1, -1):
        if segment[i] == ")":
            depth += 1
        elif segment[i] == "(":
            if depth == 0:
                return i
            depth -= 1
    return None


def _counts_in(segment: str, active: bool) -> list[ParameterCount]:
    found: list[ParameterCount] = []
    for match in SIZE.finditer(segment):
        if match.group("mag") in ("k", "thousand") or _attached(segment, match.start("num")):
            continue
        after = segment[match.end() :]
        if not _ALLOWED_AFTER.match(after):
            continue  # "a 400M vision encoder": a size, but not of this model
        if _part_before().search(segment[: match.start()]):
            continue  # "a ViT with approximately 600M parameters": the size of the part
        if vocabulary().part_subject.search(segment[: match.start()]):
            continue  # "the LoRA component itself contains 460 million parameters"
        value = number(match.group("num"), match.group("mag"))
        text = match.group(0).strip()
        variant = None
        paren = _enclosing_paren(segment, match.start())
        if paren is not None:
            if re.search(r"\d\s?" + _MAG + r"\s*$", segment[:paren]):
                continue  # "12B (Pixtral 12B)": the parenthesis labels the size before it
            label = _LEADING_LABEL.search(segment[:paren])
            variant = label.group(1) if label else None
        trailing = _TRAILING_LABEL.match(after)
        if (
            trailing
            and re.search(r"[A-Za-z]{2}", trailing.group(1))
            and not SIZE.search(trailing.group(1)[:0])
        ):
            variant = trailing.group(1).strip()
        product = _PRODUCT.match(after)
        is_active = bool(re.match(r"^\s*(active|activated)\b", after, re.IGNORECASE)) or (
            active and not re.match(r"^\s*(in )?total\b", after, re.IGNORECASE)
        )
        if product:
            # "4.5B x 74": a factor as written, never multiplied out (the hub states no total)
            text = segment[match.start("num") : match.end() + product.end()].strip()
        found.append(ParameterCount(_clean(value), text, variant, is_active, total=not product))
    return found


_FAMILY_SENTENCE = re.compile(
    r"\b(?:family|series|lineup|line-up)\b.*\b(?:includes?|comprises?|contains?|spans?|offers?"
    r"|comes? in|consists of)\b",
    re.I,
)
_SIZED_MODEL = re.compile(
    r"\b(?:an?\s+|the\s+)?(?P<size>~?\d+(?:\.\d+)?\s?[MBT])\s+(?:[\w-]+\s+){0,2}?models?\b"
)
_KEY_VALUE = re.compile(r"\b(?:params|parameters|model size|size)\s*[:=]\s*(?P<v>[^|;]+)", re.I)
_TOTAL = re.compile(r"(?:out of|of|with)?\s*(?P<size>\d+(?:\.\d+)?\s?[KMBT])\b\s+(?:in )?total\b")
_ACTIVE = re.compile(
    r"(?<![\w.-])(?P<size>\d+(?:\.\d+)?\s?[MBT])\s+(?:active|activated)\b(?!\s+\w+\s+of\b)"
)
_SIZED_NOUN = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Ii]ts)\s+(?:(?:single|compact|lightweight|small|large|dense|sparse|"
    r"unified|native)\s+)?(?P<size>\d+(?:\.\d+)?\s?[BT])(?:[- ]param(?:eter)?s?)?\s+"
    r"(?:(?!vision|visual|image|audio|text|language|encoder|projector|llm)[\w-]+\s+){0,2}?"
    r"(?:MoE|mixture-of-experts|mixture of experts|(?:multimodal |vision-language )?models?"
    r"|VLM|MLLM|LMM|transformer)\b"
)
# "a 1T-total, 32B-active decoder": sizes joined to what they count
_JOINED_SIZE = re.compile(
    r"(?<![\w.-])(?P<size>\d+(?:\.\d+)?[MBT])-(?P<kind>total|active|activated)\b", re.I
)
_CLAUSE = re.compile(r"\s*(?:[;|–—]|,(?=\s))\s*")
_SIZES_ONLY = re.compile(
    r"^~?\d+(?:\.\d+)?\s?[MBT](?:\s*(?:/|&|,|-|–|to|and|or)\s*~?\d+(?:\.\d+)?\s?[MBT])*$"
)


def parameter_counts(text: str) -> tuple[ParameterCount, ...]:
    """Every parameter count stated in `text`, one per variant and range end.

    "3B/7B/72B parameters" -> 3e9, 7e9, 72e9; "4.5B x 74" -> 4.5e9 "4.5B x 74" with
    total=False (no product is computed); "Activates only 2.8B parameters" -> 2.8e9 with
    active=True.
    """
    found: list[ParameterCount] = []
    for sentence in sentences(text):
        start = 0
        for keyword in _PARAM_WORD.finditer(sentence):
            segment = sentence[start : keyword.start()]
            start = keyword.end()
            if _PART_SIZE.match(sentence[keyword.start() - 1 : keyword.start()] + sentence[start:]):
                continue  # "a 401M-parameter MoonViT-V2 encoder": the size of a part
            if _part_after().match(sentence[start:]):
                continue  # "a lightweight (438M parameter) Vision Transformer (ViT)"
            active = bool(re.search(r"\bactiv", segment, re.IGNORECASE))
            found.extend(_counts_in(segment, active))
        for total in _TOTAL.finditer(sentence[start:]):
            size = total.group("size")
            found.append(ParameterCount(_clean(number(size[:-1], size[-1])), size))
        sized = list(_SIZED_NOUN.finditer(sentence))
        for match in sized:
            # "A 106B MoE", "an 8B decoder-only model", "a 1T-parameter mixture-of-experts"
            size = match.group("size").replace(" ", "")
            found.append(ParameterCount(_clean(number(size[:-1], size[-1])), match.group("size")))
        if _PARAM_WORD.search(sentence) or _TOTAL.search(sentence) or sized:
            # "2.8T total parameters with 64B active": the active count after the keyword
            for match in _ACTIVE.finditer(sentence[start:]):
                size = match.group("size").replace(" ", "")
                value = _clean(number(size[:-1], size[-1]))
                found.append(ParameterCount(value, match.group("size"), active=True))
    for sentence in sentences(text):
        if vocabulary().not_parameter_words.search(sentence):
            continue  # "a 2T-total token budget": a size of the data
        for match in _JOINED_SIZE.finditer(sentence):
            size = match.group("size")
            value = _clean(number(size[:-1], size[-1]))
            active = match.group("kind").lower() != "total"
            found.append(ParameterCount(value, size, active=active))
    for sentence in sentences(text):
        if _FAMILY_SENTENCE.search(sentence):
            # "The family includes a 600M perception model and a 300M OCR model."
            for match in _SIZED_MODEL.finditer(sentence):
                size = match.group("size").replace(" ", "").lstrip("~")
                found.append(
                    ParameterCount(_clean(number(size[:-1], size[-1])), match.group("size"))
                )
    for match in _KEY_VALUE.finditer(text):
        found.extend(parameter_cell(match.group("v")))
    for sentence in sentences(text):
        if vocabulary().not_parameter_words.search(sentence):
            continue  # "token totals of 2T, 4T, 12T": sizes, but of the data
        for clause in _CLAUSE.split(sentence):
            # "Decoder-only; 3B/7B/72B; ViT encoder": a clause of sizes alone is the model's
            if _SIZES_ONLY.match(clause.strip().rstrip(".")):
                found.extend(parameter_cell(clause))
        for listing in _SIZE_LIST.finditer(sentence):
            found.extend(parameter_cell(listing.group("list") or listing.group("after")))
    # "128K" is a context, not a model's size (a "0B" stays, for the build to report)
    return _unique([c for c in found if not 0 < c.value < 1e6])


def _unique(counts: list[ParameterCount]) -> tuple[ParameterCount, ...]:
    """`counts` without repeats; a count without a variant is dropped when one with a variant
    states the same number ("12B (Pixtral 12B)" read twice)."""
    labelled = {(c.value, c.active) for c in counts if c.variant is not None}
    kept = [c for c in counts if c.variant is not None or (c.value, c.active) not in labelled]
    return tuple(dict.fromkeys(kept))


_MOE_ACTIVE = re.compile(r"^[-–]A(?P<num>\d+(?:\.\d+)?)(?P<mag>[KMBT])\b")


def parameter_cell(text: str) -> tuple[ParameterCount, ...]:
    """Parameter counts of a table cell: "1B/4B/12B", "8B-24B", "333B (4.5B×74)", "Varies".

    A factor ("4.5B×74") is kept as written with total=False; "104B active" is active.
    """
    found: list[ParameterCount] = []
    for match in SIZE.finditer(text):
        if _attached(text, match.start("num")) and not re.search(
            r"[(×x/]\s*$", text[: match.start("num")]
        ):
            continue
        after = text[match.end() :]
        value = number(match.group("num"), match.group("mag"))
        product = _PRODUCT.match(after)
        written = match.group(0).strip()
        if product:
            written = text[match.start("num") : match.end() + product.end()].strip()
        active = bool(re.match(r"^\s*(?:active|activated)\b", after, re.I))
        found.append(ParameterCount(_clean(value), written, active=active, total=not product))
        moe = _MOE_ACTIVE.match(after)
        if moe:  # "397B-A17B", "30B-A3B": total, then the active count after "A"
            active_value = _clean(number(moe.group("num"), moe.group("mag")))
            found.append(ParameterCount(active_value, moe.group(0)[2:], active=True))
    unique: dict[tuple[float, bool, bool], ParameterCount] = {}
    for count in found:
        unique.setdefault((count.value, count.active, count.total), count)
    return tuple(unique.values())


# -- sizes, context windows -------------------------------------------------------------


@cache
def _unit_pattern() -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in vocabulary().size_units)
    return re.compile(
        r"(?P<approx>~|over |more than |about )?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s?(?P<mag>"
        + _MAG
        + r")?(?P<plus>\+)?\s+(?P<mods>(?:[\w/'-]+\s+){0,4}?)(?P<unit>"
        + units
        + r")\b",
        re.IGNORECASE,
    )


def sizes(text: str) -> tuple[Quantity, ...]:
    """Sizes with units: "328K images" -> Quantity(328000, "images", "328K images")."""
    found: list[Quantity] = []
    for match in _unit_pattern().finditer(text):
        if _attached(text, match.start("num")):
            continue
        value = number(match.group("num"), match.group("mag"))
        if value < 10 and not match.group("mag"):
            continue  # "5 captions" per image is a detail, not the size of the dataset
        if re.match(r"^\s*each\b", text[match.end() :]):
            continue
        unit = match.group("unit").lower()
        mods = match.group("mods").lower().split()
        if unit == "pairs" and mods and "-" in mods[-1]:
            unit = f"{mods[-1]} pairs"  # "image-text pairs" with adjectives in front
        found.append(Quantity(_clean(value), unit, match.group(0).strip()))
    return tuple(found)


_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twelve": 12, "sixteen": 16, "thirty-two": 32, "sixty-four": 64,
}  # fmt: skip


@cache
def _model_unit_pattern() -> re.Pattern[str]:
    units = "|".join(f"(?P<u{i}>{regex})" for i, (_, regex) in enumerate(vocabulary().model_units))
    words = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
    return re.compile(
        r"(?<![\w.,])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|" + words + r")(?:\s+of\s+\d+)?"
        r"\s+(?:[a-z][\w-]*\s+){0,2}?(?:" + units + r")\b",
        re.IGNORECASE,
    )


def model_quantities(text: str) -> tuple[Quantity, ...]:
    """Counted parts a description states: "93 layers", "16 of 896 routed experts" (the
    first number), "up to 3,600 visual tokens", "128 A100 GPUs" (unit "GPUs", text kept)."""
    names = [name for name, _ in vocabulary().model_units]
    found: list[Quantity] = []
    for match in _model_unit_pattern().finditer(text):
        unit = next(names[i] for i in range(len(names)) if match.group(f"u{i}"))
        raw = match.group("num").lower()
        value = float(_WORD_NUMBERS[raw]) if raw in _WORD_NUMBERS else number(raw)
        found.append(Quantity(_clean(value), unit, match.group(0).strip()))
    return tuple(dict.fromkeys(found))


def size_cell(text: str) -> tuple[Quantity, ...]:
    """Sizes of a table cell: "5.8B image-text" -> 5.8e9 "image-text"; "3M/12M" -> two sizes."""
    with_units = sizes(text)
    if with_units:
        return with_units
    found: list[Quantity] = []
    for match in SIZE.finditer(text):
        tail = re.match(r"\+?\s*([A-Za-z][\w-]*)?", text[match.end() :])
        unit = (tail.group(1) if tail and tail.group(1) else "items").lower()
        if re.fullmatch(r"[a-z]+-(?:text|caption)s?", unit):
            unit = f"{unit} pairs"  # "5.8B image-text" in a Size column
        value = number(match.group("num"), match.group("mag"))
        found.append(Quantity(_clean(value), unit, match.group(0).strip()))
    return tuple(found)


_CONTEXT = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s?(?P<mag>[kKmM])?[- ]?(?:tokens?[- ])?"
    r"(?:\w+[- ])?contexts?\b",
)
_UP_TO_TOKENS = re.compile(
    r"(?i:sequence|context|input)[\w\s]{0,30}?(?:up to|of|to|reach(?:es|ing)?|extends? to)\s+"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|one|two|four|eight|ten)\s?(?P<mag>[kKmM]\b|million)?"
    r"[\s-]*tokens"
)
_SIZE_RUN = r"(?P<list>(?:~?\d[\d.]*\s?[BMT]\b(?:,\s*|,?\s+(?:and|or)\s+))+~?\d[\d.]*\s?[BMT]\b)"
# "comes in 1B, 4B, 12B and 27B sizes"; "four sizes (1B, 4B, 12B and 27B)", "three sizes: 3B,
# 7B and 72B"
_SIZE_LIST = re.compile(
    _SIZE_RUN + r"\s+(?:sizes?|versions?|scales)\b"
    r"|\b(?:sizes?|versions?|scales|variants)\s*(?::|\(|—|–)\s*"
    + _SIZE_RUN.replace("list", "after")
)
# "Its context window is 128k tokens"
_CONTEXT_IS = re.compile(
    r"\bcontext(?: windows?| lengths?| sizes?)?\s+(?:is|was)\s+(?:up to\s+)?"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s?(?P<mag>[kKmM])?\b[\s-]*tokens",
    re.I,
)
_NUMBER_WORDS = {"one": 1, "two": 2, "four": 4, "eight": 8, "ten": 10}


_CONTEXT_REACHES = re.compile(
    r"\bcontext(?: windows?| lengths?)?\s+(?:to|reach(?:es)?|extends? to|of up to|up to)\s+"
    r"(?P<num>\d+(?:\.\d+)?)\s?(?P<mag>[kKmM])\b(?:\s+or\s+(?P<num2>\d+(?:\.\d+)?)\s?(?P<mag2>[kKmM])\b)?",
    re.I,
)


def context_window(text: str) -> int | None:
    """Context length in tokens: "128k-token context window" -> 128000, "up to 4,096 tokens";
    "context windows reach 128K or 256K" -> the largest, 256000."""
    reaches = _CONTEXT_REACHES.search(text)
    if reaches:
        values = [number(reaches.group("num"), reaches.group("mag"))]
        if reaches.group("num2"):
            values.append(number(reaches.group("num2"), reaches.group("mag2")))
        return int(max(values))
    for pattern in (_CONTEXT, _UP_TO_TOKENS, _CONTEXT_IS):
        match = pattern.search(text)
        if match and match.group("num") in _NUMBER_WORDS:
            # "contexts up to one million tokens"
            return int(number(str(_NUMBER_WORDS[match.group("num")]), match.group("mag")))
        if match:
            return int(number(match.group("num"), match.group("mag")))
    return None

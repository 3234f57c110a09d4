"""Names a write-up sentence enumerates: the datasets it was trained on ("supported by
datasets such as RefCOCO, WebLI, CC3M-35L") and the benchmarks it was evaluated on
("evaluated on MathVista, DocVQA and MTVQA"). Cues are data (`mentions.yaml`,
`enumerations`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest._components import split_list
from ingest._data import load_yaml
from ingest._numbers import number, sentences
from ingest.records import ParameterCount

# A list runs to the end of its clause: a sentence end, ";", a closing bracket, or a verb
# phrase that starts the rest of the sentence ("..., and GRIT play a crucial role").
_LIST_END = re.compile(
    r"[;)—–]|\.\s|\.$|\s+(?:for|to|which|that|where|play|plays|are|is|were|was|serve|serves|"
    r"provid\w*|demonstrat\w*|showcas\w*|enabl\w*|with|from|in order)\b"
)
_NAME = re.compile(r"[A-Z0-9]")


@dataclass(frozen=True)
class _Cues:
    data_after: re.Pattern[str]
    data_before: re.Pattern[str]
    benchmarks_after: re.Pattern[str]
    not_names: frozenset[str]
    quantity_words: frozenset[str]
    max_words: int


@cache
def _cues() -> _Cues:
    data = load_yaml("mentions.yaml")["enumerations"]
    return _Cues(
        data_after=re.compile(data["data_after"], re.I),
        data_before=re.compile(data["data_before"], re.I),
        benchmarks_after=re.compile(data["benchmarks_after"], re.I),
        not_names=frozenset(data["not_names"]),
        quantity_words=frozenset(data["quantity_words"]),
        max_words=int(data["max_words"]),
    )


def _is_name(item: str) -> bool:
    """ "CC3M-35L", "Visual Genome", "LLaVA-158k": not "various VQA" or "image-text pairs"."""
    words = item.split()
    if not words or len(words) > _cues().max_words:
        return False
    first = words[0][:1]
    if words[0] in _cues().not_names or not (first.isupper() or first.isdigit()):
        return False
    return all(_NAME.search(w) for w in words)


def _trailing_name(phrase: str) -> str:
    """The name that ends a phrase: "a newly curated Mantis-Eval" -> "Mantis-Eval"; none
    after a word of quantity ("various VQA")."""
    words = phrase.split()
    start = len(words)
    while start > 0 and _NAME.search(words[start - 1]) and len(words) - start < _cues().max_words:
        start -= 1
    while start < len(words) and not words[start][:1].isupper() and not words[start][:1].isdigit():
        start += 1
    if start < len(words) and words[start] in _cues().not_names:
        start += 1  # "The dataset", "These datasets"
    if start == len(words):
        return ""
    if start > 0 and words[start - 1].lower() in _cues().quantity_words:
        return ""
    return " ".join(words[start:])


def _items(listing: str) -> list[str]:
    """The names of a listing, each without "the" or a trailing "dataset"; the last item
    may end in a name after other words ("and a newly curated Mantis-Eval dataset")."""
    out = []
    parts = split_list(listing)
    for index, part in enumerate(parts):
        part = re.sub(r"^(?:the|and|or)\s+", "", part.strip(), flags=re.I)
        # "PALO 150K instruction-tuning dataset": the name before what the data is for
        noun = re.search(
            r"(?:\s+(?-i:[a-z][\w-]*)){0,2}\s+(?:data\s?sets?|benchmarks?)$", part, flags=re.I
        )
        part = part[: noun.start()] if noun else part
        part = re.sub(r"\s*\([^()]*\)$", "", part).strip(" ,.")
        if _is_name(part):
            out.append(part)
        elif (noun or index == len(parts) - 1) and _trailing_name(part):
            out.append(_trailing_name(part))
    return out


def _listing_after(sentence: str, start: int) -> str:
    rest = sentence[start:]
    end = _LIST_END.search(rest)
    return rest[: end.start()] if end else rest


def _after(sentence: str, cue: re.Pattern[str], brackets: bool = False) -> list[str]:
    """The names listed right after each match of `cue`, and the names in brackets of a
    listing ("multi-discipline reasoning (MMMU, MMMU-Pro), documents (DocVQA)")."""
    found = []
    for match in cue.finditer(sentence):
        listing = _listing_after(sentence, match.end())
        found += _items(listing)
        if not (brackets or match.group(0).rstrip().endswith("(")):
            continue  # "datasets (A, B) and X (C, D)": the listing goes on in brackets
        tail = sentence[match.end() :]
        for group in re.finditer(r"\(([^()]+)\)", tail[: max(len(listing) + 200, 0)]):
            if group.start() > 400:
                break
            found += _items(group.group(1))
    return found


def _before(sentence: str) -> list[str]:
    """ "LAION-400M, LAION-5B, and GRIT datasets", "the curated MANTIS-INSTRUCT dataset":
    the name before the noun, and the names listed before it."""
    found = []
    for match in _cues().data_before.finditer(sentence):
        if re.match(r"\**:", sentence[match.end() :]):
            continue  # "**Instruction Tuning Dataset:**": a label, its words name no data
        head = sentence[: match.start("last")] + match.group("last")
        start = max(head.rfind(";"), head.rfind(". "), head.rfind(":"), head.rfind("("))
        parts = split_list(head[start + 1 :])
        if not parts:
            continue
        last = _trailing_name(parts[-1])
        if not last:
            continue
        names = [last]
        for part in reversed(parts[:-1]):
            part = re.sub(r"^(?:the|and|or)\s+", "", part.strip(), flags=re.I)
            if not _is_name(part):
                # "trained on the COCO, Visual Genome and X datasets" -> COCO; in a pair
                # ("using SigLIP and the X corpus") the first name is not said to be data
                first = _trailing_name(part) if len(names) >= 2 else ""
                names[:0] = [first] if first else []
                break
            names.insert(0, part)
        found += names
    return found


def enumerated(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(datasets, benchmarks) the sentences of `text` enumerate, in order of appearance."""
    data: list[str] = []
    benchmarks: list[str] = []
    cues = _cues()
    for sentence in sentences(text):
        named_benchmarks = _after(sentence, cues.benchmarks_after, brackets=True)
        # "datasets, including captioning (COCO, CC3M), VQA (VQAv2)": names in brackets too
        named_data = _after(sentence, cues.data_after, brackets=True) + _before(sentence)
        benchmarks += named_benchmarks
        data += [n for n in named_data if n not in named_benchmarks]
    return tuple(dict.fromkeys(data)), tuple(dict.fromkeys(benchmarks))


_SIZE = r"\d+(?:\.\d+)?[BM](?:-A\d+(?:\.\d+)?[BM])?(?:-class)?-?"


@cache
def _release_sizes() -> re.Pattern[str]:
    data = load_yaml("mentions.yaml")["release_sizes"]
    gap = int(data["gap_words"])
    return re.compile(
        r"(?<![\w.\-])(?P<list>" + _SIZE + r"(?:(?:,\s*|,?\s+(?:and|or)\s+)" + _SIZE + r")+)"
        r"(?:\s+[\w-]+){0," + str(gap) + r"}?\s+" + data["nouns"] + r"\b"
    )


def release_sizes(text: str) -> tuple[ParameterCount, ...]:
    """The sizes of a model's releases a sentence lists before a release noun: "in 1.2B,
    2.7B, and 7B variants" -> 1.2e9, 2.7e9, 7e9; "30B-A3B" gives 30e9 and 3e9 active."""
    found: list[ParameterCount] = []
    for match in _release_sizes().finditer(text):
        for size in re.finditer(_SIZE, match.group("list")):
            written = size.group(0).rstrip("-").removesuffix("-class")
            total, _, active = written.partition("-A")
            found.append(ParameterCount(number(total[:-1], total[-1]), written))
            if active:
                value = number(active[:-1], active[-1])
                found.append(ParameterCount(value, written, active=True))
    return tuple(dict.fromkeys(found))

"""Benchmarks a write-up says its model was evaluated on: names a sentence lists after a
benchmark cue ("evaluated on a suite of benchmarks (MMMU, MathVista)"), and names of the
curated vocabulary (`benchmarks.yaml`) in a clause about evaluation ("achieves 72.4% on
Video-MME", "outperforms Y on ChartQA"), with the score stated right before the name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ingest._data import load_yaml
from ingest._enumerations import enumerated
from ingest._numbers import sentences
from ingest.names import entity_key
from ingest.records import Mention


@dataclass(frozen=True)
class _Vocabulary:
    names: re.Pattern[str]
    before: re.Pattern[str]
    after: re.Pattern[str]
    training: re.Pattern[str]
    score_before: re.Pattern[str]


@cache
def _vocabulary() -> _Vocabulary:
    data = load_yaml("benchmarks.yaml")
    names = sorted({str(n) for n in data["names"]}, key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    return _Vocabulary(
        names=re.compile(r"(?<![\w\-])(?:" + alternation + r")(?![\w\-]|\+)"),
        before=re.compile(data["evaluation_before"], re.I),
        after=re.compile(data["evaluation_after"], re.I),
        training=re.compile(data["training_between"], re.I),
        score_before=re.compile(load_yaml("mentions.yaml")["score_before"], re.I),
    )


def benchmark_name(text: str) -> bool:
    """True when `text` is a benchmark name of the curated vocabulary ("MMMU", "DocVQA")."""
    return bool(_vocabulary().names.fullmatch(text.strip()))


def _clause_before(sentence: str, start: int) -> str:
    before = sentence[:start]
    return before[before.rfind(";") + 1 :]


def _about_evaluation(sentence: str, start: int, end: int) -> bool:
    """True when the clause around a name speaks of evaluating on it, not of training."""
    words = _vocabulary()
    before = _clause_before(sentence, start)
    cues = list(words.before.finditer(before))
    if cues and not words.training.search(before[cues[-1].end() :]):
        return True
    rest = sentence[end:]
    rest = rest[: rest.find(";")] if ";" in rest else rest
    return bool(words.after.search(rest)) and not words.training.search(before[-40:])


def _score(sentence: str, start: int) -> str | None:
    found = _vocabulary().score_before.search(sentence[:start])
    return found.group("score").replace(" ", "") if found else None


def evaluated_on(text: str) -> tuple[Mention, ...]:
    """The benchmarks `text` says its model was evaluated on, in order, each once: a
    `Mention` with relation evaluated_on, the score stated before it, and its sentence."""
    found: dict[str, Mention] = {}
    for sentence in sentences(text):
        _, listed = enumerated(sentence)
        hits = [(sentence.find(n), n) for n in listed]
        for match in _vocabulary().names.finditer(sentence):
            if _about_evaluation(sentence, match.start(), match.end()):
                hits.append((match.start(), match.group(0)))
        for start, name in sorted(hits):
            if start < 0 or entity_key(name) in found:
                continue
            mention = Mention(name, "evaluated_on", _score(sentence, start), sentence)
            found[entity_key(name)] = mention
    return tuple(found.values())


def stated_as_data(text: str, names: Iterable[str]) -> set[str]:
    """Keys of those of `names` a sentence of `text` speaks of as data outside a clause
    about evaluation: listed as data ("datasets including COCO and VQAv2") or named after a
    training word ("trained on PlotText and DocVQA"); not "the ScienceQA dataset, used to
    assess"."""
    words = _vocabulary()
    keys = set()
    for sentence in sentences(text):
        listed = {entity_key(n) for n in enumerated(sentence)[0]}
        for name in names:
            for match in re.finditer(r"(?<![\w\-])" + re.escape(name) + r"(?![\w\-])", sentence):
                if _about_evaluation(sentence, match.start(), match.end()):
                    continue
                before = _clause_before(sentence, match.start())
                if entity_key(name) in listed or words.training.search(before):
                    keys.add(entity_key(name))
    return keys

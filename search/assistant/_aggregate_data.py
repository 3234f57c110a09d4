"""The language and the shapes of aggregate questions, read from aggregates.yaml."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from search.assistant._text import words
from search.assistant._vocabulary import curated, stopwords, vocabulary


@dataclass(frozen=True)
class Dimension:
    """What is grouped by: a property of the counted entities and how its values group."""

    name: str
    predicate: str
    grouping: str  # family | label | literal | year
    noun: str
    classes: tuple[str, ...]  # the classes it applies to, the default first
    value_class: str | None = None  # the class its values belong to ("backbones")
    value_types: tuple[str, ...] = ()  # classes of its values ("what share are decoder-only")
    leader: tuple[str, str] = ("most common", "least common")  # the first and last group
    stated: str | None = None  # how counted entities have it ("listed under a section")


@dataclass(frozen=True)
class Measure:
    """A number whose yearly median a trend shows (parameter count, context window)."""

    name: str
    predicate: str
    text_predicate: str | None  # the hub's own wording of each value
    noun: str
    unit: str  # parameters | tokens


@dataclass(frozen=True)
class AggregateQuestion:
    """An aggregate question: its kind, what it groups by or measures, and its scope."""

    kind: str  # rank | distribution | trend | average | summary
    dimension: Dimension | None = None
    measure: Measure | None = None
    counted: str = "Model"
    order: str = "most"  # most | least
    top: int | None = None
    years: tuple[tuple[str, int], ...] = ()
    sections: tuple[tuple[str, str], ...] = ()  # (section IRI, heading)
    values: tuple[tuple[str, str], ...] = ()  # (entity or value IRI, label)
    # the dimension each value is a value of ("architecture" for decoder-only), "" unknown
    value_dimensions: tuple[str, ...] = ()
    # classes to count instead when `counted` (not named by the question) has no values
    alternatives: tuple[str, ...] = ()
    claim: tuple[str, str] | None = None  # (IRI, label) a yes/no question says leads


@cache
def data() -> dict[str, Any]:
    """The parsed aggregates.yaml."""
    return curated("aggregates.yaml")


@cache
def dimensions() -> dict[str, tuple[Dimension, tuple[str, ...]]]:
    """Each dimension with its phrases (its vocabulary attribute's phrases, plurals too)."""
    attributes = vocabulary()["attributes"]
    out = {}
    for name, spec in data()["dimensions"].items():
        phrases = list(spec.get("phrases") or ())
        if spec.get("attribute"):
            phrases += attributes[spec["attribute"]]["phrases"]
        dimension = Dimension(
            name,
            spec["predicate"],
            spec["grouping"],
            spec["noun"],
            tuple(spec["classes"]),
            spec.get("value_class"),
            tuple(spec.get("value_types") or ()),
            tuple(spec.get("leader") or ("most common", "least common")),
            spec.get("stated"),
        )
        out[name] = (dimension, with_plurals(phrases))
    return out


def dimension(name: str) -> Dimension:
    return dimensions()[name][0]


@cache
def measures() -> dict[str, tuple[Measure, tuple[str, ...]]]:
    """Each measure with its phrases."""
    out = {}
    for name, spec in data()["measures"].items():
        measure = Measure(
            name, spec["predicate"], spec.get("text_predicate"), spec["noun"], spec["unit"]
        )
        out[name] = (measure, with_plurals(spec["phrases"]))
    return out


def with_plurals(phrases: Iterable[str]) -> tuple[str, ...]:
    """Each phrase in `words` form, followed by its plural ("family" -> "families")."""
    out: list[str] = []
    for phrase in phrases:
        phrase = words(phrase)
        plural = phrase[:-1] + "ies" if phrase.endswith("y") else phrase + "s"
        out += [phrase, plural]
    return tuple(dict.fromkeys(out))


@cache
def filler() -> frozenset[str]:
    """Words an aggregate question may hold without changing what is counted."""
    return frozenset(data()["filler"].split()) | stopwords("content")


def plural(class_name: str) -> str:
    """ "Model" -> "models", as the answers say it."""
    nouns: dict[str, str] = data()["class_plurals"]
    return nouns.get(class_name, class_name.lower() + "s")


def singular(class_name: str) -> str:
    """ "Model" -> "model", "Entry" -> "entry" """
    noun = plural(class_name)
    return noun[:-3] + "y" if noun.endswith("ies") else noun.removesuffix("s")


def article(word: str) -> str:
    """ "a model", "an entry" """
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def plural_noun(noun: str, count: int = 2) -> str:
    """ "vision encoder family" -> "vision encoder families" (when count is not 1)."""
    if count == 1:
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"

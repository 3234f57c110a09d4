"""Small rules the answerers share: how questions name things, scoping, wording."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from ingest._tables import column_meaning
from search.assistant._dates import rank_text
from search.assistant._text import human_number, tokens, words
from search.assistant._vocabulary import stopwords, vocabulary
from search.assistant.answer import Answer
from search.assistant.compose import (
    short_description,
    singular,
)
from search.assistant.conditions import abbreviations
from search.assistant.extract import explains
from search.assistant.graph import EntityView, GraphReader
from search.assistant.lexicon import LexEntity, Lexicon
from search.assistant.understand import (
    SUBJECT_TYPES,
    Attribute,
    Intent,
    class_nouns,
    of_a_thing,
    phrase_positions,
    vocabulary_words,
)

if TYPE_CHECKING:
    from search.assistant.passages import Passage

_CONTENT_STOP = stopwords("content")
_CONDITION_STOP = stopwords("condition")


@dataclass
class Context:
    """What a chat session remembers between questions."""

    subjects: list[str] = field(default_factory=list)  # IRIs the last answer was about
    entities: list[str] = field(default_factory=list)  # IRIs of the last answer set
    target_class: str | None = None


@cache
def _class_words() -> frozenset[str]:
    """Content words of the class nouns ("benchmark", "dataset"...): not evidence."""
    return frozenset(w for n in class_nouns() for w in _content_words(n))


def _content_words(text: str) -> set[str]:
    out = set()
    for w in re.findall(r"[a-z0-9]+", words(text)):
        if len(w) >= 4 and w not in _CONTENT_STOP:
            out.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return out


def unknown_names(intent: Intent) -> list[str]:
    """Name-like tokens of the question that the graph does not know ("MiniGPT-4")."""
    toks = tokens(intent.question)
    covered = {i for m in intent.mentions for i in range(m.start, m.end)}
    covered |= set(intent.extra.get("excluded_tokens", ()))
    known_words = vocabulary_words() | _CONDITION_STOP
    # "... a Qwen vision-language model? Include only ...": a capital that starts a sentence
    starts = {w.lower() for w in re.findall(r"(?:^|[.?!:;]\s+)([A-Za-z]+)", intent.question)}
    # the words of a heading the question scopes to ("the docs/charts/OCR board")
    scoped = (
        {w for p in intent.extra.get("scope_words", ()) for w in words(p).split()}
        if intent.extra.get("scopes")
        else set()
    )
    out = []
    for i, tok in enumerate(toks):
        if i in covered:
            continue
        if scoped and set(words(tok.replace("/", " ")).split()) <= scoped:
            continue
        w = words(tok)
        if not w or w in known_words or w in _CONTENT_STOP:
            continue
        if tok.isupper() and w in abbreviations():
            continue  # "RL": reinforcement learning, said in the list's words
        has_digit = any(c.isdigit() for c in tok) and any(c.isalpha() for c in tok)
        inner_caps = any(c.isupper() for c in tok[1:])
        # "Don't count ...": the contraction starts a sentence as its first word does
        capital = tok[:1].isupper() and i > 0 and w.split()[0] not in starts
        if has_digit or inner_caps or capital:
            quantity = r"[~≈]?\d+(?:[.,]\d+)?(?:[kmbt]|%|x|×|gb|ms)?(?:-[a-z]+)?"
            if re.fullmatch(r"\d{4}|" + quantity, tok.lower()):
                continue  # a year or a quantity ("2.8B", "60%"), not a name
            out.append(tok)
    return out


def _narrows_previous(intent: Intent, context: Context) -> bool:
    """ "which of those are decoder-only?" after a list: filter the previous answer set."""
    if not (intent.refers_back and len(context.entities) > 1) or intent.kind in (
        "list",
        "count",
        "compare",
    ):
        return False
    values = [
        m
        for m in intent.mentions
        if m.of_type("Architecture", "VisionEncoder", "LanguageModel", "Section", "Category")
    ]
    subjects = [m for m in intent.mentions if m.of_type(*SUBJECT_TYPES)]
    return bool(values or intent.years or intent.numbers) and not subjects


def _first_attribute(intent: Intent) -> Attribute | None:
    """The most specific attribute that applies to a named entity (else the first)."""
    named = [e for m in intent.mentions for e in m.entities]
    for attr in intent.attributes:
        if not attr.domain or any(e.is_a(*attr.domain) for e in named):
            return attr
    return intent.attributes[0] if intent.attributes else None


def _fits(attr: Attribute, entity: LexEntity) -> bool:
    ranges = {
        "vision_encoder": ("VisionEncoder",),
        "language_backbone": ("LanguageModel",),
        "component": ("PretrainedComponent", "AudioEncoder", "VisionEncoder", "LanguageModel"),
        "based_on": ("Model", "LanguageModel"),
        "architecture": ("Architecture",),
    }
    return entity.is_a(*ranges.get(attr.name, ()))


def _paths_for(entity: LexEntity, attr: Attribute | None) -> list[str]:
    if (
        attr
        and attr.value == "entity"
        and attr.name
        in ("vision_encoder", "language_backbone", "component", "based_on", "architecture")
        and _fits(attr, entity)
    ):
        if attr.name == "component":
            return ["vlm:component", "vlm:visionEncoder", "vlm:languageBackbone"]
        return [attr.property]
    if entity.is_a("Architecture"):
        return ["vlm:architecture"]
    if entity.is_a("VisionEncoder"):
        return ["vlm:visionEncoder"]
    if entity.is_a("LanguageModel"):
        return ["vlm:languageBackbone", "vlm:basedOn"]
    return ["vlm:component"]


def _relation_words(paths: tuple[str, ...], labels: str) -> str:
    """ "using Vicuna (or a member of its family) as language backbone" """
    family = " (or a model of that family)"
    return {
        "vlm:visionEncoder": f"using {labels}{family} as vision encoder",
        "vlm:languageBackbone": f"using {labels}{family} as language backbone",
        "vlm:architecture": f"with the {labels} architecture",
        "vlm:component": f"using {labels} as a pretrained component",
        "vlm:basedOn": f"based on {labels}",
        "vlm:table": f"in the table {labels}",
        "vlm:trainedOn": f"trained or fine-tuned on {labels}",
        "vlm:outperforms": f"said to outperform {labels}",
        "vlm:evaluatedOn": f"evaluated on {labels}",
        "vlm:memberOf": f"named in the entry {labels}",
    }.get(paths[0], f"related to {labels}")


def _value_words(curie: str, value: str) -> str:
    return {
        "vlm:organization": f"by {value}",
        "dcterms:license": f"under the {value} license",
        "vlm:language": f"supporting {value}",
    }.get(curie, f"with {value}")


def _relation_noun(path: str) -> str:
    return {
        "vlm:visionEncoder": "vision encoder",
        "vlm:languageBackbone": "language backbone",
        "vlm:architecture": "architecture",
        "vlm:component": "pretrained components",
        "vlm:basedOn": "base model",
    }.get(path, "related entities")


def _number_text(prop: str, value: float) -> str:
    if prop == "dcterms:date":
        return rank_text(value)
    if prop == "vlm:contextWindow":
        return f"{int(value):,} tokens"
    if prop == "vlm:releaseYear":
        return str(int(value))
    if prop in ("vlm:languageCount",):
        return f"{int(value)} languages"
    if prop == "vlm:parameterCount":
        return f"{human_number(value)} parameters"
    return human_number(value)


_OP_WORDS = {"=": "", ">": "over ", "<": "under ", ">=": "at least ", "<=": "at most "}


def _year_words(op: str, year: int) -> str:
    return {
        "=": f"dated {year}",
        ">": f"dated after {year}",
        "<": f"dated before {year}",
        ">=": f"dated {year} or later",
        "<=": f"dated {year} or earlier",
    }[op]


def _number_path(
    number, attr: Attribute | None, target: str | None = None
) -> tuple[str | None, str]:
    if number.unit == "tokens" or (attr and attr.name == "context_window"):
        return "vlm:contextWindow", "a context window of"
    if target == "Dataset" or (attr and attr.name == "size"):
        return "vlm:size/vlm:value", "a size of"
    if number.unit == "params" or (attr and attr.name in ("parameters", "active_parameters")):
        if number.op == "=":
            # "fires up 2.8B params": a total or an active parameter count
            return "(vlm:parameterCount|vlm:activeParameterCount)", "a variant or active part of"
        return "vlm:parameterCount", "a variant of"
    return None, ""


def _quantity_words(path: str, value: float) -> str:
    if path == "vlm:contextWindow":
        return f"{int(value):,} tokens"
    if "parameterCount" in path:
        return f"{human_number(value)} parameters"
    return human_number(value)


def _is_row_class(name: str) -> bool:
    return name in (
        "TableRow",
        "EthicalChallenge",
        "CompressionTechnique",
        "EmbodiedTask",
        "PrivacyImpact",
    )


def _sections_for(
    sections: list[LexEntity], intent: Intent, reader: GraphReader
) -> list[LexEntity]:
    """Sections that scope the answer: drop one whose title merely repeats the class noun
    ("benchmarks" naming the Benchmarks heading) unless the question says section/heading."""
    out = []
    scoped = bool(
        re.search(
            r"\b(section|heading|under|category|listed|table|group|part)\b", words(intent.question)
        )
    )
    for s in sections:
        if words(s.label) in class_nouns() and not scoped:
            continue
        out.append(s)
    return out


def _prefer_scope(
    candidates: list[LexEntity], intent: Intent, reader: GraphReader
) -> list[LexEntity]:
    """Among same-named entities, prefer the one whose type the question names
    ("... in the compression table" -> the table row, "toolkit" -> the tool)."""
    if len(candidates) <= 1:
        return candidates
    text = words(intent.question)
    cues = {
        "TableRow": ("table", "row", "rows"),
        "Tool": ("tool", "tools", "toolkit"),
        "Dataset": ("dataset", "datasets", "data"),
        "Benchmark": ("benchmark", "benchmarks"),
        "Model": ("model", "models", "vlm"),
        "VisionEncoder": ("encoder", "vision"),
        "LanguageModel": ("llm", "language model", "backbone"),
    }
    scored = []
    for i, c in enumerate(candidates):
        score = sum(
            1
            for t, ws in cues.items()
            if c.is_a(t)
            # "rows of patch tokens" are no table's rows
            and any(not of_a_thing(text, at, w) for w in ws for at in phrase_positions(text, w))
        )
        scored.append((-score, i, c))
    return [c for _, _, c in sorted(scored)]


def _matching_columns(intent: Intent, cells: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (column, value) cells whose header the question names ("prevalence", "VRAM")."""
    asked = {singular(w) for w in re.findall(r"[a-z0-9]+", words(intent.question))}
    out = []
    for column, value in cells[1:]:
        col_words = [
            singular(w) for w in words(column).split() if len(w) >= 3 and w not in _CONTENT_STOP
        ]
        if col_words and any(w in asked for w in col_words):
            out.append((column, value))
    aliases = {
        "vram": ("memory",),
        "latency": ("fast", "speed", "time", "slow"),
        "accuracy": ("accurate",),
        "parameters": ("size", "params"),
    }
    if not out:
        for column, value in cells[1:]:
            if any(w in asked for w in aliases.get(words(column), ())):
                out.append((column, value))
    if not out:
        # "Params", "LLM", "Org.": a header whose meaning is the attribute asked for
        attributes = {a.name for a in intent.attributes}
        out = [(c, v) for c, v in cells[1:] if column_meaning(c) in attributes]
    return out


def _facet_filter(passages: list[Passage], intent: Intent) -> list[Passage]:
    """The passages of the facets the question names ("open problems"), by the words it
    says outside its names (the "Privacy" of "privacy protection framework" names no
    facet "Differential Privacy"); all of them when it names none. An explanation ("how
    does X work") keeps the passages under no facet too: the lead that says how."""
    named = {i for m in intent.mentions for i in range(m.start, m.end)}
    text = " ".join(words(t) for i, t in enumerate(tokens(intent.question)) if i not in named)
    facets = list(dict.fromkeys(p.facet for p in passages if p.facet))
    chosen = []
    synonyms = vocabulary()["facet_synonyms"]
    for facet in facets:
        fw = [w for w in words(facet).split() if len(w) >= 4 and w not in ("key",)]
        fw += [s for w in fw for s in synonyms.get(w, synonyms.get(w + "s", ()))]
        if fw and any(
            phrase_positions(text, w) or phrase_positions(text, w.rstrip("s")) for w in fw
        ):
            chosen.append(facet)
    if not chosen:
        return passages
    lead = explains(intent.question)
    return [p for p in passages if p.facet in chosen or (lead and not p.facet)]


def _sentence_about(description: str, attr: Attribute) -> str | None:
    """The sentence of a description that talks about the attribute, if any."""
    if not description:
        return None
    phrases = [p for p in attr.phrases if len(p) >= 5]
    for sentence in re.split(r"(?<=[.;])\s+", description):
        w = words(sentence)
        if any(phrase_positions(w, p) for p in phrases):
            return sentence.strip()
    return None


def _is_llm(reader: GraphReader, iri: str) -> bool:
    return "LanguageModel" in reader.view(iri).types


def _class_noun(name: str | None, count: int) -> str:
    nouns = {
        "Model": ("model", "models"),
        "Dataset": ("dataset", "datasets"),
        "Benchmark": ("benchmark", "benchmarks"),
        "Tool": ("tool", "tools"),
        "VisionEncoder": ("vision encoder", "vision encoders"),
        "LanguageModel": ("language model", "language models"),
        "EthicalChallenge": ("bias type", "bias types"),
        "CompressionTechnique": ("compression technique", "compression techniques"),
        "ResearchDirection": ("research direction", "research directions"),
        "ApplicationDomain": ("application domain", "application domains"),
        "Paper": ("paper", "papers"),
        "TableRow": ("entry", "entries"),
    }
    one, many = nouns.get(name or "", ("entry", "entries"))
    return one if count == 1 else many


def introduced_name(view: EntityView) -> str | None:
    """The name a paper goes by when its title does not say it: the model it introduces
    ("MODUS" for "Decoder-Only Any-to-Any Multimodal Modeling"), or None."""
    if "Paper" not in view.types:
        return None
    return next((v.text for v in view.values("skos:altLabel") if v.text not in view.label), None)


def listed_label(view: EntityView) -> str:
    """How an entity is named in a list: a paper by the model it introduces, if any (the
    title is then the first thing said of it), anything else by its label."""
    return introduced_name(view) or view.label


def _brief(view: EntityView) -> str:
    parts = []
    if introduced_name(view):
        parts.append(view.label)  # the title, after the name it goes by
    years = [v.text for v in view.values("vlm:releaseYear")]
    if years:
        parts.append("/".join(years))
    desc = view.description
    if desc:
        parts.append(short_description(desc, 120))
    arxiv = view.first("vlm:arxivId")
    if arxiv:
        parts.append(f"arXiv {arxiv}")
    return "; ".join(parts)


def _entries(views: list[EntityView], anchors: dict, lexicon: Lexicon) -> int:
    """How many hub entries (source lines) the answer set comes from: one bullet can
    name two models ("Pixtral 12B & Pixtral Large")."""
    sections = {lexicon.entities[i].label for i in anchors.get("iris", []) if i in lexicon.entities}
    spans = set()
    for view in views:
        chosen = [c for c, s in view.spans if s in sections] or [c for c, _ in view.spans[:1]]
        spans.update(chosen[:1])
    return len(spans) if spans else len(views)


def _first(items: Sequence[str]) -> str:
    return items[0] if items else ""


def _merge(intent: Intent, parts: list[Answer]) -> Answer:
    if len(parts) == 1:
        return parts[0]
    grounded = any(p.grounded for p in parts)
    return Answer(
        question=intent.question,
        markdown="\n\n".join(p.markdown for p in parts),
        entities=tuple(e for p in parts if p.grounded for e in p.entities),
        facts=tuple(f for p in parts for f in p.facts),
        citations=tuple(dict.fromkeys(c for p in parts for c in p.citations)),
        grounded=grounded,
        extra={"subjects": [s for p in parts for s in p.extra.get("subjects", [])]},
    )

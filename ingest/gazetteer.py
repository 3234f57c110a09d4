"""Resolve component names (vision encoders, language models, audio encoders) to families.

The knowledge lives in `gazetteer.yaml`; this module only reads it and applies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from ingest._data import load_yaml
from ingest.records import Component

_ROLE_KINDS = {"vision_encoder", "language_model", "audio_encoder", "other"}
_FUZZY_CUTOFF = 90.0


@dataclass(frozen=True)
class _Family:
    name: str
    kind: str
    pattern: re.Pattern[str]
    broader: str | None
    version_name: str | None
    design: bool = False


@dataclass(frozen=True)
class _Gazetteer:
    families: tuple[_Family, ...]
    aliases: dict[str, str]
    empty: frozenset[str]
    trailing_nouns: frozenset[str]
    generic_words: frozenset[str]
    descriptive_suffixes: tuple[str, ...]
    derivation_suffixes: tuple[str, ...]
    not_derived_from: frozenset[str]
    role_adjectives: frozenset[str]
    written_max_words: int
    written_clause_words: frozenset[str]
    vlm_patterns: tuple[re.Pattern[str], ...]
    organizations: tuple[str, ...]
    organization_words: frozenset[str]


def normalise(name: str) -> str:
    """Lowercase `name` with "-", "_", "/" and whitespace runs turned into single spaces."""
    return re.sub(r"[\s\-_/]+", " ", name.lower()).strip()


@cache
def _load() -> _Gazetteer:
    data = load_yaml("gazetteer.yaml")
    families = tuple(
        _Family(
            name=entry["name"],
            kind=entry["kind"],
            pattern=re.compile(entry["pattern"]),
            broader=entry.get("broader"),
            version_name=entry.get("version_name"),
            design=bool(entry.get("design")),
        )
        for entry in data["families"]
    )
    return _Gazetteer(
        families=families,
        aliases={normalise(k): v for k, v in data["aliases"].items()},
        empty=frozenset(normalise(n) for n in data["empty"]),
        trailing_nouns=frozenset(data["trailing_nouns"]),
        generic_words=frozenset(data["generic_words"]),
        descriptive_suffixes=tuple(data["descriptive_suffixes"]),
        derivation_suffixes=tuple(data["derivation_suffixes"]),
        not_derived_from=frozenset(normalise(n) for n in data["not_derived_from"]),
        role_adjectives=frozenset(data["role_adjectives"]),
        written_max_words=int(data["written_max_words"]),
        written_clause_words=frozenset(data["written_clause_words"]),
        vlm_patterns=tuple(re.compile(p) for p in data["vlm_patterns"]),
        organizations=tuple(data["organizations"]),
        organization_words=frozenset(data["organization_words"]),
    )


def _family(name: str) -> _Family | None:
    for family in _load().families:
        if family.name == name:
            return family
    return None


def _family_chain(family: _Family) -> tuple[str, ...]:
    chain = [family.name]
    seen = {family.name}
    current: _Family | None = family
    while current is not None and current.broader and current.broader not in seen:
        chain.append(current.broader)
        seen.add(current.broader)
        current = _family(current.broader)
    return tuple(chain)


_PAREN = re.compile(r"\s+\(([^()]*)\)")
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^([A-Za-z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)['’]s\s+")
_DESCRIPTIVE = re.compile(r"^(?:custom|redesigned|modified|native|dynamic|standard)\s", re.I)
_VERSION = re.compile(r"^v?(\d+(?:\.\d+)?)(?![\d.]|\s*[bmkt]\b)")


def is_empty_name(name: str) -> bool:
    """True for phrases that name no component ("-", "from scratch", "Varies") and for
    phrases of descriptive words alone ("Global Image", "Large Language Model", "MoE")."""
    norm = normalise(_ARTICLE.sub("", name.strip()))
    gazetteer = _load()
    return not norm or norm in gazetteer.empty or set(norm.split()) <= gazetteer.generic_words


def _suffixed(word: str, suffixes: tuple[str, ...]) -> re.Match[str] | None:
    """The "-based" ending of `word` ("AIMv2-based"), one of `suffixes`."""
    return re.search(r"-(?:" + "|".join(map(re.escape, suffixes)) + r")$", word, re.I)


def is_descriptive(name: str) -> bool:
    """True for a phrase with a word that describes rather than names ("Transformer-based",
    "Clip-level Compression", "CLIP-style"); see `derived_from` for the part "Qwen2-based"
    names."""
    gazetteer = _load()
    suffixes = gazetteer.descriptive_suffixes + gazetteer.derivation_suffixes
    return any(_suffixed(w.strip(",;:()"), suffixes) for w in name.split())


def is_written_name(phrase: str) -> bool:
    """True for a way of writing a part's name ("frozen SigLIP"), False for the clause
    around it ("visual encoder (CLIP) using a simple linear layer")."""
    gazetteer = _load()
    words = [w.strip("(),;:").lower() for w in phrase.split()]
    return len(words) <= gazetteer.written_max_words and not (
        set(words) & gazetteer.written_clause_words
    )


def role_adjectives() -> frozenset[str]:
    """Words that say which role a part plays ("text", "vision", "language")."""
    return _load().role_adjectives


def ends_in_role_adjective(phrase: str) -> bool:
    """True for "ChatTTS-200M Large" (of "Large Language Model"): the phrase runs into the
    role words of another part."""
    gazetteer = _load()
    words = phrase.split()
    while len(words) > 1 and words[-1].lower().strip(":,;") in gazetteer.trailing_nouns:
        words.pop()  # "SigLip-400M Audio Encoder" -> "SigLip-400M Audio"
    return len(words) > 1 and words[-1].lower() in gazetteer.role_adjectives


def derived_from(name: str) -> str | None:
    """The known part a derivation word names: "SAM-derived" -> "SAM", "Aya Expanse-derived
    language models" -> "Aya Expanse"; None when no word derives from a specific part
    ("Transformer-based" names a kind of network, not a part)."""
    words = name.split()
    gazetteer = _load()
    for index, word in enumerate(words):
        match = _suffixed(word.strip(",;:()"), gazetteer.derivation_suffixes)
        if match is None:
            continue
        base = " ".join([*words[:index], word[: match.start()]]).strip()
        if not re.fullmatch(r"[A-Z0-9][\w.\-]*(?: [A-Z0-9][\w.\-]*)*", base):
            return None  # "Qwen (a Transformer-based LLM)": the word describes, in passing
        if normalise(base) not in gazetteer.not_derived_from and is_known(base):
            return base
        return None
    return None


def _balanced(text: str) -> str:
    """`text` without the brackets a clause boundary cut in two: "Vicuna-7B)" -> "Vicuna-7B"."""
    while text.count(")") > text.count("(") and ")" in text:
        i = text.rindex(")") if text.endswith(")") else text.index(")")
        text = (text[:i] + text[i + 1 :]).strip()
    while text.count("(") > text.count(")") and "(" in text:
        i = text.rindex("(")
        text = (text[:i] + text[i + 1 :]).strip()
    return text


@cache
def is_vlm_name(name: str) -> bool:
    """True when `name` reads as a vision-language model (Qwen2.5-VL, LLaVA), not a component."""
    norm = normalise(name)
    return any(p.search(norm) for p in _load().vlm_patterns)


@cache
def organizations() -> tuple[str, ...]:
    """Known organisation names, longest first (so "Mistral AI" wins over "Mistral")."""
    return tuple(sorted(_load().organizations, key=len, reverse=True))


def is_organization_name(text: str) -> bool:
    """True for a known organisation or a run of capitalised words ending in an
    organisation word ("Northwind Labs"); a component or a name with digits is none."""
    text = text.strip()
    if text in _load().organizations:
        return True
    words = text.split()
    return (
        2 <= len(words) <= 6
        and all(w[:1].isupper() or w in ("for", "of", "and", "&") for w in words)
        and words[-1] in _load().organization_words
        and not re.search(r"\d", text)
    )


def split_name(phrase: str) -> tuple[str, tuple[str, ...], str | None]:
    """Clean a component phrase: (name, aliases, organisation from a possessive).

    "Open Pretrained Transformer (OPT)" -> ("OPT", ("Open Pretrained Transformer",), None);
    "Microsoft's Phi-4 framework" -> ("Phi-4", (), "Microsoft").
    """
    text = _balanced(re.sub(r"\s+", " ", phrase).strip(" ,;:.")).strip(" ,;:.")
    text = _ARTICLE.sub("", text)
    text = re.sub(r"^(?:frozen|pre-?trained|trainable|a frozen)\s+", "", text, flags=re.I)
    organization = None
    possessive = _POSSESSIVE.match(text)
    if possessive:
        # "Microsoft's Phi-4": the owner is an organisation; "moondream1's SigLIP": a model
        organization = possessive.group(1) if possessive.group(1)[0].isupper() else None
        text = text[possessive.end() :]
    aliases: list[str] = []
    paren = _PAREN.search(text)
    if paren:
        inner = paren.group(1).split(",")[0].strip()
        outer = (text[: paren.start()] + text[paren.end() :]).strip()
        if inner and " " not in inner and not inner.islower():
            # "Vision Transformer (ViT)": the short form is the name, the long one an alias.
            text, aliases = inner, [outer] if outer and not is_empty_name(outer) else []
        else:
            text = outer  # "(a Transformer-based LLM)" only describes it
    return " ".join(_without_role_words(text.split(" "))).strip(), tuple(aliases), organization


def _without_role_words(words: list[str]) -> list[str]:
    """A name without the role noun after it and the lowercase words describing that role:
    "Phi-4 framework" -> "Phi-4", "Qwen3-ASR specialist backbones" -> "Qwen3-ASR"."""
    gazetteer = _load()
    after_noun = plural = False
    words = list(words)
    while len(words) > 1:
        word = words[-1]
        low = word.lower()
        if low in gazetteer.trailing_nouns or (
            low[:-1] in gazetteer.trailing_nouns and low[-1:] == "s"
        ):
            after_noun = True
            plural = plural or low.endswith("s")
        elif not (word.isalpha() and word.islower()) or not after_noun:
            break
        elif low in gazetteer.role_adjectives and not plural:
            break  # "Pixtral vision (encoder)" names a part; "Gemma 2 language models" do not
        words.pop()
    return words


def _fuzzy_family(norm: str) -> _Family | None:
    gazetteer = _load()
    choices = {normalise(f.name): f for f in gazetteer.families}
    first = norm.split(" ")[0]
    for candidate in (norm, first):
        if len(candidate) < 5:
            continue
        match = process.extractOne(candidate, list(choices), scorer=fuzz.ratio)
        if match and match[1] >= _FUZZY_CUTOFF:
            return choices[match[0]]
    return None


@cache
def is_known(name: str) -> bool:
    """True when the gazetteer knows `name` (by alias, family pattern or close spelling)."""
    written, _, _ = split_name(name)
    norm = normalise(written)
    gazetteer = _load()
    if norm in gazetteer.aliases or any(f.pattern.match(norm) for f in gazetteer.families):
        return True
    return _fuzzy_family(norm) is not None


@cache
def resolve_component(name: str, role: str) -> Component:
    """The component `name` denotes, with its kind and broader families.

    `role` (vision_encoder | language_model | audio_encoder | other) is the kind used when
    the gazetteer does not know the name. "Qwen-2.5-7B" -> Component("Qwen-2.5-7B",
    "language_model", broader=("Qwen2.5", "Qwen")).
    """
    written, aliases, _ = split_name(name)
    gazetteer = _load()
    norm = normalise(written)
    if norm in gazetteer.aliases:
        canonical = gazetteer.aliases[norm]
        aliases = tuple(dict.fromkeys((*aliases, written)))
        written, norm = canonical, normalise(canonical)
    for family in gazetteer.families:
        match = family.pattern.match(norm)
        if match:
            return _component(written, aliases, family, norm[match.end() :].strip())
    close = _fuzzy_family(norm)
    if close is not None:
        return Component(close.name, close.kind, _family_chain(close)[1:], (written, *aliases))
    kind = role if role in _ROLE_KINDS else "other"
    return Component(written, kind, (), aliases)


def _component(written: str, aliases: tuple[str, ...], family: _Family, rest: str) -> Component:
    chain = _family_chain(family)
    designs = _designs(family, rest)
    version = _VERSION.match(rest)
    version_entity = None
    if version and family.version_name:
        version_entity = family.version_name.format(version=version.group(1))
        rest = rest[version.end() :].strip()
    if not rest and version_entity:
        name, broader = version_entity, chain
    elif not rest and not version:
        name, broader = family.name, chain[1:]
    else:
        name = written
        broader = ((version_entity,) if version_entity else ()) + chain
    # "custom ViT" is a ViT, but not another name for it: adjectives make no alias.
    all_aliases = tuple(
        dict.fromkeys(a for a in (*aliases, written) if a != name and not _DESCRIPTIVE.match(a))
    )
    return Component(name, family.kind, broader, all_aliases, designs)


def _designs(family: _Family, rest: str) -> tuple[tuple[str, ...], ...]:
    """The network design a family's name goes on to name ("CLIP-ConvNeXt": ConvNeXt;
    gazetteer.yaml `design: true`), as its chain of families."""
    for other in _load().families:
        same_kind = other.design and other is not family and other.kind == family.kind
        if same_kind and other.pattern.match(rest):
            return (_family_chain(other),)
    return ()


__all__ = [
    "derived_from",
    "ends_in_role_adjective",
    "is_descriptive",
    "is_empty_name",
    "is_known",
    "is_organization_name",
    "is_vlm_name",
    "is_written_name",
    "normalise",
    "organizations",
    "resolve_component",
    "split_name",
]

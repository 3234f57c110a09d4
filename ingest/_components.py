"""Sentence patterns that name a model's parts: vision encoders, language backbones, other
pretrained components and the models it is based on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ingest._data import load_yaml
from ingest.gazetteer import (
    derived_from,
    ends_in_role_adjective,
    is_descriptive,
    is_empty_name,
    is_known,
    is_vlm_name,
    is_written_name,
    organizations,
    resolve_component,
    role_adjectives,
    split_name,
)
from ingest.records import Component

_ENCODER_WORD = r"(?:vision|visual|image) encod(?:er|ers|ing)"
# What may stand before a bare "<Name> encoder" / "<Name> backbone" phrase.
_LEAD = (
    r"(?:^|[,;(|+–—:]\s*|\.\s+|\b(?:and|with|using|uses|use|combines|combining|pairs|pairing|adopts"
    r"|employs|employing|leverages|leveraging|plus|on|of|from|joins|couples|connects|attaches"
    r"|feeds|adds)\s+)"
    r"(?:[Aa]n?\s+|[Tt]he\s+(?:same\s+)?|[Ii]ts\s+)?"
    r"(?:~?\d[\d.,]*\s?[KMBT]-param(?:eter)?s?\s+)?"  # "a 401M-parameter MoonViT-V2 encoder"
)
_NAME = (
    r"(?P<x>(?:(?:custom|redesigned|modified|frozen|pretrained|pre-trained)\s+)?"
    r"[A-Z](?:[\w\-/]|\.(?=\w))*(?:\s[A-Z0-9](?:[\w\-/]|\.(?=\w))*)*)"
)
# a value ends at a sentence end, "|", ";" or where the next "Label:" of a run of labelled
# values begins ("Vision Encoder: SigLip-400M Audio Encoder: Whisper-medium-300M")
_NEXT_LABEL = r"\s(?:[A-Z][\w\-]*\s){0,4}?(?:\([^()\s]+\)\s?)?[\w\-]+(?:\s\([^()\s]+\))?:"
_VALUE = r"(?P<x>(?:(?!" + _NEXT_LABEL + r")(?:[^|;.]|\.(?=\w)))+)"
_VISION_PATTERNS = (
    re.compile(
        r"\busing (?P<x>(?:[^.;]|\.(?=\w))+?) for (?:the |its )?" + _ENCODER_WORD + r"\b", re.I
    ),
    re.compile(
        r"\buses? (?P<x>(?:[^.;]|\.(?=\w))+?) as (?:the |its |a )?" + _ENCODER_WORD + r"\b", re.I
    ),
    re.compile(
        r"(?:^|[(,;]\s*)(?P<x>[A-Z][\w.\-/]*(?:\s[A-Z0-9][\w.\-/]*)*)"
        r"(?: with [^(),;]{0,40}?)? for vision\b(?! encod)"  # "(ViT-H with 632M params for vision)"
    ),
    re.compile(r"\b(?:[\w-]+ )?" + _ENCODER_WORD + r"\s*\((?P<x>[^)]+)\)", re.I),
    re.compile(r"\bintegrat\w* (?P<x>(?:[^.;]|\.(?=\w))+?) with\b", re.I),
    re.compile(
        _LEAD + _NAME + r"\s+"
        r"(?i:(?:(?:dynamic|vision|visual|image|native[- ]resolution|frozen|pretrained)\s+)*"
        r"encoders?)\b"
    ),
    re.compile(_LEAD + _NAME + r"\s+(?i:(?:vision|visual|image) (?:backbone|tower))\b"),
    re.compile(r"\b(?:vision|visual|image) (?:encoder|backbone|tower)s?\s*[:=]\s*" + _VALUE, re.I),
    # prose: "with CLIP ViT-L/14 as its vision encoder", "Its vision encoder is EVA-CLIP ViT-L",
    # "its native-resolution vision encoder, MoonViT,", "a Vision Transformer (ViT) encodes the
    # image", "uses CLIP for vision", "pairs a redesigned ViT with Qwen2.5 language models"
    re.compile(
        r"\b(?:with|has|takes) (?:an? |the )?" + _NAME + r" as (?:the |its |a )?" + _ENCODER_WORD
    ),
    re.compile(r"\b(?i:(?:its|the|whose) (?:[\w-]+ )?" + _ENCODER_WORD + r" (?:is|was)) " + _NAME),
    re.compile(r"\b(?i:its (?:[\w-]+ )?" + _ENCODER_WORD + r"), " + _NAME + r","),
    # "X encodes the image"; "It encodes images with SigLIP/SAMB": the part after "with"
    re.compile(
        r"(?<![\w-])(?!(?:It|This|That|They)\b)"
        + _NAME
        + r"(?:\s*\([^()]*\))? encodes (?:the |each )?(?:images?|visual inputs?)\b(?! with)"
    ),
    re.compile(r"\bencodes (?:the |each )?(?:images?|visual inputs?) (?:with|using) " + _NAME),
    re.compile(
        r"\b(?:uses?|using|with|adopts) (?:the same |an? |the )?" + _NAME + r" for vision\b"
    ),
    re.compile(
        r"\b(?:pairs|pairing|paired|couples|marries) (?:an? |the |its )?" + _NAME + r" with\b"
    ),
)
# "<phrase> as the pretrained backbone": the phrase is the clause before the anchor (found
# by looking back from the anchor; a lazy regex from every position would be quadratic).
_AS_BACKBONE = re.compile(
    r"\bas (?:the |its |a )?(?:pretrained |pre-trained |frozen |base )?"
    r"(?:text |language |llm )?(?:backbones?|base models?|language models?|llms?"
    r"|(?:(?<=language )|(?<=text ))side)\b",
    re.I,
)
_FOR_TEXT = re.compile(r"\bfor text encod(?:er|ing)\b", re.I)
_LANGUAGE_PATTERNS = (
    re.compile(
        _LEAD + _NAME + r"\s+"
        r"(?i:(?:(?:language|text|llm|pretrained)\s+)?"
        r"(?:backbone|llm|language models?|decoder|base))\b"
    ),
    re.compile(
        r"\b(?:llm|language model|text backbone|llm backbone|language backbone|base llm|backbone)s?"
        r"(?:\s*\([^()]*\))?\s*[:=]\s*" + _VALUE,
        re.I,
    ),
    re.compile(r"\bintegrat\w* (?:[^.;]|\.(?=\w))+? with (?P<x>(?:[^.;,]|\.(?=\w))+)", re.I),
    # "leverages the CodeLlama 34B Instruct model for nuanced language understanding"
    re.compile(
        r"\b(?:leverag|us|employ|adopt|rel)\w*(?: on)? (?:the |a |an )?"
        r"(?P<x>[A-Z][\w.\-]*(?: [A-Z0-9][\w.\-]*)*)(?: (?:model|LLM))? for (?:[\w-]+ ){0,2}"
        r"(?:language|text)\b"
    ),
    re.compile(r"\((?P<x>[A-Z][\w.\-]*\d[\w.\-]*)\) for (?:[\w-]+ ){0,2}language\b"),
    # "pairs an InternViT-6B vision encoder with Qwen3-72B": the other half is the LLM
    re.compile(
        r"\b(?i:(?:pairs|pairing|paired|couples|coupling|coupled|combines|combining|connects|"
        r"joins|marries)\s+(?:an?\s+|the\s+|its\s+)?(?:[\w.\-/]+\s+){0,3}?"
        r"(?:vision|visual|image)\s+(?:encoder|tower|backbone)\s+(?:with|to|and)\s+"
        r"(?:an?\s+|the\s+)?)(?P<x>[A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*)*)"
    ),
)
_BARE_NOUN_PATTERNS_LIST = (_VISION_PATTERNS[5], _VISION_PATTERNS[6], _LANGUAGE_PATTERNS[0])
# "an mT5-based text encoder-decoder Transformer", "a Qwen2-based LLM": the name the language
# side is based on (a name with a capital or digit after its first letter, so "Transformer-"
# or "Decoder-based" describes and is no name)
_BASED_LANGUAGE = re.compile(
    r"(?<![\w.\-])(?P<x>[A-Za-z][\w.]*(?:[A-Z]|\d)[\w.]*(?:-\d[\w.]*)?)-based\s+"
    r"(?:(?:text|language|multilingual|pre-?trained|causal|autoregressive)\s+)*"
    r"(?:encoder-decoders?|decoders?|LLMs?|language models?|(?:language |text )?backbones?)\b"
)
_COMPOSITION = re.compile(
    r"(?:^|[,;.|:]\s+)(?P<x>[^,;|:]+?(?:\s\+\s[^,;|:]+?)+)(?=$|[,;|]|\.(?!\w))"
)
_BASED_ON = re.compile(
    r"\b(?:based on|combined with|built (?:up)?on(?: top of)?|fine-?tuned from|initiali[sz]ed from"
    r"|derived from|builds (?:up)?on(?: top of)?|building (?:up)?on(?: top of)?"
    r"|(?:an? )?evolution (?:from|of))"
    # "an evolution from its predecessor, OpenHermes-2.5-Mistral-7B,", "builds on the
    # architecture of Google's Gemini 2.0": the name after the noun
    r" (?:(?:its|the|their) (?:(?:predecessor|base model|parent model|base),?"
    r"|(?:architecture|design|recipe) of)\s+)?"
    r"(?P<x>(?:[^.;,]|\.(?=\w))+)",
    re.I,
)
_ON_CONTINUATION = re.compile(r"^\s*(?:and\s+)?[A-Z][\w.\-]*\s+on\s+(?P<x>(?:[^.;,]|\.(?=\w))+)")
_LIST_SPLIT = re.compile(r",\s*(?:and\s+|or\s+|plus\s+)?|\s+and\s+|\s+&\s+|\s+plus\s+")
_ENCODING_PREFIX = re.compile(
    r"^.*?\b(?:for|as) (?:the |its |a )?(?:" + _ENCODER_WORD + r"|vision)\b\s*(?:,\s*)?(?:and\s+)?",
    re.I,
)


def split_list(phrase: str) -> list[str]:
    """ "A, B and C" -> [A, B, C]; separators inside parentheses do not split."""
    groups: list[str] = []

    def hide(match: re.Match[str]) -> str:
        groups.append(match.group(0))
        return f"\x00{len(groups) - 1}\x00"

    masked = re.sub(r"\([^()]*\)", hide, phrase)
    parts: list[str] = []
    for masked_part in _LIST_SPLIT.split(masked):
        part = re.sub(r"\x00(\d+)\x00", lambda m: groups[int(m.group(1))], masked_part)
        part = part.strip(" ,;:")
        pieces = part.split("/")
        if len(pieces) > 1 and all(len(p) >= 3 and p[:1].isalpha() for p in pieces):
            parts.extend(pieces)  # "SigLIP/SAMB", "Flan-T5/Vicuna"; not "ViT-L/14"
        elif part:
            parts.append(part)
    return parts


def _is_name(phrase: str) -> bool:
    """A component name has a capital or a digit; "optimized transformer layers" has neither.

    "a 1B visual encoder" describes a part by its size and is no name either.
    """
    cleaned, _, _ = split_name(phrase)
    if re.match(r"^~?\d[\d.,]*\s?[KMBT]?\b", cleaned):
        return False
    if is_descriptive(cleaned):
        return False  # "a Transformer-based LLM", "AIMv2-initialized" describe, they do not name
    return bool(re.search(r"[A-Z0-9]", cleaned))


@dataclass
class ComponentFacts:
    """What a description says about a model's parts, in reading order."""

    vision_encoders: list[Component] = field(default_factory=list)
    language_backbones: list[Component] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)
    based_on: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    # the phrases as written, per slot: "redesigned ViT" for the vision encoder ViT
    written: dict[str, list[str]] = field(default_factory=dict)

    def add(self, component: Component, slot: str, written: str = "") -> None:
        written = re.sub(r"^(?:an?|the)\s+", "", written, flags=re.I)
        if (
            written
            and written != component.name
            and not is_empty_name(written)
            and is_written_name(written)
        ):
            kind = "language" if component.kind == "language_model" else slot
            phrases = self.written.setdefault(kind, [])
            if written not in phrases:
                phrases.append(written)
        if slot == "vision" and component.kind == "language_model" and is_vlm_name(component.name):
            # "joins a Qwen2.5-VL visual encoder": the vision encoder of that model
            component = Component(component.name, "vision_encoder", (), component.aliases)
        if component.kind == "audio_encoder" or (
            slot == "language" and component.kind == "vision_encoder"
        ):
            target = self.components
        elif slot == "vision" and component.kind == "language_model":
            target = self.language_backbones
        elif slot == "vision":
            target = self.vision_encoders
        else:
            target = self.language_backbones
        if all(c.name != component.name for c in target):
            target.append(component)


_BARE_NOUN_PATTERNS = set(_BARE_NOUN_PATTERNS_LIST)  # "X encoder", "X backbone"


def _plausible(phrase: str) -> bool:
    """ "Utilizes" before "vision encoder" is a verb: a bare capitalised word must be known."""
    return bool(re.search(r"[A-Z].*[A-Z]|\d|\s", phrase)) or is_known(phrase)


def _phrases(pattern: re.Pattern[str], text: str) -> list[str]:
    found = []
    for match in pattern.finditer(text):
        phrase = match.group("x").strip()
        if pattern in _BARE_NOUN_PATTERNS and not _plausible(phrase):
            continue
        if pattern in _BARE_NOUN_PATTERNS and ends_in_role_adjective(phrase):
            continue  # "ChatTTS-200M Large| Language Model", "SigLip-400M Audio| Encoder"
        phrase = re.sub(r"^(?:using|uses|use|with|and|integrating)\s+", "", phrase, flags=re.I)
        found.append(phrase)
    return found


def _clause_before(text: str, anchor: re.Pattern[str], stops: str) -> list[str]:
    """For each `anchor` match, the text before it back to the nearest stop character
    (a "." only counts when it ends a sentence, not inside "Qwen2.5")."""
    found = []
    for match in anchor.finditer(text):
        start = match.start()
        i = start - 1
        while i >= 0:
            char = text[i]
            if char in stops and (char != "." or i + 1 >= len(text) or not text[i + 1].isalnum()):
                break
            i -= 1
        phrase = text[i + 1 : start].strip()
        if phrase:
            found.append(phrase)
    return found


def _last_clause(phrase: str) -> str:
    """ "... 80B parameters, using custom vision encoder and Chinchilla" -> the part after
    the last "using"/"with"; "The authors choose Qwen-2" -> "Qwen-2"."""
    cut = list(
        re.finditer(
            r"\b(?:using|uses|use|with|choose|chooses|chose|select|selects|selected|adopt|adopts"
            r"|adopted|employ|employs|employed|pick|picks|picked)\s+",
            phrase,
        )
    )
    return phrase[cut[-1].end() :] if cut else phrase


def components(text: str) -> ComponentFacts:
    """Vision encoders, language backbones, other parts and based-on models named in `text`."""
    facts = ComponentFacts()
    text = re.sub(r"\b(e\.g|i\.e)\.,?", lambda m: m.group(1).replace(".", ""), text)
    for pattern in _VISION_PATTERNS:
        for phrase in _phrases(pattern, text):
            _add_names(facts, phrase, "vision", "vision_encoder")
    language = [_last_clause(p) for p in _clause_before(text, _AS_BACKBONE, ".;")]
    language += _clause_before(text, _FOR_TEXT, ".;,")
    language += [p for pattern in _LANGUAGE_PATTERNS for p in _phrases(pattern, text)]
    language += [m.group("x") for m in _BASED_LANGUAGE.finditer(text)]
    for phrase in language:
        phrase = re.sub(r"^(?:using|uses|use|with|and|integrating)\s+", "", phrase, flags=re.I)
        _add_names(facts, _ENCODING_PREFIX.sub("", phrase), "language", "language_model")
    for name in _based_on_phrases(text):
        _add_based_on(facts, name)
    for match in _COMPOSITION.finditer(text):
        _add_composition(facts, match.group("x"))
    if (not facts.vision_encoders or not facts.language_backbones) and len(text) <= _SHORT:
        _add_known_parts(facts, text)
    return facts


# Parts without a role word are read only in a short entry ("- **X** (2025): 7B, CLIP
# ViT-L/14, Vicuna-7B"); a paragraph of prose names models it compares against as well.
_SHORT = 300
_USING_LIST = re.compile(
    r"\b(?:using|uses|use|with|pairs|pairing|combines|combining|built from|made of)\s+"
    r"(?P<x>(?:[^.;:()]|\.(?=\w))+)"
)
_BARE_CLAUSE = re.compile(
    r"(?:^|[,;:]\s*)(?P<x>[A-Z][\w.\-/]*(?:\s[A-Z0-9][\w.\-/]*){0,2})\s*(?=[,;]|\.?$)"
)


def _add_known_parts(facts: ComponentFacts, text: str) -> None:
    """Parts named without a role word, by what the gazetteer knows them to be: "using
    SigLIP-2 and Qwen3-8B", "7B parameters, CLIP ViT-L/14, Vicuna-7B". Only a role no
    pattern filled is filled, and only with names the gazetteer knows."""
    phrases = [m.group("x") for m in _USING_LIST.finditer(text)]
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        phrases += [m.group("x") for m in _BARE_CLAUSE.finditer(sentence.strip())]
    empty = {
        "vision_encoder": not facts.vision_encoders,
        "language_model": not facts.language_backbones,
    }
    for phrase in phrases:
        for whole in _sharing_the_noun(split_list(phrase)):
            part = _before_clause(whole.strip(" ."))
            if not _is_name(part) or is_vlm_name(part):
                continue
            # "Hermes-2-Yi": a fine-tune named after a known language model is one too
            name = split_name(part)[0]
            component = (
                resolve_component(part, "other")
                if is_known(part)
                else _named_after_language_model(name)
            )
            if component is not None and empty.get(component.kind):
                slot = "vision" if component.kind == "vision_encoder" else "language"
                # a name cut from its clause keeps no words of its own
                facts.add(component, slot, part if part == whole.strip(" .") else component.name)


def _sharing_the_noun(items: list[str]) -> list[str]:
    """The items of an enumeration up to one ending in a plural role noun ("Qwen3 text,
    Qwen3-VL, and Qwen3-ASR specialist backbones with ..."): that noun is every item's, so
    a role word an earlier item ends in ("text") is no part of its name."""
    for at, item in enumerate(items[1:], start=1):
        cut = _before_clause(item.strip(" ."))
        if cut.endswith("s") and " " in cut and split_name(cut)[0] != cut:
            roles = "|".join(map(re.escape, role_adjectives()))
            shared = [re.sub(rf"\s+(?:{roles})$", "", i.strip()) for i in items[:at]]
            return shared + items[at:]
    return items


def _add_composition(facts: ComponentFacts, phrase: str) -> None:
    """ "Frozen EVA-CLIP ViT-g/14 + Q-Former + Vicuna-13B LLM": known parts by their kind.

    Only a composition naming both a vision part and a language model is read, so a list
    of features joined by "+" is not taken for an architecture.
    """
    parts = [p.strip() for p in phrase.split(" + ")]
    resolved = [resolve_component(p, "other") for p in parts if is_known(p) and _is_name(p)]
    kinds = {c.kind for c in resolved}
    if {"vision_encoder", "language_model"} <= kinds:
        for component in resolved:
            facts.add(component, "language" if component.kind == "language_model" else "vision")


_LEADING_WORDS = re.compile(r"^(?P<w>(?:[a-z]+\s+){1,3})(?=[A-Z0-9]|[a-z]+[A-Z0-9])")
# words that tie a phrase to its clause (mentions.yaml tie_words): no name however
# it is cut ("like CLIP", "based on pre-trained mT5 models")
_TIES = frozenset(load_yaml("mentions.yaml")["tie_words"])
_TRAILING_ROLE = re.compile(
    r"\s+(?:vision|visual|image|video|audio|language|text)"
    r"(?:\s+(?:encoders?|backbones?|towers?|models?|decoders?))?$",
    re.I,
)


def _name_bounds(part: str) -> str:
    """A part's name from its first word with a capital or a digit to the role word after
    it: "a powerful ViT-e visual encoder" -> "ViT-e"; a phrase tied to its clause ("like
    CLIP") and a "frozen"/"pretrained" lead (split_name reads it) stay as they are."""
    lead = _LEADING_WORDS.match(part)
    if lead and not _TIES & set(lead.group("w").split()):
        words = lead.group("w").split()
        if not re.search(r"\b(?:frozen|pre|trainable|custom|redesigned|modified)", " ".join(words)):
            part = part[lead.end() :]
    return _TRAILING_ROLE.sub("", part)


def _add_names(facts: ComponentFacts, phrase: str, slot: str, role: str) -> None:
    if re.search(r"\bfrom scratch\b", phrase, re.I):
        phrase = re.sub(r"\b(?:and )?(?:pre-?)?trained from scratch\b.*", "", phrase, flags=re.I)
    for part in split_list(phrase):
        part = derived_from(part) or part  # "a Moonlight-derived MoE" -> Moonlight
        part = _name_bounds(part)
        if is_empty_name(part) or not _is_name(part):
            continue
        name, _, organization = split_name(part)
        if not name or is_empty_name(name) or re.fullmatch(r"[\d.]+\s?[KMBT]", name):
            continue
        if is_vlm_name(name) and slot == "language":
            continue
        if is_generic(name) or is_generic(part):
            continue  # "a standard Transformer encoder", "the Transformer architecture"
        component = resolve_component(part, role)
        facts.add(component, slot, part.strip())
        if organization and organization in organizations():
            facts.organizations.append(organization)


_CLAUSE_END = re.compile(
    r"\s+(?:with|using|for|to|which|that|as|via|plus|featuring|by|and (?:a|an|the|uses?|adds?))"
    r"\s+.*$"
)


def _before_clause(part: str) -> str:
    """A known name without the clause after it: "CLIP ViT-L/14 with Baichuan as its
    pretrained backbone" -> "CLIP ViT-L/14"; any other part as it is."""
    clause = _CLAUSE_END.search(part)
    if clause and is_known(part[: clause.start()]):
        return part[: clause.start()]
    return part


@cache
def _generic() -> tuple[frozenset[str], re.Pattern[str]]:
    """(names of a kind of network, lowercased; the article and design noun around one)."""
    data = load_yaml("mentions.yaml")
    designs = "|".join(map(re.escape, data["design_nouns"]))
    return frozenset(n.lower() for n in data["generic_language"]), re.compile(
        rf"^(?:(?:an?|the|its)\s+)?|\s+(?:{designs})$", re.I
    )


def is_generic(phrase: str) -> bool:
    """True for a phrase naming a kind of network, not a model: "Transformer", "the
    Transformer architecture" (not "the Gemini 2.0 architecture")."""
    words, around = _generic()
    return around.sub("", phrase.strip(" .,;")).lower() in words


def _named_after_language_model(name: str) -> Component | None:
    """The language model a fine-tune's name ends in: "OpenHermes-2.5-Mistral-7B" is
    Mistral-7B tuned (its own name, that model broader); None when no tail is one."""
    pieces = name.split("-")
    for start in range(1, len(pieces)):
        tail = "-".join(pieces[start:])
        if not re.match(r"[A-Za-z]", tail) or not is_known(tail):
            continue
        base = resolve_component(tail, "other")
        if base.kind == "language_model" and not is_vlm_name(tail):
            return Component(name, "language_model", (base.name, *base.broader), ())
    return None


def _based_on_phrases(text: str) -> list[str]:
    found: list[str] = []
    for match in _BASED_ON.finditer(text):
        found.extend(split_list(_CLAUSE_END.sub("", match.group("x"))))
        rest = text[match.end() :]
        # "MolmoE-1B based on OLMoE-1B-7B, Molmo-7B-O on OLMo-7B-1024, and Molmo-72B on Qwen2 72B"
        while rest.startswith(","):
            continuation = _ON_CONTINUATION.match(rest[1:])
            if not continuation:
                break
            found.append(continuation.group("x"))
            rest = rest[1 + continuation.end() :]
    return found


def _add_based_on(facts: ComponentFacts, phrase: str) -> None:
    if is_generic(phrase):
        return  # "based on the Transformer architecture": a design, not a model
    name, _, organization = split_name(phrase)
    if not name or not re.search(r"[A-Z0-9]", name) or is_generic(name):
        return
    if is_vlm_name(name):
        if name not in facts.based_on:
            facts.based_on.append(name)
        return
    component = resolve_component(name, "other")
    if component.kind == "other":
        component = _named_after_language_model(name) or component
    if component.kind == "language_model":
        facts.add(component, "language")
        if organization and organization in organizations():
            facts.organizations.append(organization)
        label = component.name
    else:
        label = f"{organization} {name}" if organization else name
    if label not in facts.based_on:
        facts.based_on.append(label)

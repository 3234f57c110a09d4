"""Names of other entities inside an entry's text, typed by the sentence (`mentions.yaml`):
"trained on COCO" -> trained_on, "outperforms LLaVA" -> outperforms, "72.4% on Video-MME"
-> evaluated_on with its score; and known components a write-up names with its role words
("a SigLIP 2 vision encoder", "the CodeLlama 34B Instruct model for language")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ingest._data import load_yaml, with_cues
from ingest._numbers import sentences
from ingest.gazetteer import (
    derived_from,
    ends_in_role_adjective,
    is_descriptive,
    is_known,
    is_vlm_name,
    organizations,
    resolve_component,
)
from ingest.names import entity_key
from ingest.records import (
    BenchmarkRecord,
    Component,
    DatasetRecord,
    Mention,
    ModelRecord,
    PassageRecord,
    Record,
    ToolRecord,
)

_MIN_NAME = 3
# A run of name-like words: "CodeLlama 34B Instruct", "SigLIP-SO400M-384", "Qwen3-0.6B"
_NAME_RUN = re.compile(
    r"(?<![\w.\-])(?:[A-Z][\w.+\-/]*[\w+]|[A-Z]|[a-z]+(?:[A-Z]|\d)[\w.\-]*[\w])"
    r"(?:[ -](?:\d[\w.\-]*[\w]|[A-Z][\w.\-]*[\w]|Instruct|Chat|Base|Large|Huge|Small|Mini|Nemo))*"
)
_GENERIC = frozenset(
    {*load_yaml("mentions.yaml")["generic_language"], "The", "A", "An"}
)  # no part's name


@dataclass(frozen=True)
class _Rules:
    relations: tuple[tuple[str, re.Pattern[str]], ...]
    negations: re.Pattern[str]
    score_before: re.Pattern[str]
    roles: dict[str, re.Pattern[str]]
    paradigm: re.Pattern[str]
    generic_vision: frozenset[str]
    style_suffix: re.Pattern[str]
    compound: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = load_yaml("mentions.yaml")
    return _Rules(
        relations=tuple((k, re.compile(v, re.I)) for k, v in data["relations"].items()),
        negations=re.compile(with_cues(data["negations"]), re.I),
        score_before=re.compile(data["score_before"], re.I),
        roles={k: re.compile(v, re.I) for k, v in data["roles"].items()},
        paradigm=re.compile(data["paradigm"]),
        generic_vision=frozenset(data["generic_vision"]),
        style_suffix=re.compile(data["style_suffix"], re.I),
        compound=re.compile(data["compound"], re.I),
    )


def _clause_before(sentence: str, start: int) -> str:
    """The words of the clause before position `start` ("; " and ", whereas" end clauses)."""
    before = sentence[:start]
    cut = max(before.rfind(";"), before.rfind(" whereas "), before.rfind(" while "))
    return before[cut + 1 :] if cut >= 0 else before


_REPLACED_WITH = re.compile(r"\breplac\w*\b[^.;]*?\s(?:with|by)\s", re.I)


def negated(sentence: str, start: int) -> bool:
    """True when the clause before `start` negates or contrasts ("unlike", "instead of");
    "replaces A with B" negates A, not B."""
    before = _clause_before(sentence, start).replace("*", "")  # "did *not* use"
    replaced = list(_REPLACED_WITH.finditer(before))
    if replaced:
        before = before[replaced[-1].end() :]
    return bool(_rules().negations.search(before))


def relation(sentence: str, start: int) -> tuple[str, str | None]:
    """(relation, score) of a name at `start` in `sentence`, read from the words before it."""
    before = _clause_before(sentence, start)
    rules = _rules()
    if negated(sentence, start):
        return "mentions", None
    for name, pattern in rules.relations:
        if pattern.search(before):
            score = rules.score_before.search(before) if name == "evaluated_on" else None
            return name, score.group("score").replace(" ", "") if score else None
    return "mentions", None


def _names_pattern(names: list[str]) -> re.Pattern[str] | None:
    """Any of `names` as written, also with a size after it ("Qwen2-VL-2B", "Qwen2-VL 7B")."""
    usable = sorted({n for n in names if len(n) >= _MIN_NAME}, key=len, reverse=True)
    if not usable:
        return None
    alternation = "|".join(re.escape(n) for n in usable)
    size = r"(?=[- ]\d+(?:\.\d+)?[BMK]\b)"
    return re.compile(r"(?<![\w.\-])(?:" + alternation + r")(?:(?![\w\-]|\.\w)|" + size + ")")


def _spelled_otherwise(sentence: str, keys: dict[str, str]) -> list[tuple[int, str]]:
    """Listed names written another way ("Qwen-2-VL 7B" for Qwen2-VL): name-like words whose
    key, without a trailing size, is a listed name's key."""
    found = []
    for match in re.finditer(r"(?<![\w.\-])[A-Z][\w.\-]*[\w](?:[ -](?:VL|V|\d[\w.]*))?", sentence):
        written = re.sub(r"[- ]\d+(?:\.\d+)?[BMK]$", "", match.group(0))
        name = keys.get(entity_key(written))
        if name is not None and written != name:
            found.append((match.start(), name))
    return found


def mentions_in(
    text: str,
    pattern: re.Pattern[str],
    own: set[str],
    keys: dict[str, str] | None = None,
    models: frozenset[str] = frozenset(),
) -> tuple[Mention, ...]:
    """The entities `pattern` (or, by key, `keys`) finds in `text` other than the entry
    itself, typed by the words before them. A model (`models`, as keys) is never data a
    model was trained on: "pre-trained using CLIP" only mentions CLIP."""
    found: dict[tuple[str, str], Mention] = {}
    for sentence in sentences(text):
        hits = [(m.start(), m.group(0)) for m in pattern.finditer(sentence)]
        hits += _spelled_otherwise(sentence, keys or {})
        for start, name in sorted(hits):
            if entity_key(name) in own:
                continue
            kind, score = relation(sentence, start)
            if kind in ("trained_on", "fine_tuned_on") and entity_key(name) in models:
                kind = "mentions"
            key = (entity_key(name), kind)
            if key not in found:
                found[key] = Mention(name, kind, score, sentence)
    return tuple(found.values())


def _entity_names(records: list[Record]) -> dict[str, str]:
    """Every listed entity's name and alias -> the kind of record naming it."""
    names: dict[str, str] = {}
    for record in records:
        if isinstance(record, ModelRecord | DatasetRecord | BenchmarkRecord | ToolRecord):
            for name in (record.name, *getattr(record, "aliases", ())):
                names.setdefault(name, type(record).__name__)
    return names


def _record_texts(records: list[Record]) -> dict[int, str]:
    """The text of each model record: its description, or the passage of its own lines."""
    passages = {
        (r.source.file, r.source.start_line, r.subject): r.text
        for r in records
        if isinstance(r, PassageRecord) and r.subject
    }
    texts: dict[int, str] = {}
    for index, record in enumerate(records):
        if isinstance(record, ModelRecord):
            key = (record.source.file, record.source.start_line, record.name)
            texts[index] = record.description or passages.get(key, "")
    return texts


def link_mentions(records: list[Record]) -> list[Record]:
    """`records` with each model's mentions of other listed entities, and the known
    components a write-up paragraph names with role words added to its parts."""
    names = _entity_names(records)
    pattern = _names_pattern(list(names))
    listed = {entity_key(n) for n, kind in names.items() if kind == "ModelRecord"}
    models = frozenset(listed)
    keys = {entity_key(n): n for n in names if len(n) >= _MIN_NAME}
    texts = _record_texts(records)
    members: dict[str, set[str]] = {}
    for record in records:
        if isinstance(record, ModelRecord) and record.series:
            members.setdefault(record.series, set()).add(entity_key(record.name))
    out: list[Record] = []
    for index, record in enumerate(records):
        text = texts.get(index, "")
        if not isinstance(record, ModelRecord) or not text:
            out.append(record)
            continue
        own = {entity_key(record.name), *(entity_key(a) for a in record.aliases)}
        if record.series:
            own.add(entity_key(record.series))
        own |= members.get(record.name, set())  # a series names its members: no edge
        found = mentions_in(text, pattern, own, keys, models) if pattern is not None else ()
        if record.continued or record.subtitle is not None:
            record = with_components(record, text, listed)
        if any(entity_key(c.name) in models for c in record.language_backbones):
            # "builds upon the InternLM-XComposer2 architecture": a listed model it is based
            # on, not its language model
            record = replace(
                record,
                language_backbones=tuple(
                    c for c in record.language_backbones if entity_key(c.name) not in models
                ),
                based_on=tuple(
                    dict.fromkeys(
                        (
                            *record.based_on,
                            *(
                                c.name
                                for c in record.language_backbones
                                if entity_key(c.name) in models
                            ),
                        )
                    )
                ),
            )
        if any(entity_key(t) in models for t in record.training_data):
            # a listed model is not data: "pre-trained using CLIP" names a method
            data = tuple(t for t in record.training_data if entity_key(t) not in models)
            record = replace(record, training_data=data)
        if found:
            # the write-up's own benchmark mentions stay, with the listed entities named
            taken = {(entity_key(m.name), m.relation) for m in found}
            kept = tuple(
                m for m in record.mentions if (entity_key(m.name), m.relation) not in taken
            )
            record = replace(record, mentions=(*kept, *found))
        out.append(record)
    return out


def _candidates(sentence: str) -> list[tuple[int, str]]:
    """Known component names in `sentence`, the longest reading first: (position, name)."""
    found = []
    for match in _NAME_RUN.finditer(sentence):
        words = [(w.start(), w.group(0)) for w in re.finditer(r"\S+", match.group(0))]
        index = 0
        while index < len(words):
            # the longest known span from this word: "CodeLlama 34B Instruct" as one name
            for end in range(len(words), index, -1):
                phrase = " ".join(w for _, w in words[index:end])
                if phrase in _GENERIC or len(phrase) < 2:
                    continue
                if ends_in_role_adjective(phrase):
                    continue  # "SigLip-400M Audio (Encoder)": the name ends before "Audio"
                if is_known(phrase) and not is_vlm_name(phrase):
                    found.append((match.start() + words[index][0], phrase))
                    index = end - 1
                    break
            index += 1
    return found


def _roles(sentence: str, start: int, end: int) -> set[str]:
    """The parts role words in the 60 characters around a name speak of."""
    window = sentence[max(0, start - 60) : end + 60]
    return {role for role, pattern in _rules().roles.items() if pattern.search(window)}


def with_components(record: ModelRecord, text: str, listed: set[str]) -> ModelRecord:
    """`record` with the known vision encoders and language models its text names where
    the words around them say so, unless the clause negates or compares ("unlike X").
    Names of listed entries (`listed`, as keys) and organisations are not parts."""
    vision = list(record.vision_encoders)
    language = list(record.language_backbones)
    written = {
        "vision": list(record.vision_encoder_text),
        "language": list(record.language_backbone_text),
    }
    rules = _rules()
    own = entity_key(record.series or record.name)
    for sentence in sentences(text):
        for match in rules.paradigm.finditer(sentence):
            _add(
                vision,
                resolve_component(match.group("vision"), "vision_encoder"),
                written["vision"],
                match.group("vision"),
            )
        vision_ends: list[int] = []  # where this sentence names a vision part
        for start, phrase in _candidates(sentence):
            key = entity_key(phrase)
            if key.startswith(own) or phrase in organizations():
                continue
            if rules.style_suffix.search(phrase) or rules.compound.search(phrase):
                continue  # "CLIP-style", the "InternViT-MLP-LLM" structure
            initialized = False
            if is_descriptive(phrase):
                base = derived_from(phrase)  # "a SAM-derived pathway" -> SAM
                if base is None:
                    continue  # "Clip-level Compression"
                # "the Qwen2.5-initialized transformer": the weights it starts from
                initialized = bool(re.search(r"initiali[sz]ed", phrase, re.I))
                phrase = base
            before = _clause_before(sentence, start)
            if rules.negations.search(before) or re.search(
                r"outperform|surpass|better than", before
            ):
                continue
            component = resolve_component(phrase, "other")
            roles = _roles(sentence, start, start + len(phrase))
            if key in listed and component.kind not in roles:
                # a listed entry ("CLIP", "ViT" have write-ups of their own) is a part only
                # where the words around it name that part: "vision transformer encoders
                # from CLIP", not "builds upon the CLIP model"
                continue
            if component.kind == "vision_encoder" and (
                "vision_encoder" in roles or phrase not in rules.generic_vision
            ):
                _add(vision, component, written["vision"], phrase)
                vision_ends.append(start + len(phrase))
            elif component.kind == "language_model" and (
                "language_model" in roles
                or _paired(sentence, vision_ends, start)
                or (initialized and "vision_encoder" not in roles)
            ):
                _add(language, component, written["language"], phrase)
    return replace(
        record,
        vision_encoders=tuple(vision),
        language_backbones=tuple(language),
        vision_encoder_text=tuple(written["vision"]),
        language_backbone_text=tuple(written["language"]),
    )


# what may stand between a vision part and the language model it is paired with
_JOINED = re.compile(
    r"^\)?(?:\s*\([^()]*\))?\s*,?\s*(?:and|with|to|plus)\s+(?:(?:an?|the|its)\s+)?"
    r"(?:(?:pre-?trained|frozen|powerful|large)\s+)?$",
    re.I,
)


def _paired(sentence: str, vision_ends: list[int], start: int) -> bool:
    """True when a known language model is joined to the vision part named just before it:
    "CLIP's Vision Transformer (ViT-L/14) and LLaMA2", "SigLIP with Qwen2"."""
    return any(_JOINED.match(sentence[end:start]) for end in vision_ends if end <= start)


def _add(parts: list[Component], component: Component, written: list[str], phrase: str) -> None:
    """Add a part once, and the phrase as written when it differs from the part's name."""
    if all(c.name != component.name for c in parts):
        parts.append(component)
    if phrase != component.name and phrase not in written:
        written.append(phrase)

"""Model write-ups: a heading per model ("### **Kimi K3: Kimi Delta Attention ...**") with a
summary, badge links, an authors and release line, and paragraphs of prose.

One model per heading (the name before the colon, the subtitle kept); facts are read from
each paragraph by the sentence patterns and cited to that paragraph's lines; every
paragraph also stays a passage of the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ingest._benchmarks import evaluated_on, stated_as_data
from ingest._cells import date_cell
from ingest._entries import links, split_alias
from ingest._enumerations import enumerated, release_sizes
from ingest._fieldbullets import year_field
from ingest._headings import heading_kind
from ingest._members import member_names, members
from ingest._numbers import number, sentences
from ingest._papers import arxiv_year
from ingest._tables import column_meaning
from ingest._vocabulary import vocabulary
from ingest.gazetteer import organizations, resolve_component
from ingest.markdown import Bullet, Paragraph, Section, Table
from ingest.names import entity_key
from ingest.records import (
    Link,
    ModelRecord,
    ParameterCount,
    PassageRecord,
    Record,
    Source,
    TableRowRecord,
)

_RELEASED = re.compile(
    r"\b(?:Released|Release date|Date|Published)\s*:\s*(?P<date>[^|]+?)\s*$", re.I
)
_ORG_WORDS = re.compile(
    r"\b(?:AI|Lab|Labs|Team|University|Institute|Inc|Research|Academy|Group|Corporation|"
    r"Laboratory|College|Foundation|Technologies|Tech)\b\.?$"
)
_LABEL = re.compile(r"^(?P<label>[A-Z][\w ]{2,40}):\s+(?P<text>.+)$")

ReadText = Callable[[str, str, Source], ModelRecord]


_GENERIC_TAIL = re.compile(
    r"\s+(?:(?:Large\s+)?(?:Vision[- ]Language|Multimodal|Multi-modal|Visual)(?:\s+Large)?"
    r"(?:\s+Language)?\s+Models?|VLMs?|MLLMs?|LMMs?|Models?)$",
    re.I,
)


def short_name(name: str) -> str | None:
    """The name without a generic tail: "PaLI-3 Vision Language Models" -> "PaLI-3"; None
    when there is no such tail or nothing name-like is left."""
    short = _GENERIC_TAIL.sub("", name).strip()
    if short == name or not re.search(r"[A-Z0-9]", short) or short in ("The", "A", "An", "Our"):
        return None
    return short


def heading_name(title: str) -> tuple[str, str | None]:
    """(model name, subtitle) of a write-up heading: "Kimi K3: Kimi Delta ..." -> both."""
    name, colon, subtitle = title.partition(": ")
    return name.strip(), (subtitle.strip() or None) if colon else None


# A parenthesis after a name in a heading: "ImageBind (Meta, 2023)"
_PARENTHESIS = re.compile(r"\s*\(([^()]+)\)")


def heading_fields(name: str) -> tuple[str, dict[str, tuple[str | None, str | None, int | None]]]:
    """A write-up heading's name without the parentheses that state its fields, and
    (organisation, date, year) by the name each follows: "GLIP (Microsoft, 2021) and
    Alpha-CLIP (Zeyi Sun et al., 2023)" -> "GLIP and Alpha-CLIP". A parenthesis is fields
    when it holds a year or date and nothing but an organisation or authors besides ("(CFD)",
    "(7B)" stay the name's)."""
    said: dict[str, tuple[str | None, str | None, int | None]] = {}
    kept: list[str] = []
    at = 0
    for match in _PARENTHESIS.finditer(name):
        fields = _parenthesis_fields(match.group(1))
        if fields is None:
            continue
        before = name[at : match.start()]
        kept.append(before)
        owner = re.split(r"\s+(?:and|&)\s+|,\s*", "".join(kept).strip())[-1].strip()
        said[owner] = fields
        at = match.end()
    if not said:
        return name, {}
    if len(said) == 1 and not name[at:].strip():
        # one parenthesis closing the heading is of every name it follows ("Phi-3-Vision
        # and Phi-3.5-Vision (Microsoft, 2024)"): keyed "" for all of them
        said[""] = next(iter(said.values()))
    kept.append(name[at:])
    return re.sub(r"\s+", " ", "".join(kept)).strip(), said


def _parenthesis_fields(inner: str) -> tuple[str | None, str | None, int | None] | None:
    organization = date = year = None
    for part in (p.strip() for p in inner.split(",")):
        if (stated := year_field(part)) is not None:
            year = year or stated
        elif len(part.split()) <= 4 and date_cell(part)[0]:
            date, year = date or date_cell(part)[0], year or date_cell(part)[1]
        elif re.search(r"\bet al\.?$", part):
            continue  # "Zeyi Sun et al.": authors, no organisation
        elif re.fullmatch(r"[\w.&'-]+(?:\s[\w.&'-]+){0,5}", part) and re.search(r"[A-Z]", part):
            organization = organization or part  # "Meta", "mPLUG-Owl Team"
        else:
            return None
    return (organization, date, year) if year is not None else None


def is_write_up(section: Section) -> bool:
    """True for a heading that describes one model in prose rather than listing entries:
    no sub-headings, no tables or entry bullets, and either a "Name: subtitle" heading or
    prose that does not open with a bold entry name."""
    if section.children or not section.blocks:
        return False
    if ": " not in section.title and heading_kind(section.title, None) is not None:
        return False  # "Models", "Data": the heading names a kind of entry, not one model
    if any(isinstance(b, Table) for b in section.blocks):
        return False
    paragraphs = [b for b in section.blocks if isinstance(b, Paragraph) and b.text.strip()]
    bullets = [b for b in section.blocks if isinstance(b, Bullet)]
    if not paragraphs or len(bullets) > len(paragraphs):
        return False
    if ": " in section.title and len(section.title.split(": ", 1)[0].split()) <= 8:
        return True
    first = paragraphs[0].markdown.lstrip()
    return not first.startswith(("**", "__", "["))


def _is_badges(block: Paragraph) -> bool:
    return block.markdown.lstrip().startswith("[![")


def _badge_rest(block: Paragraph) -> str:
    """What a badge paragraph says besides its badges (often the authors line)."""
    rest = block.text
    for ref in block.links:
        rest = rest.replace(ref.text, "", 1)
    return rest.strip(" |")


def _authors_and_date(text: str) -> tuple[str | None, str | None, int | None]:
    released = _RELEASED.search(text)
    date, year = date_cell(released.group("date")) if released else (None, None)
    authors = text[: released.start()] if released else text
    authors = authors.strip(" ,;")
    return authors or None, date, year


def _link_owner(found: list[Link]) -> str | None:
    """The known organisation whose account holds the code or weights
    ("github.com/ByteDance-Seed/Bagel", "huggingface.co/bytedance/..." -> ByteDance), when
    the write-up names none itself; an account of a person or an unknown lab is none."""
    known = {o.lower(): o for o in organizations()}
    # an account may write the name without its spaces: "MoonshotAI" is Moonshot AI
    squeezed = {_squeezed(o): o for o in organizations()}
    owners = []
    for link in found:
        if link.kind not in ("github", "huggingface"):
            continue
        path = re.sub(r"^https?://[^/]+/", "", link.url).split("/")
        owners.append(path[1] if path[0] in ("datasets", "spaces") and len(path) > 1 else path[0])
    for owner in owners:
        for name in (owner, owner.split("-")[0]):
            if name.lower() in known:
                return known[name.lower()]
    for owner in owners:
        if _squeezed(owner) in squeezed:
            return squeezed[_squeezed(owner)]
    return None


def _squeezed(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.lower())


def _creator(name: str, authors: str | None, said: str | None, found: list[Link]) -> str | None:
    """The organisation of a write-up: its authors line's, else the one its prose names,
    else the known owner of its code or weights. A team named for the model itself ("Kimi
    Team" of Kimi-VL) gives way to that owner (github.com/MoonshotAI -> Moonshot AI)."""
    written = _organization(authors)
    team = re.fullmatch(r"(.+?)\s+Teams?", written or "")
    if team and name.lower().startswith(team.group(1).lower()):
        return _link_owner(found) or written
    return written or said or _link_owner(found)


def _organization(authors: str | None) -> str | None:
    """The organisation an authors line names last: "Kimi Team, Moonshot AI" -> "Moonshot AI"."""
    if not authors:
        return None
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", authors) if p.strip()]
    last = parts[-1]
    known = organizations()
    if last in known:
        return last
    if _ORG_WORDS.search(last):
        # "Baidu ERNIE Team": a team of a known organisation is that organisation's work
        team = re.fullmatch(r"(?P<org>.+?)\s+\S+(?:\s+\S+)?\s+Teams?", last)
        if team and team.group("org") in known:
            return team.group("org")
        return last
    if len(parts) >= 2 and "et al" in parts[-2]:
        return last
    if len(parts) == 1 and re.fullmatch(r"[A-Z][\w.&-]+", last):
        return last  # "Zyphra": a one-word authors line names no person
    return None


def _looks_like_authors(block: Paragraph) -> bool:
    """A line of names: no sentence end, mostly capitalised comma-separated words."""
    text = block.text.strip()
    if _RELEASED.search(text):
        return True
    if text.endswith(".") or len(text) > 400:
        return False
    parts = [p.strip() for p in text.split(",") if p.strip()]
    return bool(parts) and all(p[:1].isupper() for p in parts) and len(text.split()) <= 60


def _is_part_name(name: str) -> bool:
    """Prose patterns catch whole clauses ("Mistral-7B model serves"); a part's name is a
    few words, each with a capital or a digit."""
    words = name.split()
    return 0 < len(words) <= 4 and all(re.search(r"[A-Z0-9]", w) for w in words)


_DATA_NOUN = re.compile(
    r"\b(?:data|datasets?|pairs|images|captions|samples|videos|corpus|corpora|texts?|"
    r"documents|tokens|examples|annotations|instructions)\b",
    re.I,
)
_METHOD_WORD = re.compile(
    r"\b(?:\w*training|\w*tuning|distillation|learning|alignment|objectives?|tasks?|stages?)\b",
    re.I,
)


_NOT_DATA = re.compile(
    r"^(?:\d[\d.,]*[KMBT]?|[A-Z][a-z]+ly|SFT|DPO|RLHF|PPO|GRPO|RL|Evaluation|Initial)$|"
    r"\blearning rate\b|^[^(]*\)$|"
    # a kind of task or file, not a dataset: "OCR", "GUI", "PDFs" (of "OCR, GUI and PDF data")
    r"^(?:OCR|GUI|VQA|QA|ASR|TTS|PDFs?|E-books?)$|"
    # a clause, not a name: "a dataset that is representative", "a diverse dataset
    # encompassing web screenshots", "200x larger ... data", "80 languages"
    r"\b(?:that|which|is|are|was|were)\b|\b(?:data\s?sets?|data|corpus|mixture)\s+\w+ing\b|"
    r"^\d+x\b|^\d[\d,]*\s+languages$"
)


def _is_training_data(phrase: str) -> bool:
    """A name ("WebLI", "LAION-5B"), or a few words naming data ("6B image-text pairs");
    not a word alone ("data"), a bare number, a sentence adverb ("Additionally"), a
    language, a method ("continued pretraining", "Instruction Tuning", "SFT") or a task
    mixture."""
    words = phrase.split()
    if not words or len(words) > 6 or _NOT_DATA.search(phrase):
        return False
    if words[0] in vocabulary().languages and (len(words) == 1 or _DATA_NOUN.fullmatch(words[1])):
        return False  # "Arabic", "English data": a language the data covers, not a dataset
    if _METHOD_WORD.search(phrase) and not _DATA_NOUN.search(phrase) and " " in phrase:
        return False
    if re.search(r"[A-Z0-9]", phrase):
        return re.sub(r"[^\w]", "", phrase).lower() not in ("pretraining", "finetuning")
    return len(words) >= 2 and bool(_DATA_NOUN.search(phrase)) and not _METHOD_WORD.search(phrase)


_TRAINING_WORD = re.compile(r"\b(?:\w*train\w*|\w*tun(?:e|ed|ing)|curricul\w*|recipe)\b", re.I)


def _stages_of_training(text: str) -> bool:
    """True when a sentence stating a number of stages is about training ("a 4-stage
    training pipeline"), not about reasoning ("a four-stage reasoning process")."""
    return any(
        vocabulary().training_stages.search(s) and _TRAINING_WORD.search(s) for s in sentences(text)
    )


_ACTIVATED = re.compile(
    r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s?(?P<u>billion|B)\s+(?:parameters\s+)?(?:are\s+|is\s+)?"
    r"(?:activated|active)\b"
)


def _stated_sizes(record: ModelRecord, text: str) -> tuple[ParameterCount, ...]:
    """Sizes the prose states without a "parameters" noun: the model's own name with a size
    ("OtterHD-8B", "MiMo-VL-7B"; not another model's "Fuyu-8B") and an activated count
    ("but only 45.9 billion are activated")."""
    names = sorted({record.name, *record.aliases} - {""}, key=len, reverse=True)
    found: list[ParameterCount] = []
    if names:
        own = re.compile(
            # "PALI-17B" of PaLI: the name in any case
            r"(?<![\w.\-])(?i:" + "|".join(map(re.escape, names)) + r")[- ]"
            r"(?P<n>\d+(?:\.\d+)?)(?P<u>[BMT])(?![\w\-]|\.\d)"
        )
        for match in own.finditer(text):
            written = match.group("n") + match.group("u")
            found.append(ParameterCount(number(match.group("n"), match.group("u")), written))
    for match in _ACTIVATED.finditer(text):
        written = match.group(0)
        value = number(match.group("n"), match.group("u"))
        found.append(ParameterCount(value, written, active=True))
    return tuple(dict.fromkeys(found))


# "connects Hy-ViT2 to a 30B-total language model", "couples the native-resolution MoonViT
# encoder to a sparse decoder", "combines a frozen SigLIP vision encoder with the Gemma-2B
# language model": the part joined to the language side is the vision encoder, the named
# language side the language model.
_JOINED_PARTS = re.compile(
    r"\b(?:connects|couples|pairs|joins|combines|attaches)\s+(?:an?\s+|the\s+|its\s+)?"
    r"(?:[a-z][\w-]*\s+){0,3}?(?P<vision>[A-Z][\w.+\-/]*[\w+](?:[ -][A-Z0-9][\w.\-]*)?)"
    r"(?:\s+(?:vision\s+|visual\s+|image\s+)?(?:encoder|tower|backbone))?\s+(?:to|with)\s+"
    r"(?:an?\s+|the\s+|its\s+)?(?:[\w.\-]+,?\s+){0,4}?"
    r"(?:(?P<language>[A-Z][\w.+\-]*\d[\w.+\-]*|[A-Z][a-z]+[A-Z0-9][\w.+\-]*)\s+)?"
    r"(?:(?:autoregressive\s+|causal\s+)?(?:language\s+(?:model|decoder|backbone)|LLM|decoder))\b"
)


def _joined_parts(record: ModelRecord, text: str) -> ModelRecord:
    """`record` with the vision encoder and language model a "connects A to B" sentence
    names, when the record has no part of that kind with that name."""
    vision = list(record.vision_encoders)
    language = list(record.language_backbones)
    for match in _JOINED_PARTS.finditer(text):
        for group, parts, role in (
            ("vision", vision, "vision_encoder"),
            ("language", language, "language_model"),
        ):
            name = match.group(group)
            if not name or not _is_part_name(name) or name in organizations():
                continue
            component = resolve_component(name, role)
            if all(c.name != component.name for c in parts):
                parts.append(component)
    return replace(record, vision_encoders=tuple(vision), language_backbones=tuple(language))


def _active_as_written(counts: tuple[ParameterCount, ...], text: str) -> tuple[ParameterCount, ...]:
    """`counts` with an active count's text as the list writes it ("2.8B activated" of
    "16B total and 2.8B activated decoder parameters"), so it does not read as a total."""
    out = []
    for count in counts:
        if count.active and not re.search(r"activ", count.text, re.I):
            written = re.search(
                r"(?<![\w.])" + re.escape(count.text) + r"\s+(?:\w+\s+)?(?:activated|active)\b",
                text,
            )
            if written:
                count = replace(count, text=re.sub(r"\s+\w+\s+(?=activ)", " ", written.group(0)))
        out.append(count)
    return tuple(out)


_COUNT = re.compile(r"\s*\((?:~|≈|over\s+)?\d[\d.,]*\s?[KMB]?\+?(?:\s+(?:samples|images|pairs))?\)")


def _tidy(record: ModelRecord, text: str = "") -> ModelRecord:
    """`record` without the clause-like parts prose patterns read as names, with the
    datasets `text` enumerates ("supported by datasets such as RefCOCO, WebLI"), the
    benchmarks it says the model is evaluated on ("achieves 72.4% on Video-MME", as
    evaluated_on mentions) and the sizes of its releases ("in 1.2B, 2.7B, and 7B variants").
    A benchmark is no training data unless a sentence also lists it as data."""
    text = _COUNT.sub("", text)  # "RefCOCO (17K), RefCOCO+ (17K)": the sizes end no list
    data, _ = enumerated(text)
    benchmarks = evaluated_on(text)
    as_data = stated_as_data(text, [m.name for m in benchmarks])
    only_evaluated = {entity_key(m.name) for m in benchmarks} - as_data
    stated = {(c.value, c.active) for c in record.parameters}
    sizes = tuple(
        dict.fromkeys(
            c
            for c in (*release_sizes(text), *_stated_sizes(record, text))
            if (c.value, c.active) not in stated
        )
    )
    stages = record.training_stages if _stages_of_training(text) else None
    record = _joined_parts(record, text)
    own = {entity_key(n) for n in (record.name, *record.aliases)}

    def part(name: str) -> bool:  # a model is no part of itself ("MiniCPM-V 4.6, released")
        return _is_part_name(name) and entity_key(name) not in own

    return replace(
        record,
        training_stages=stages,
        parameters=_active_as_written((*record.parameters, *sizes), text),
        vision_encoders=tuple(c for c in record.vision_encoders if part(c.name)),
        language_backbones=tuple(c for c in record.language_backbones if part(c.name)),
        components=tuple(c for c in record.components if part(c.name)),
        based_on=tuple(b for b in record.based_on if _is_part_name(b)),
        training_data=tuple(
            dict.fromkeys(
                t
                for t in (*record.training_data, *data)
                if _is_training_data(t) and entity_key(t) not in only_evaluated
            )
        ),
        mentions=(*record.mentions, *benchmarks),
    )


def _names_data(name: str, text: str) -> bool:
    """ "Molmo and PixMo" where the text says "PixMo datasets": PixMo is data, not a model."""
    pattern = (
        r"\b" + re.escape(name) + r"(?:[\w-]*)\s+(?:datasets?|data|corpus|corpora|benchmarks?)\b"
    )
    return bool(re.search(pattern, text))


def _successor(block: Paragraph | Bullet, text: str, heading: str) -> bool:
    """True for a paragraph about a later release the heading does not name: "**MiniCPM-V
    4.5**, released in September 2025, keeps ... a unified 3D-Resampler"."""
    if not block.strong or not text.startswith(block.strong[0]):
        return False
    named = block.strong[0].strip()
    if named.lower() in heading.lower():
        return False  # "Janus-Pro" of "Janus and Janus-Pro": the write-up's own model
    return bool(re.match(re.escape(named) + r",?\s+(?:was\s+)?released\b", text))


def _later_releases(block: Paragraph | Bullet, text: str) -> list[tuple[str, str]]:
    """(name, its sentences) of each later release a successor paragraph introduces by a
    bold name opening a sentence: "**MiniCPM-V 4.6**, released in May 2026, returns to ...
    SigLIP2-400M, Qwen3.5-0.8B" -> ("MiniCPM-V 4.6", that sentence and those up to the next
    such name)."""
    starts = sorted(
        (match.start(), named.strip())
        for named in dict.fromkeys(block.strong)
        for match in re.finditer(
            r"(?:^|(?<=[.!?]\s))" + re.escape(named.strip()) + r",?\s+(?:was\s+)?released\b",
            text,
        )
    )
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return [
        (named, text[start:end].strip()) for (start, named), end in zip(starts, ends, strict=True)
    ]


def _later_release_records(
    block: Paragraph | Bullet, text: str, main: ModelRecord, span: Source, read: ReadText
) -> list[ModelRecord]:
    """A model per later release a successor paragraph names, a member of the write-up's
    model, with the facts of its own sentences (its release date among them)."""
    found = []
    for named, own in _later_releases(block, text):
        record = _tidy(read(named, own, span), own)
        found.append(
            replace(
                record,
                description=own,
                organization=record.organization or main.organization,
                series=main.name,
                variants=(),
            )
        )
    return found


def write_up_records(
    section: Section, source: Callable[[int, int], Source], read: ReadText
) -> list[Record]:
    """The model of a write-up section, its later paragraphs' facts and its passages."""
    name, subtitle = heading_name(section.title)
    name, said = heading_fields(name)
    name, aliases = split_alias(name)
    if not name:
        return []
    short = short_name(name)
    aliases = (*aliases, short) if short else aliases
    found_links: list[Link] = []
    authors: str | None = None
    date: str | None = None
    year: int | None = None
    summary: Paragraph | None = None
    header_end = section.start_line
    prose: list[Paragraph | Bullet] = []
    for block in section.blocks:
        if not isinstance(block, Paragraph | Bullet):
            continue
        if isinstance(block, Paragraph) and _is_badges(block):
            found_links.extend(links(block.links))
            rest = _badge_rest(block)
            if rest and authors is None:
                authors, date, year = _authors_and_date(rest)
            header_end = max(header_end, block.end_line)
        elif isinstance(block, Paragraph) and summary is None and not prose:
            summary = block
            header_end = max(header_end, block.end_line)
        elif (
            isinstance(block, Paragraph)
            and authors is None
            and not prose
            and _looks_like_authors(block)
        ):
            authors, date, year = _authors_and_date(block.text)
            header_end = max(header_end, block.end_line)
        else:
            prose.append(block)
    year = year or next((arxiv_year(k.arxiv_id) for k in found_links if k.arxiv_id), None)
    head = source(section.start_line, header_end)
    description = summary.text if summary is not None else ""
    main = _tidy(read(name, description, head), description)
    main = replace(
        main,
        description=description,
        aliases=tuple(dict.fromkeys((*aliases, *main.aliases))),
        subtitle=subtitle,
        authors=authors,
        date=date,
        year=year or main.year,
        organization=_creator(name, authors, main.organization, found_links),
        links=tuple(dict.fromkeys(found_links)),
    )
    if said:
        main = _with_heading_fields(main, said.get(name) or next(iter(said.values())))
    else:
        said = {}
    records: list[Record] = [main]
    for block in prose:
        span = source(block.start_line, block.end_line)
        text = block.text.strip()
        label = _LABEL.match(text) if block.strong and text.startswith(block.strong[0]) else None
        facet = label.group("label") if label and label.group("label") != name else None
        records.append(PassageRecord(text, "prose", name, facet, span, subject=name))
        if _successor(block, text, section.title):
            # a passage of the model, but the facts are another release's
            records.extend(_later_release_records(block, text, main, span, read))
            continue
        facts = _tidy(read(name, text, span), text)
        # the header and summary date the model; a later paragraph's date is a
        # successor's ("MiniCPM-o 4.5, released in April 2026, evolves this family")
        facts = replace(facts, year=None, date=None)
        records.append(replace(facts, description="", variants=(), continued=True))
    text = " ".join([description, *(b.text for b in prose)]).replace("**", "")
    names = tuple(n for n in member_names(name) if not _names_data(n, text))
    if len(names) == 2:
        found = members(main, names, text, lambda n, t: read(n, t, head))
        records.extend(
            _with_heading_fields(r, said[r.name], own=True)
            if isinstance(r, ModelRecord) and r.name in said
            else _with_heading_fields(r, said[""])
            if isinstance(r, ModelRecord) and "" in said
            else r
            for r in found
        )
    return records


def _with_heading_fields(
    record: ModelRecord, fields: tuple[str | None, str | None, int | None], own: bool = False
) -> ModelRecord:
    """`record` with the organisation and date its heading states: the list's own words
    come first. `own`: the fields follow this member's name, so an organisation they do not
    state is none ("Alpha-CLIP (Zeyi Sun et al., 2023)"), not the series' first member's."""
    organization, date, year = fields
    return replace(
        record,
        organization=organization if own else organization or record.organization,
        date=date or record.date,
        year=year or record.year,
    )


def _row_dates(records: list[Record]) -> dict[tuple[str, str], tuple[str | None, int]]:
    """(file, name key) -> (date, year) of the table rows keyed by one name that state a
    date ("| 2025-02-08 | EVEv2 | ... |" under a Date header); a name two rows date
    differently dates nothing."""
    dates: dict[tuple[str, str], set[tuple[str | None, int]]] = {}
    for record in records:
        if not isinstance(record, TableRowRecord):
            continue
        for header, cell in record.cells:
            if column_meaning(header) != "year" or cell.strip() == record.key:
                continue
            date, year = date_cell(cell)
            if year is None:
                continue
            name, aliases = split_alias(record.key)  # "xGen-MM (BLIP-3)"
            for written in {record.key, name, *aliases} - {""}:
                key = (record.source.file, entity_key(written))
                dates.setdefault(key, set()).add((date, year))
    return {key: next(iter(found)) for key, found in dates.items() if len(found) == 1}


def dated_by_rows(records: list[Record]) -> list[Record]:
    """`records` with each model whose own lines state no date dated by its row in a table
    of the same list (a write-up's row in a release timeline): the list's stated date, not
    the year of an arXiv id, which is the paper's."""
    dates = _row_dates(records)
    if not dates:
        return records
    out: list[Record] = []
    for record in records:
        if isinstance(record, ModelRecord) and not (record.continued or record.series):
            names = (record.name, *record.aliases)
            found = next(
                (dates[k] for n in names if (k := (record.source.file, entity_key(n))) in dates),
                None,
            )
            if found is not None and record.date is None:
                date, year = found
                record = replace(record, date=date, year=year)
        out.append(record)
    return out

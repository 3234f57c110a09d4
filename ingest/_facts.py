"""Sentence patterns for the other facts of a description: organisation, training data,
benchmark results, languages, license, speed-up, architecture labels, variants."""

from __future__ import annotations

import re
from functools import cache

from ingest._cells import date_cell
from ingest._components import split_list
from ingest._numbers import sentences, size_cell
from ingest._tables import no_value
from ingest._vocabulary import vocabulary
from ingest.gazetteer import is_known, is_organization_name, normalise, organizations
from ingest.records import BenchmarkResult

_ORG_PATTERNS = (
    re.compile(
        r"\b(?i:developed|released|created|built|introduced|published|trained) by "
        r"(?P<org>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*)"
    ),
    re.compile(r"\b(?:models?|family|series) by (?P<org>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*)"),
    re.compile(r"^(?:[Ff]rom |[Bb]y )(?P<org>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*)"),
)


@cache
def _known_organization() -> re.Pattern[str]:
    known = "|".join(re.escape(o) for o in organizations())
    return re.compile(r"\b(?:by|from) (?:the )?(?P<org>" + known + r")\b")


@cache
def _possessive_organization() -> re.Pattern[str]:
    """ "Meta's MoE models", "Google’s Gemma": a known organisation's own model(s)."""
    known = "|".join(re.escape(o) for o in organizations())
    return re.compile(
        r"(?:^\W*|\b(?:is|was|are)\s+)(?:(?:an?|the)\s+)?(?P<org>" + known + r")['’]s\b"
    )


_ORG_WORD = r"[A-Z][\w&-]*(?:\.[\w&-]+)*"  # "Labs", "01.AI"; not "Labs." ending a sentence
_FROM_ORGANIZATION = re.compile(
    r"\b(?:from|by)\s+(?:the\s+)?(?P<org>" + _ORG_WORD + r"(?:\s+(?:" + _ORG_WORD + r"|for|of|&))*)"
)


def organization(text: str, hints: list[str]) -> str | None:
    """The organisation behind a model: "Developed by Mistral AI", "by Ai2", "Microsoft's"."""
    for pattern in _ORG_PATTERNS:
        match = pattern.search(text)
        if match:
            return match.group("org").strip().rstrip(".")
    match = _known_organization().search(text)
    if match:
        return match.group("org")
    first = sentences(text)[:1]
    match = _possessive_organization().search(first[0]) if first else None
    if match:
        return match.group("org")
    for match in _FROM_ORGANIZATION.finditer(text):
        # "from Northwind Labs": a name no list holds, known by its last word
        if is_organization_name(match.group("org")):
            return match.group("org")
    return hints[0] if hints else None


_RELEASED = re.compile(
    r"\b(?i:released|launched|introduced|announced|published|unveiled|came out|open-sourced)"
    r"\s+(?:(?:in|on)\s+)?(?P<when>(?:(?:early|mid|late)[- ])?(?:\d{1,2}\s+)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+)?(?:\d{1,2},?\s+)?(?:19|20)\d\d(?:-\d\d(?:-\d\d)?)?)\b"
)


def release_date(text: str) -> tuple[str | None, int | None]:
    """(ISO date or year-month, year) a sentence says the model was released on: "released
    in July 2026" -> ("2026-07", 2026), "launched on 2025-08-11", "released in 2024"."""
    match = _RELEASED.search(text)
    return date_cell(match.group("when")) if match else (None, None)


_TRAINED_ON = re.compile(
    r"\b(?:pre-?trained|trained|fine-?tuned|instruction-tuned)(?: \w+ly)? on "
    r"(?P<x>(?:[^.;,]|\.(?=\w))+)",
    re.I,
)
_TRAINING_DATA = re.compile(
    r"\b(?:pre-?)?(?:training|fine-?tuning|instruction tuning) (?:data |corpus |mixture |sources "
    r"|datasets |sets )?(?:includes?|consists of|comprises?|covers?|uses?|draws on|combines)"
    r" (?P<x>(?:[^.;]|\.(?=\w))+)",
    re.I,
)


_NEXT_CLAUSE = re.compile(
    r",?\s+and\s+(?=(?:also\s+)?(?:supports?|uses?|has|is|was|adds?|achieves?|reaches|offers|"
    r"provides|runs|handles|outperforms|excels|ranks|scores|beats|matches|introduces)\b)"
)
_DETAIL = re.compile(r"^(?:comprising|including|containing|covering|spanning|totall?ing|with)\b")


_DATASETS_SUCH_AS = re.compile(
    r"\bdatasets?\s+(?:such as|like|including|as)\s+(?P<x>(?:[^.;]|\.(?=\w))+)", re.I
)
_NAMED_DATASET = re.compile(
    r"\b(?:the\s+)?(?P<a>[A-Z][\w\-]*\d*[\w\-]*)\s+dataset\b|\bdataset\s+(?P<b>[A-Z][A-Za-z]*[A-Z][\w\-]*)\b"
)


def _datasets_in_training_sentences(text: str) -> list[str]:
    """ "supported by datasets such as WebLI, CC3M-35L" / "the WebLI dataset is integral to
    the model's training": datasets a sentence about training names."""
    found: list[str] = []
    for sentence in sentences(text):
        if not re.search(r"\btrain", sentence, re.I):
            continue
        for match in _DATASETS_SUCH_AS.finditer(sentence):
            listing = re.split(r"\s+(?:for|to|with|from|further|along)\s+", match.group("x"))[0]
            found.extend(p for p in split_list(listing) if re.match(r"^[A-Z][\w\-]*\w$", p))
        for match in _NAMED_DATASET.finditer(sentence):
            name = match.group("a") or match.group("b")
            if name and re.search(r"[A-Z].*[A-Z]|\d", name):  # "WebLI", "LAION-5B": not "The"
                found.append(name)
    return found


_LIST_TAIL = re.compile(
    r",?\s+(?:among others|and (?:many )?others|etc\.?)(?!\w)"
    r"|,\s+and\s+(?:it|they|this|the model)\b"
)


def training_data(text: str) -> tuple[str, ...]:
    """Datasets or data kinds a description says the model was trained on."""
    found: list[str] = _datasets_in_training_sentences(text)
    for match in _TRAINED_ON.finditer(text):
        data = re.split(r"\s+(?:for|to|with|from)\s+", match.group("x").strip())[0]
        data = _NEXT_CLAUSE.split(data)[0]  # "... and COYO-700M and supports a 32K context"
        found.extend(p for p in re.split(r"\s+&\s+|\s+and\s+", data) if p)
    for match in _TRAINING_DATA.finditer(text):
        listing = _LIST_TAIL.split(match.group("x"))[0]  # ", among others, and it can ..."
        found.extend(
            p
            for p in split_list(listing)
            if p.lower().rstrip(".") != "etc" and not _DETAIL.match(p)
        )
    return tuple(dict.fromkeys(p.strip() for p in found if p.strip()))


_RESULT = re.compile(
    r"(?P<score>\d+(?:\.\d+)?%) on (?P<bench>[A-Z][\w\-.²]*(?:[ -][A-Z0-9][\w\-.]*)*)"
    r"(?: (?:with|using|at|under) (?P<cond>(?:[^.;,]|\.(?=\w))+))?"
)


def benchmark_results(text: str) -> tuple[BenchmarkResult, ...]:
    """Reported scores: "72.4% on Video-MME with 512 input frames"."""
    return tuple(
        BenchmarkResult(
            benchmark=m.group("bench").rstrip("."),
            score=m.group("score"),
            value=float(m.group("score").rstrip("%")),
            condition=m.group("cond").strip() if m.group("cond") else None,
        )
        for m in _RESULT.finditer(text)
    )


_LANGUAGE_COUNT = re.compile(r"(?P<n>\d+)\+?\s+(?:\w+\s+)?languages\b", re.I)
_LANGUAGE_LIST = re.compile(
    r"languages?\s*(?:[-–—:(]|,? including|,? such as|,? like)\s*(?P<list>[^.;)]+)", re.I
)
_LANGUAGE_BEFORE = re.compile(
    r"(?P<list>(?:[A-Z][a-z]+(?:,\s*|\s+and\s+|\s+or\s+))+[A-Z][a-z]+)\s+languages?\b"
)


def languages(text: str, cell: str = "") -> tuple[tuple[str, ...], int | None]:
    """(language names, stated count): "supports 8 languages - English, German" -> ((...), 8).
    A table's Languages `cell` ("English", "Chinese", "17 languages") is all languages."""
    known = vocabulary().languages
    names: list[str] = [w for w in re.findall(r"[A-Z][a-z]+", cell) if w in known]
    for pattern in (_LANGUAGE_LIST, _LANGUAGE_BEFORE):
        for match in pattern.finditer(text):
            names.extend(w for w in re.findall(r"[A-Z][a-z]+", match.group("list")) if w in known)
    count = _LANGUAGE_COUNT.search(cell) or _LANGUAGE_COUNT.search(text)
    return tuple(dict.fromkeys(names)), int(count.group("n")) if count else None


_PARENTHETICAL = re.compile(r"\(([^()]{2,40})\)")
_LICENSE_BEFORE = re.compile(r"\bunder (?:the |an? )?(?P<x>[\w.\- ]{2,30}?) licen[cs]e\b", re.I)
_LICENSE_CONTEXT = re.compile(
    r"licen[cs]ed? (?:under |as |is |:)\s*(?:the )?(?P<x>[^,.;()]+)", re.I
)


def license_id(text: str, whole_cell: bool = False) -> str | None:
    """A license named in a parenthesis or after "licensed under", normalised ("Apache-2.0")."""
    candidates = [text] if whole_cell else []
    candidates += _PARENTHETICAL.findall(text)
    candidates += [m.group("x") for m in _LICENSE_CONTEXT.finditer(text)]
    candidates += [m.group("x") for m in _LICENSE_BEFORE.finditer(text)]
    for candidate in candidates:
        lowered = candidate.strip().lower()
        for label, pattern in vocabulary().licenses:
            if pattern.search(lowered):
                return label
    if whole_cell and text.strip() and text.strip() not in ("-", "—"):
        return text.strip()
    return None


_SPEEDUP = re.compile(
    r"(?P<x>\d+(?:\.\d+)?\s?[×x])\s*(?:speed-?up|faster)"
    r"|speed-?up (?:of )?(?P<y>\d+(?:\.\d+)?\s?[×x])",
    re.I,
)


def speedup(text: str) -> str | None:
    """A speed-up as written ("2.8×"); an ASCII "x" is written as "×"."""
    match = _SPEEDUP.search(text)
    if not match:
        return None
    value = (match.group("x") or match.group("y")).replace(" ", "")
    return value[:-1] + "×"


_STAGE_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def connectors(text: str) -> tuple[str, ...]:
    """Connectors between vision and language ("Q-Former", "MLP projector") the text says the
    model uses; one named in a negating or contrasting clause does not count."""
    from ingest._mentions import negated  # the negation patterns live with the mentions

    found: list[str] = []
    for sentence in sentences(text):
        lowered = sentence.lower()
        spans = [
            (match.start(), match.end(), label)
            for label, pattern in vocabulary().connectors
            for match in pattern.finditer(lowered)
            if not negated(sentence, match.start())
        ]
        for start, end, label in spans:
            # "projector" of "MLP projector", "projection layers" of "linear projection
            # layers": the longer reading of the same words names the connector
            covered = any(
                (s < end and start < e and (e - s, -s) > (end - start, -start))
                or (other != label and other.endswith(" " + label))
                for s, e, other in spans
            )
            if not covered and label not in found:
                found.append(label)
    return tuple(found)


def training_stages(text: str) -> int | None:
    """The number of training stages stated: "a two-stage training", "in three stages"."""
    match = vocabulary().training_stages.search(text)
    if match is None:
        return None
    word = next(g for g in match.groups() if g).lower()
    return _STAGE_WORDS.get(word) or int(word)


def architectures(text: str, whole_cell: bool = False) -> tuple[str, ...]:
    """Normalised architecture labels named in `text` ("Decoder-only" -> "decoder-only").
    A cell of an architecture column names one by its label alone too ("Unified (MoT)",
    "MoE (omni, unified)"), where prose needs the pattern ("a unified transformer")."""
    lowered = text.lower()
    return tuple(
        label
        for label, pattern in vocabulary().architectures
        if pattern.search(lowered)
        or (whole_cell and re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", lowered))
    )


_VARIANT_LIST = re.compile(
    r"\b(?:models?|variants?|versions?|sizes?)(?: by [^:]+)?:\s*"
    r"(?P<list>(?:[^.;]|\.(?=\w))+(?:;(?:[^.;]|\.(?=\w))+)*)",
    re.I,
)
# "A, built on X; B, built on Y; and C, built on Z": a list of clauses, each naming a model
_CLAUSE_ITEM = re.compile(r"^\s*(?:and\s+)?(?P<name>[A-Z][\w.\-]*)\s*,")
_AVAILABLE_IN = re.compile(
    r"\b(?:available|comes|come|offered) (?:in|as) (?P<list>(?:[^.;]|\.(?=\w))+?)"
    r"(?: parameter sizes?| sizes?| variants?|[.;](?!\w)|,\s+(?!and\b|or\b)(?=(?-i:[a-z]))|$)",
    re.I,
)
# "A Kimi-VL-Thinking variant"; "Three variants: ..." counts them, it names none
_NAMED_VARIANT = re.compile(
    r"\b(?!(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|Many|Multiple|Some|"
    r"Both|All|Other|Its|The|These|Their)\b)(?P<name>[A-Z][\w.\-]+) variants?\b"
)


def size_aliases(text: str, model_name: str) -> tuple[str, ...]:
    """The model's own name with a size, as the text writes it: "PaddleOCR-VL-0.9B" in the
    PaddleOCR-VL entry, "Phi-4-Reasoning-Vision-15B" (another name of the same entry)."""
    if len(model_name) < 3:
        return ()
    pattern = re.escape(model_name) + r"[- ](?:\d+(?:\.\d+)?[BMK])(?:-[A-Za-z][\w]*)?(?![\w.-])"
    return tuple(dict.fromkeys(m.group(0) for m in re.finditer(pattern, text)))


def enumerated(text: str) -> tuple[str, ...]:
    """The models an entry enumerates: "Four models by Ai2: A, B, C and D", "available in
    Janus-Pro (7B and 1B), Janus (1.3B) and JanusFlow (1.3B)"."""
    found: list[str] = []
    for pattern in (_VARIANT_LIST, _AVAILABLE_IN):
        for match in pattern.finditer(text):
            listing = re.sub(r"\([^()]*\)", "", match.group("list"))
            clauses = listing.split(";")
            items = [_CLAUSE_ITEM.match(c) for c in clauses]
            if len(clauses) > 1 and all(items):
                parts = [m.group("name") for m in items if m]
            else:
                parts = split_list(clauses[0])
            for part in parts:
                if re.match(r"^[A-Z][\w.\-]*$", part) and not re.fullmatch(r"[\d.]+[KMBT]", part):
                    found.append(part)
    return tuple(dict.fromkeys(found))


def variants(text: str, model_name: str) -> tuple[str, ...]:
    """Named sub-models: "Four models by Ai2: MolmoE-1B, ..." / "available in Janus-Pro (7B)"."""
    found: list[str] = list(enumerated(text))
    for match in _NAMED_VARIANT.finditer(text):
        found.append(match.group("name"))
    base = model_name.split()[0]
    if len(base) >= 3:
        # "(Kimi-VL-A3B)" in the Kimi-VL entry: a hyphenated name extending the model's own
        for match in re.finditer(r"\b" + re.escape(base) + r"[\w.]*-[\w.\-]*\w", text):
            if not is_known(match.group(0)):  # "LLaMA-3.1" in "LLaMA 3.2-vision" is its backbone
                found.append(match.group(0))
    key = normalise(model_name)
    return tuple(dict.fromkeys(v for v in found if normalise(v) != key))


# what a dataset record holds of a row; the other cells are kept as its description
_DATASET_FIELDS = frozenset({"name", "year", "size", "license", "category", "link", "description"})


def other_cells(header: tuple[str, ...], row: tuple[str, ...], kinds: list[str | None]) -> str:
    """The cells of a dataset row its record has no field for, as "Header: value" pairs
    ("Languages: multilingual"), so a row without a description keeps what it says; a size
    cell that says more than its sizes ("60K low-resolution images, small-scale testing",
    "detection in the wild") is kept too."""
    return "; ".join(
        f"{h.strip()}: {v.strip()}"
        for h, k, v in zip(header, kinds, row, strict=False)
        if (k not in _DATASET_FIELDS or (k == "size" and _more_than_sizes(v)))
        and v.strip()
        and no_value(v) is None
    )


def _more_than_sizes(cell: str) -> bool:
    rest = cell
    for quantity in size_cell(cell):
        rest = rest.replace(quantity.text, " ")
    return len(re.findall(r"[A-Za-z]{3,}", rest)) >= 1

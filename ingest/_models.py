"""Model records from a list entry or a table row."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ingest import _facts
from ingest._cards import Field
from ingest._cells import date_cell, is_descriptive, name_cell
from ingest._components import ComponentFacts, components, split_list
from ingest._entries import Entry
from ingest._fieldbullets import DASHES_BARS_OR_DOTS, split_fields, year_field
from ingest._members import members
from ingest._model_cells import cell_names
from ingest._numbers import (
    context_window,
    model_quantities,
    parameter_cell,
    parameter_counts,
    sentences,
)
from ingest._tables import column_meaning, no_value
from ingest.gazetteer import (
    is_empty_name,
    is_known,
    is_organization_name,
    normalise,
    resolve_component,
)
from ingest.records import Component, ModelRecord, ParameterCount, Source

_HALVES = re.compile(r"\s+(?:&|and|\+)\s+")


def split_model_names(name: str) -> tuple[str, ...]:
    """ "Pixtral 12B & Pixtral Large" -> both names; "Molmo Series" stays one name.

    Halves that start with the same word are split, and "Llama 4 Scout & Maverick" (a
    family and version before two capitalised words) is "Llama 4 Scout", "Llama 4
    Maverick"; "Pixtral 12B & Large" or a title like "Search & Rescue" stay whole.
    """
    halves = _HALVES.split(name)
    if len(halves) == 2:
        first, second = (h.strip() for h in halves)
        if first and second and first.split()[0].lower() == second.split()[0].lower():
            return (first, second)
        head = first.split()
        if (
            len(head) >= 3
            and re.fullmatch(r"[A-Z][a-z]+", head[-1])
            and re.fullmatch(r"[A-Z][a-z]+", second)
        ):
            # "Llama 4 Scout & Maverick": the second shares the first's family and version
            return (first, " ".join([*head[:-1], second]))
    return (name,)


def _own_text(description: str, name: str, others: tuple[str, ...]) -> str:
    """The sentences of a shared description that are not about a sibling model."""
    kept = [
        s for s in sentences(description) if not any(s.startswith(o) for o in others if o != name)
    ]
    return " ".join(kept)


def _own_parameters(
    counts: tuple[ParameterCount, ...], name: str, split: bool
) -> tuple[ParameterCount, ...]:
    if not split:
        return counts
    mine = tuple(c for c in counts if c.variant == name)
    return mine or tuple(c for c in counts if c.variant is None)


_LABELLED = re.compile(
    r"(?:^|(?<=[.;|—–])\s+)(?P<label>[A-Z][A-Za-z/#() -]{1,28}?)\s*:\s*"
    r"(?P<value>(?:[^;|—–.]|\.(?=\S))+)"
)


@dataclass(frozen=True)
class _Fields:
    """What an entry states as separate fields rather than prose."""

    organization: str | None = None
    date: str | None = None
    year: int | None = None
    undisclosed: tuple[str, ...] = ()


def entry_fields(text: str) -> _Fields:
    """Fields of an entry: "Alibaba — 2025 — 7B — ..." (fields between dashes or bars) and
    labelled ones ("Organisation: Zhipu AI. Released: 2025-08-11", "Parameters:
    Undisclosed"), labels read by the meaning of a table column with that header."""
    organization = date = None
    year = None
    undisclosed: list[str] = []
    fields = split_fields(text, DASHES_BARS_OR_DOTS, strip=" .,;")
    leading = re.match(r"^\(([^()]+)\)", text.strip())
    if leading:  # "(Shanghai AI Lab, March 2026) pairs ...": the fields of a prose entry
        fields += [f.strip() for f in leading.group(1).split(",")]
    apposition = re.match(r"^,\s+([^,()]{2,40}),", text.strip())
    if apposition:  # ", released in 2024, is ...": an apposition after a prose entry's name
        year = date_cell(apposition.group(1))[1]
    for field in fields:
        if (stated := year_field(field)) is not None:
            year = year or stated
        elif len(field.split()) <= 4 and date_cell(field)[0]:
            date, year = date or date_cell(field)[0], year or date_cell(field)[1]
        elif is_organization_name(field):
            organization = organization or field
    for match in _LABELLED.finditer(text):
        meaning = column_meaning(match.group("label"))
        value = match.group("value").strip()
        if no_value(value) == "undisclosed" and meaning:
            undisclosed.append(meaning)
        elif meaning == "organization" and not no_value(value):
            organization = organization or value
        elif meaning == "year":
            found, found_year = date_cell(value)
            date, year = date or found, year or found_year
    return _Fields(organization, date, year, tuple(dict.fromkeys(undisclosed)))


def model_from_entry(entry: Entry, source: Source, year: int | None) -> list[ModelRecord]:
    """One model per name in the entry, facts read from its description."""
    names = split_model_names(entry.name)
    fields = entry_fields(entry.description)
    records = []
    for name in names:
        text = _own_text(entry.description, name, names) if len(names) > 1 else entry.description
        # the entry's own year ("(2025)", a field, "released in 2025") before its heading's
        stated = entry.year or fields.year or _facts.release_date(text)[1]
        record = model_from_text(name, text, source, stated or year)
        params = _own_parameters(parameter_counts(text), name, len(names) > 1)
        record = replace(
            record,
            description=entry.description,
            aliases=tuple(dict.fromkeys((*entry.aliases, *record.aliases))),
            parameters=params,
            links=entry.links,
            organization=fields.organization or record.organization,
            date=fields.date or record.date,
            undisclosed=tuple(dict.fromkeys((*record.undisclosed, *fields.undisclosed))),
        )
        records.append(record)
        listed = tuple(n for n in _facts.enumerated(text) if normalise(n) != normalise(name))
        if len(listed) >= 2:
            # "Four models by Ai2: A, B, C and D. A based on X ...": one record per member
            read = lambda n, t: model_from_text(n, t, source, entry.year or year)  # noqa: E731
            records.extend(members(record, listed, text, read))
    return records


def model_from_text(name: str, text: str, source: Source, year: int | None) -> ModelRecord:
    """A model whose facts all come from free text."""
    parts = components(text)
    names, count = _facts.languages(text)
    released, released_year = _facts.release_date(text)
    return ModelRecord(
        name=name,
        source=source,
        description=text,
        aliases=_facts.size_aliases(text, name),
        year=year or released_year,
        date=released if released and (year is None or released.startswith(str(year))) else None,
        architectures=_facts.architectures(text),
        parameters=parameter_counts(text),
        vision_encoders=tuple(parts.vision_encoders),
        language_backbones=tuple(parts.language_backbones),
        components=tuple(parts.components),
        based_on=tuple(parts.based_on),
        variants=_facts.variants(text, name),
        training_data=_facts.training_data(text),
        benchmark_results=_facts.benchmark_results(text),
        context_window=context_window(text),
        languages=names,
        language_count=count,
        license=_facts.license_id(text),
        organization=_facts.organization(text, parts.organizations),
        connectors=_facts.connectors(text),
        quantities=model_quantities(text),
        training_stages=_facts.training_stages(text),
        vision_encoder_text=tuple(parts.written.get("vision", ())),
        language_backbone_text=tuple(parts.written.get("language", ())),
    )


def _cell_components(cell: str, role: str) -> list[Component]:
    if is_descriptive(cell):
        return []  # "Native (encoder-integrated)": kept as written only
    # "SigLIP (400M, frozen)" is SigLIP; "DeepEncoder (SAM + CLIP)" is DeepEncoder, then its parts
    found = []
    for listed in cell_names(cell):
        found += [resolve_component(n, role) for n in (listed.name, *listed.parts)]
    return found


def _stated(cells: dict[str, str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """The cells that hold a value, and the meanings whose cell says it is not disclosed."""
    kept: dict[str, str] = {}
    undisclosed: list[str] = []
    for meaning, value in cells.items():
        state = no_value(value) if meaning != "name" else None
        if state == "undisclosed":
            undisclosed.append(meaning)
        elif state is None:
            kept[meaning] = value
    return kept, tuple(undisclosed)


def model_from_row(
    cells: dict[str, str],
    source: Source,
    year: int | None,
    links,
    marks: Mapping[str, str] | None = None,
) -> ModelRecord:
    """A model from a table row whose cells are keyed by column meaning.

    "[Kimi K3 (Moonshot AI)](url)" names the model and its organisation; "07/17/2026" is
    its date; "Undisclosed" records that the list gives no value; every stated cell is also
    kept in the list's own words.
    """
    # a cell holding a mark the legend defines ("?", "n/a") is kept as the list writes it
    marked = {m: v.strip() for m, v in cells.items() if marks and v.strip().lower() in marks}
    cells, undisclosed = _stated(cells)
    name, cell_organization, aliases = name_cell(cells["name"])
    features = cells.get("description", "")
    record = model_from_text(name, features, source, year)
    facts = ComponentFacts(
        vision_encoders=list(record.vision_encoders),
        language_backbones=list(record.language_backbones),
        components=list(record.components),
    )
    for component in _cell_components(cells.get("vision_encoder", ""), "vision_encoder"):
        facts.add(component, "vision")
    for component in _cell_components(cells.get("language_backbone", ""), "language_model"):
        facts.add(component, "language")
    architecture_cell = cells.get("architecture", "")
    for role, component in _composition(architecture_cell):
        facts.add(component, role)  # "Vision Transformer + mT5" under "Architecture"
    architectures = _facts.architectures(architecture_cell, whole_cell=True) or record.architectures
    if architecture_cell and not architectures and not is_empty_name(architecture_cell):
        architectures = (architecture_cell.strip().lower(),)
    date, row_year = date_cell(cells.get("year", ""))
    license = _facts.license_id(cells["license"], whole_cell=True) if cells.get("license") else None
    training = tuple(p for p in split_list(cells.get("training_data", "")) if p)
    context = context_window(cells["context"] + " context") if cells.get("context") else None
    return replace(
        record,
        aliases=aliases,
        description=features,
        year=row_year or year,
        date=date,
        architectures=architectures,
        architecture_text=architecture_cell or marked.get("architecture"),
        parameters=parameter_cell(cells.get("parameters", "")) or record.parameters,
        parameters_text=cells.get("parameters") or marked.get("parameters"),
        vision_encoder_text=_written(cells.get("vision_encoder", marked.get("vision_encoder", ""))),
        language_backbone_text=_written(
            cells.get("language_backbone", marked.get("language_backbone", ""))
        ),
        organization_text=marked.get("organization"),
        training_data=training or record.training_data,
        context_window=context or record.context_window,
        undisclosed=undisclosed,
        vision_encoders=tuple(facts.vision_encoders),
        language_backbones=tuple(facts.language_backbones),
        components=tuple(facts.components),
        license=license or record.license,
        license_text=_said_more(cells.get("license", ""), license),
        organization=cells.get("organization") or cell_organization or record.organization,
        connectors=tuple(
            dict.fromkeys((*record.connectors, *_facts.connectors(architecture_cell)))
        ),
        links=links,
    )


def _composition(cell: str) -> list[tuple[str, Component]]:
    """The parts an architecture cell composes ("Vision Transformer + mT5", "CLIP ViT-L +
    Vicuna"): (role, component), a known vision encoder first and the language model after."""
    parts = [p.strip() for p in re.split(r"\s+\+\s+", cell) if p.strip()]
    if len(parts) < 2:
        return []
    vision = resolve_component(parts[0], "vision_encoder")
    if vision.kind != "vision_encoder" or not is_known(parts[0]):
        return []
    found = [("vision", vision)]
    for part in parts[1:]:
        if re.search(r"[A-Za-z]", part) and not is_empty_name(part):
            found.append(("language", resolve_component(part, "language_model")))
    return found


def _said_more(cell: str, normalised: str | None) -> str | None:
    """`cell` as written when it says more than its normalised value ("Llama 3.2 Community
    License" for "Llama Community License"), else None."""
    written = cell.strip()
    if not written or normalised is None:
        return None
    bare = lambda text: re.sub(r"[\W_]+", "", text.lower())  # noqa: E731
    return None if bare(written) == bare(normalised) else written


def _written(cell: str) -> tuple[str, ...]:
    return (cell.strip(),) if cell.strip() else ()


_QUALIFIED = re.compile(r"^(?P<value>.+?)\s*\((?P<who>[^()]+)\)$")
_PART_NOTE = re.compile(r"\(((?:[^()]|\([^()]*\))*:(?:[^()]|\([^()]*\))*)\)")
_LEADING_COUNT = re.compile(r"^\s*(?P<n>\d{1,4})\b(?!\s*[%.,]\d)")


def by_member(value: str, names: tuple[str, ...]) -> dict[str, str] | None:
    """A field's value for each model it qualifies: "Qwen2 7B (Molmo-7B-D), Qwen2 72B
    (Molmo-72B)" -> {"Molmo-7B-D": "Qwen2 7B", ...}; "Janus-Pro (7B and 1B), Janus (1.3B)"
    -> {"Janus-Pro": "7B and 1B", ...}; None unless every item is qualified by one of
    `names`."""
    keys = {normalise(n): n for n in names}
    items = [i.strip() for i in value.split(";")] if ";" in value else split_list(value)
    found: dict[str, str] = {}
    for item in items:
        match = _QUALIFIED.match(item.strip(" ,."))
        if match is None:
            return None
        value_part, who = match.group("value").strip(), match.group("who").strip()
        if normalise(who) in keys:
            found[keys[normalise(who)]] = value_part
        elif normalise(value_part) in keys:
            found[keys[normalise(value_part)]] = who
        else:
            return None
    return found if len(found) >= 2 else None


def _unqualified(value: str, names: tuple[str, ...]) -> str:
    """A qualified value as the whole entry's: the members' names in parentheses left out."""
    keys = {normalise(n) for n in names}
    return re.sub(
        r"\s*\(([^()]+)\)", lambda m: "" if normalise(m.group(1)) in keys else m.group(0), value
    )


def _field_names(entry: Entry, fields: tuple[Field, ...]) -> tuple[str, ...]:
    """The models an entry's fields name besides itself: its "members" field, and those a
    field enumerates ("size: Janus-Pro (7B and 1B), Janus (1.3B)")."""
    found: list[str] = []
    for f in fields:
        if f.meaning == "members":
            found += [p for p in split_list(_unqualified(f.value, ())) if p]
        else:
            found += _facts.enumerated(f"{f.label}: {f.value}")
    own = normalise(entry.name)
    return tuple(dict.fromkeys(n for n in found if normalise(n) != own))


def _cells_for(
    name: str, known: list[Field], everyone: tuple[str, ...], description: str
) -> dict[str, str]:
    cells: dict[str, str] = {"name": name}
    for f in known:
        assert f.meaning is not None
        qualified = by_member(f.value, everyone)
        if qualified is None:
            value: str | None = f.value
        elif name in qualified:
            value = qualified[name]
        elif normalise(name) in {normalise(n) for n in qualified}:
            continue
        else:
            value = _unqualified(f.value, everyone)  # the family: all its members' values
        if value:
            cells[f.meaning] = f"{cells[f.meaning]}, {value}" if f.meaning in cells else value
    cells["description"] = description
    return cells


def _with_languages(record: ModelRecord, cells: dict[str, str]) -> ModelRecord:
    """A "languages: 8 (named: English, ...)" field: the names it lists and its count."""
    cell = cells.get("languages", "")
    if not cell:
        return record
    names, count = _facts.languages(cell, cell)
    bare = _LEADING_COUNT.match(cell)
    return replace(
        record,
        languages=tuple(dict.fromkeys((*record.languages, *names))),
        language_count=count or (int(bare.group("n")) if bare else None) or record.language_count,
    )


_OVERLAID = (
    "vision_encoders",
    "language_backbones",
    "parameters",
    "architectures",
    "vision_encoder_text",
    "language_backbone_text",
    "parameters_text",
    "context_window",
)


def model_from_fields(
    entry: Entry, fields: tuple[Field, ...], source: Source, year: int | None
) -> list[ModelRecord]:
    """The models of an entry whose sub-bullets are labelled fields: each field a cell of a
    one-row table (`model_from_row`), the unlabelled text and notes its description.

    A field whose items are qualified by model names ("Qwen2 7B (Molmo-7B-D), Qwen2 72B
    (Molmo-72B)") gives each named model its own value and the entry all of them; the
    models a "members" field lists become member records.
    """
    known = [f for f in fields if f.meaning and f.meaning not in ("description", "members")]
    notes = [
        f.value if f.meaning == "description" else f"{f.label}: {f.value}"
        for f in fields
        if f not in known and f.meaning != "members"
    ]
    # a part's note names more parts: "Qwen-2.5-7B (pretrained backbones listed: ...)"
    notes += [
        note
        for f in known
        if f.meaning in ("vision_encoder", "language_backbone")
        for note in _PART_NOTE.findall(f.value)
    ]
    text = ". ".join(p.rstrip(". ") for p in (entry.description, *notes) if p.strip())
    # the text kept is the whole entry's; the facts come from the cells and the notes
    written = ". ".join(
        p.rstrip(". ") for p in (entry.description, *(f"{f.label}: {f.value}" for f in fields))
    )
    names = split_model_names(entry.name)
    listed = tuple(n for n in _field_names(entry, fields) if n not in names)
    everyone = (*names, *listed)
    records: list[ModelRecord] = []
    for name in names:
        own_text = _own_text(text, name, names) if len(names) > 1 else text
        cells = _cells_for(name, known, everyone, own_text)
        stated = entry.year or entry_fields(own_text).year or _facts.release_date(own_text)[1]
        record = model_from_row(cells, source, stated or year, entry.links)
        record = _with_languages(record, cells)
        record = replace(
            record,
            description=written.strip(". "),
            aliases=tuple(dict.fromkeys((*entry.aliases, *record.aliases))),
            variants=tuple(dict.fromkeys((*_facts.variants(written, name), *listed))),
        )
        records.append(record)
    if len(names) == 1 and len(listed) >= 2:
        series = records[0]
        qualified = {f.meaning for f in known if by_member(f.value, everyone)}
        read = lambda n, t: model_from_text(n, t, source, series.year)  # noqa: E731
        for member in members(series, listed, text, read):
            cells = _cells_for(member.name, known, everyone, "")
            own = {k: v for k, v in cells.items() if k in qualified}
            if own:
                overlay = model_from_row({"name": member.name, **own}, source, None, ())
                given = {a: getattr(overlay, a) for a in _OVERLAID if getattr(overlay, a)}
                member = replace(member, **given)
            records.append(member)
    return records

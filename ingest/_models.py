"""Model records from a list entry or a table row."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest import _facts
from ingest._cells import date_cell, is_descriptive, name_cell
from ingest._components import ComponentFacts, components, split_list
from ingest._entries import Entry
from ingest._members import members
from ingest._numbers import (
    context_window,
    model_quantities,
    parameter_cell,
    parameter_counts,
    sentences,
)
from ingest._tables import no_value
from ingest.gazetteer import is_empty_name, normalise, resolve_component
from ingest.records import Component, ModelRecord, ParameterCount, Source

_HALVES = re.compile(r"\s+(?:&|and|\+)\s+")


def split_model_names(name: str) -> tuple[str, ...]:
    """ "Pixtral 12B & Pixtral Large" -> both names; "Molmo Series" stays one name.

    Only halves that start with the same word are split, so "Pixtral 12B & Large" or a
    title like "Search & Rescue" stay whole.
    """
    halves = _HALVES.split(name)
    if len(halves) == 2:
        first, second = (h.strip() for h in halves)
        if first and second and first.split()[0].lower() == second.split()[0].lower():
            return (first, second)
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


def model_from_entry(entry: Entry, source: Source, year: int | None) -> list[ModelRecord]:
    """One model per name in the entry, facts read from its description."""
    names = split_model_names(entry.name)
    records = []
    for name in names:
        text = _own_text(entry.description, name, names) if len(names) > 1 else entry.description
        record = model_from_text(name, text, source, entry.year or year)
        params = _own_parameters(parameter_counts(text), name, len(names) > 1)
        record = replace(
            record,
            description=entry.description,
            aliases=tuple(dict.fromkeys((*entry.aliases, *record.aliases))),
            parameters=params,
            links=entry.links,
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
    return ModelRecord(
        name=name,
        source=source,
        description=text,
        aliases=_facts.size_aliases(text, name),
        year=year,
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
    found = []
    for part in split_list(re.sub(r"\s*\+\s*", ", ", cell)):
        if part and not is_empty_name(part) and re.search(r"[A-Za-z]", part):
            found.append(resolve_component(part, role))
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


def model_from_row(cells: dict[str, str], source: Source, year: int | None, links) -> ModelRecord:
    """A model from a table row whose cells are keyed by column meaning.

    "[Kimi K3 (Moonshot AI)](url)" names the model and its organisation; "07/17/2026" is
    its date; "Undisclosed" records that the list gives no value; every stated cell is also
    kept in the list's own words.
    """
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
    architectures = _facts.architectures(architecture_cell) or record.architectures
    if architecture_cell and not architectures and not is_empty_name(architecture_cell):
        architectures = (architecture_cell.strip().lower(),)
    date, row_year = date_cell(cells.get("year", ""))
    training = tuple(p for p in split_list(cells.get("training_data", "")) if p)
    context = context_window(cells["context"] + " context") if cells.get("context") else None
    return replace(
        record,
        aliases=aliases,
        description=features,
        year=row_year or year,
        date=date,
        architectures=architectures,
        architecture_text=architecture_cell or None,
        parameters=parameter_cell(cells.get("parameters", "")) or record.parameters,
        parameters_text=cells.get("parameters") or None,
        vision_encoder_text=_written(cells.get("vision_encoder", "")),
        language_backbone_text=_written(cells.get("language_backbone", "")),
        training_data=training or record.training_data,
        context_window=context or record.context_window,
        undisclosed=undisclosed,
        vision_encoders=tuple(facts.vision_encoders),
        language_backbones=tuple(facts.language_backbones),
        components=tuple(facts.components),
        license=_facts.license_id(cells["license"], whole_cell=True)
        if cells.get("license")
        else record.license,
        organization=cells.get("organization") or cell_organization or record.organization,
        links=links,
    )


def _written(cell: str) -> tuple[str, ...]:
    return (cell.strip(),) if cell.strip() else ()

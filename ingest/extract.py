"""Turn a parsed hub into typed records: models, datasets, benchmarks, tools, table rows,
passages and one record per section."""

from __future__ import annotations

import copy
import re
from dataclasses import replace

from ingest import _facts
from ingest._cards import Field, card_name, field_line, is_model_card
from ingest._cells import footnote_marks, name_without_marker, with_units, without_footnotes
from ingest._components import split_list
from ingest._entries import Entry, links, read_entry, split_alias, year_group
from ingest._fieldbullets import dash_fields, field_license, field_row
from ingest._labels import bullet_fields, cell_marks, child_fields, inline_fields, legend
from ingest._leaderboards import leaderboard_rows
from ingest._measurements import measured_rows
from ingest._members import members
from ingest._mentions import link_mentions
from ingest._model_cells import row_members
from ingest._models import (
    model_from_entry,
    model_from_fields,
    model_from_row,
    model_from_text,
    split_model_names,
)
from ingest._numbers import sentences, size_cell, sizes
from ingest._paper_tables import paper_rows
from ingest._papers import looks_like_title, paper_record, paper_title
from ingest._paragraphs import paragraph_entries
from ingest._sections import Classified, classify, divider_year, family
from ingest._tables import (
    entity_column,
    header_key,
    key_column,
    meanings,
    model_key_column,
    no_value,
    part_users,
    scale_suffix,
    table_kind,
    transposed,
)
from ingest._text import squash_spaces
from ingest._writeups import dated_by_rows, write_up_records
from ingest.markdown import Block, Bullet, CodeBlock, Document, LinkRef, Paragraph, Section, Table
from ingest.records import (
    BenchmarkRecord,
    DatasetRecord,
    ModelRecord,
    PaperRecord,
    PassageRecord,
    Record,
    SectionRecord,
    Source,
    TableRowRecord,
    ToolRecord,
)

_ENTITY_FAMILIES = ("models", "datasets", "benchmarks", "tools")
_FACET_MARKER = re.compile(r"^\s*(?:[→↓⇒➜►▶>*-]\s*)*(?P<label>[^:]{2,60}?)\s*:?\s*$")
_METRIC = re.compile(
    r"(?:^|[:(]\s*)(?P<m>\d+(?:\.\d+)?\s?(?:%|ms|×|x)?\s+[A-Za-z][\w\- ]*?)\s*(?=\)|$|[,;])"
)
_INLINE_FACET = re.compile(r"^(?P<label>[A-Z][\w\s/&-]{1,40}):\s*(?P<text>.*)$")
# "**Medicine.** Diagnostic hallucination ...": a paragraph led by what it is about
_LEAD_IN = re.compile(r"^(?P<label>[A-Z][\w\s/&,'-]{1,50}?)[.:]\s+(?P<text>\S.*)$", re.S)


class _Context:
    """Where the blocks being read sit: file, section, kind, inherited topic and year."""

    def __init__(
        self,
        document: Document,
        classified: Classified,
        labels: dict[str, str] | None = None,
        marks: dict[str, str] | None = None,
    ) -> None:
        self.file = document.file
        self.legend = labels or {}  # the field labels the list's legend defines
        self.marks = marks or {}  # the cell marks it defines: {"?": "unknown ..."}
        # the footnote markers the notes under the table being read define ({"¹", "²"});
        # None when the list writes no notes at all
        self.notes: frozenset[str] | None = None
        self.classified = classified
        self.family = family(classified.kind)
        self.facet: str | None = (
            classified.section.title if classified.kind == "research_facet" else None
        )
        self.last_label: str | None = None
        self.last_model: str | None = None  # the model a free-form paragraph is about
        self.intro: str | None = None  # the paragraph before, naming the fields of bullets

    def source(self, start: int, end: int) -> Source:
        return Source(self.file, start, end, self.classified.path)

    @property
    def year(self) -> int | None:
        if self.classified.kind == "model_year" or self.family != "models":
            return self.classified.year
        return None


def _is_label(block: Paragraph) -> str | None:
    """The label a short paragraph states ("→ **Key Challenges**", "Key Components:")."""
    text = block.text.strip()
    if len(text.split()) > 8 or not text:
        return None
    if (
        block.strong
        and squash_spaces(" ".join(block.strong)) != ""
        and (
            text.endswith(":")
            or text.replace(" ", "").endswith(block.strong[-1].replace(" ", ""))
            or text.replace(" ", "").endswith(block.strong[-1].replace(" ", "") + ":")
        )
    ):
        return block.strong[-1].strip().rstrip(":").strip()
    if text.endswith(":") or re.match(r"^[→↓⇒➜]", text):
        match = _FACET_MARKER.match(text)
        return match.group("label").strip() if match else None
    return None


def _passage_kind(context: _Context) -> str:
    return {
        "research_directions": "research_direction",
        "applications": "application",
        "privacy": "privacy",
    }.get(context.family, "prose")


def _passages(block: Bullet | Paragraph, context: _Context) -> list[PassageRecord | TableRowRecord]:
    kind = _passage_kind(context)
    topic = context.classified.topic or context.classified.section.title
    if context.family == "privacy":
        topic = context.classified.section.title
    facet = context.facet
    text = block.text.strip()
    inline = _INLINE_FACET.match(text) if isinstance(block, Bullet) and block.strong else None
    if inline and block.strong and block.strong[0].rstrip(":") == inline.group("label").strip():
        facet, text = inline.group("label").strip(), inline.group("text").strip()
    lead = _LEAD_IN.match(text) if isinstance(block, Paragraph) and block.strong else None
    if lead and block.markdown.startswith(("**", "__")):
        label = lead.group("label").strip()
        if block.strong[0].strip().rstrip(".:").strip() == label and facet is None:
            # the text keeps its lead-in: "SigLIP displaced CLIP." is content; directly under
            # a directions heading, "**Medicine.** ..." opens the direction it is about
            if context.classified.kind == "research_directions":
                topic = label
            else:
                facet = label
    found: list[PassageRecord | TableRowRecord] = []
    if text:
        metric = _METRIC.search(text)
        source = context.source(block.start_line, block.end_line)
        found.append(
            PassageRecord(text, kind, topic, facet, source, metric.group("m") if metric else None)
        )
        found.extend(measured_rows(text, source, context.family))  # a table in a sentence
    if isinstance(block, Bullet):
        for child in block.children:
            found.extend(_passages(child, context))
    return found


def _model_records(entry: Entry, source: Source, context: _Context) -> list[Record]:
    return list(model_from_entry(entry, source, context.year))


def _dataset(entry: Entry, source: Source, context: _Context) -> DatasetRecord:
    names, count = _facts.languages(entry.description)
    return DatasetRecord(
        name=entry.name,
        source=source,
        description=entry.description,
        aliases=entry.aliases,
        category=context.classified.topic,
        year=entry.year,
        sizes=sizes(entry.description),
        languages=names,
        language_count=count,
        license=_facts.license_id(entry.description),
        links=entry.links,
    )


def _benchmark(entry: Entry, source: Source, context: _Context) -> BenchmarkRecord:
    year = entry.year
    if year is None:
        for link in entry.links:
            match = re.search(r"\(((?:19|20)\d\d)\)", link.text)
            year = int(match.group(1)) if match else year
    return BenchmarkRecord(
        name=entry.name,
        source=source,
        description=entry.description,
        aliases=entry.aliases,
        year=year,
        group=context.classified.topic,
        links=entry.links,
    )


def _tool(entry: Entry, source: Source, context: _Context) -> ToolRecord:
    return ToolRecord(
        name=entry.name,
        source=source,
        description=entry.description,
        group=context.classified.topic,
        license=_facts.license_id(entry.description) or field_license(entry.description),
        speedup=_facts.speedup(entry.description),
        links=entry.links,
    )


def _paper(block: Bullet | Paragraph, context: _Context) -> PaperRecord | None:
    """A linked title in a papers section, or a long one among model entries."""
    if context.family not in ("papers", "models"):
        return None
    title = paper_title(block)
    if title is None or (context.family == "models" and not looks_like_title(title)):
        return None
    source = context.source(block.start_line, block.end_line)
    return paper_record(block, title, source, context.classified.year)


def _entry_records(
    block: Bullet | Paragraph, context: _Context, year: int | None = None
) -> list[Record]:
    paper = _paper(block, context)
    if paper is not None:
        return [paper]
    group = year_group(block) if isinstance(block, Bullet) else None
    if group is not None:
        # "- **2025**" with the entries as sub-bullets
        children = block.children if isinstance(block, Bullet) else ()
        return [r for child in children for r in _entry_records(child, context, group)]
    fields = child_fields(block, context.legend) if isinstance(block, Bullet) else None
    if fields is not None and context.family == "models" and isinstance(block, Bullet):
        # "- **Pixtral** (2024)" over "- sees with: CLIP ViT-L/14", "- size: 12B"
        entry = read_entry(replace(block, children=()))
        if entry is not None:
            source = context.source(block.start_line, block.end_line)
            return list(model_from_fields(entry, fields, source, year or context.year))
    entry = read_entry(block)
    if entry is None:
        return []
    entry = dash_fields(entry)  # "- EgoExoBench — 2025 — what it tests — details"
    if year is not None and entry.year is None:
        entry = replace(entry, year=year)
    source = context.source(block.start_line, block.end_line)
    inline = inline_fields(entry.description, context.legend)
    if inline is not None and context.family == "models":
        # "1. Emu3 — decoder-only, 7B; vision: MoVQGAN; language: LLaMA-2": a one-row table
        told, rest = inline
        described = replace(entry, description=rest)
        return list(model_from_fields(described, told, source, entry.year or context.year))
    if context.family == "models":
        return _model_records(entry, source, context)
    if context.family == "datasets":
        if re.search(r"\bbenchmark", context.classified.section.title, re.I):
            return [_benchmark(entry, source, context)]
        return [_dataset(entry, source, context)]
    if context.family == "benchmarks":
        return [
            _benchmark(replace(entry, name=name), source, context)
            for name in split_model_names(entry.name)
        ]
    return [_tool(entry, source, context)]


_PRONOUN = re.compile(r"^(?:It|Its|This model|The model|The family|The series|They)\b")


def _prose_records(block: Paragraph, context: _Context) -> list[Record]:
    """Models of a free-form paragraph: one that names its model first ("Molmo 2 is ..."),
    or more facts of the model above ("It also ...", "The model ...")."""
    source = context.source(block.start_line, block.end_line)
    entries = paragraph_entries(block)
    if entries:  # "[BLIP](url) (2022) is ... [BLIP-2](url) (2023) kept ...": one model each
        context.last_model = entries[-1].name
        return [r for entry in entries for r in _model_records(entry, source, context)]
    if context.last_model and _PRONOUN.match(block.text.strip()):
        more = model_from_text(context.last_model, block.text.strip(), source, None)
        return [replace(more, year=None, description="", variants=(), continued=True)]
    return []


_NAME_LIKE = re.compile(r"^[A-Z0-9][^.:!?;]{0,60}$")
_DATASET_NOUN = re.compile(r"\b(?:dataset|corpus|collection)\b", re.I)


def _prose_named(block: Paragraph, context: _Context) -> list[Record]:
    """Entities a paragraph names in bold inside its sentences ("Four resources ...
    **MM-RLHF** holds 120,000 pairs ... The **Chicago Face Dataset (CFD)** has faces"): one
    per sentence that names one, described by that sentence and the next ones that name
    none. In a datasets, benchmarks or tools section every such name is one; elsewhere a
    name is a dataset when its sentence states a dataset's size or it calls itself one."""
    named: list[tuple[str, list[str]]] = []
    for sentence in sentences(block.text):
        bold = next(
            (
                b.strip()
                for b in block.strong
                if b.strip() in sentence and _NAME_LIKE.match(b.strip())
            ),
            None,
        )
        if bold is not None and len(bold.split()) <= 6:
            named.append((bold, [sentence]))
        elif named:
            named[-1][1].append(sentence)
    source = context.source(block.start_line, block.end_line)
    found: list[Record] = []
    for bold, told in named:
        text = " ".join(told)
        name, aliases = split_alias(bold)
        own = links(tuple(ref for ref in block.links if ref.text and ref.text in text))
        entry = Entry(name, aliases, None, text, own)
        if context.family == "benchmarks":
            found.append(_benchmark(entry, source, context))
        elif context.family == "tools":
            found.append(_tool(entry, source, context))
        elif context.family == "datasets" or sizes(told[0]) or _DATASET_NOUN.search(bold):
            found.append(_dataset(entry, source, context))
    return found


# the column meanings whose cells a model record keeps in the list's own words
_WRITTEN_MEANINGS = frozenset(
    {"organization", "parameters", "vision_encoder", "language_backbone", "architecture"}
)


def _row_cells(
    table: Table,
    row: tuple[str, ...],
    kinds: list[str | None],
    marks: dict[str, str],
    notes: frozenset[str] | None = None,
) -> dict[str, str]:
    cells: dict[str, str] = {}
    for header, meaning, written in zip(table.header, kinds, row, strict=False):
        # "2024²": the marker points to a note; in a name only a marker the list defines
        value = (
            name_without_marker(written, notes) if meaning == "name" else without_footnotes(written)
        )
        if meaning in ("parameters", "size"):
            value = with_units(value)  # "7/20B" is 7B and 20B
        # "?" the legend defines, where the list's words are kept: kept as written
        marked = meaning in _WRITTEN_MEANINGS and value.strip().lower() in marks
        if meaning != "name" and no_value(value) == "empty" and not marked:
            continue  # "—": the cell states nothing, and the other cells may say it
        if meaning == "description" and cells.get(meaning) and value.strip():
            cells[meaning] += f"; {value.strip()}"  # "Purpose" and "Key Features" both describe
        elif meaning and (meaning not in cells or cells[meaning].strip().lower() in marks):
            cells[meaning] = value.strip()
            scale = scale_suffix(header)
            if scale and meaning in ("parameters", "size"):
                # "7 / 13" under "Params (B)" -> "7B / 13B"
                cells[meaning] = re.sub(r"(\d(?:[\d.,]*\d)?)(?!\s*[KMBT]\b)", r"\1" + scale, value)
    return cells


def _entity_rows(table: Table, title: str, context: _Context) -> list[Record] | None:
    column = entity_column(table.header, context.family)
    if column is None and context.family == "models":
        column = model_key_column(table)
    if column is None:
        return None
    kinds = meanings(table.header, column, context.legend)
    records: list[Record] = []
    group_year = context.year
    for row, line, refs in zip(
        table.rows, table.row_lines, table.row_links or [()] * len(table.rows), strict=False
    ):
        if len(row) >= 3 and row[0].strip() and not refs and not any(v.strip() for v in row[1:]):
            # "| **2024** | | |": a row of one unlinked cell heads the rows below it, it is
            # no entry
            group_year = divider_year(row[0]) or context.year
            continue
        cells = _row_cells(table, row, kinds, context.marks, context.notes)
        if context.family == "models" and "size" in cells and "parameters" not in cells:
            cells["parameters"] = cells.pop("size")  # a model's "Size" is its parameter count
        name = cells.get("name", "").strip()
        if not name:
            continue
        source = context.source(line, line)
        row_links = links(refs)
        year_match = re.search(r"(?:19|20)\d\d", cells.get("year", ""))
        year = int(year_match.group(0)) if year_match else None
        description = cells.get("description", "")
        if context.family == "models":
            unread = "; ".join(
                f"{h.strip()}: {v.strip()}"
                for h, k, v in zip(table.header, kinds, row, strict=False)
                if k is None and v.strip() and no_value(v) is None
            )
            written = tuple(
                (h.strip(), v.strip()) for h, v in zip(table.header, row, strict=False) if v.strip()
            )
            # "Janus-Pro / Janus / JanusFlow": one record per model the name cell lists
            for member_cells in row_members(cells):
                record = model_from_row(member_cells, source, group_year, row_links, context.marks)
                record = replace(record, cells=written)
                if unread:
                    # "Compared with: GPT-4V; Outcome: comparable": columns no field reads
                    # stay the row's words (kept as text, not read for parts)
                    said = record.description.strip()
                    record = replace(record, description=f"{said}; {unread}" if said else unread)
                records.append(record)
        elif context.family == "datasets":
            dated = _YEAR_AFTER.match(name)  # "[Flickr30k](url) (2014)"
            if dated:
                name, year = dated.group("name"), year or int(dated.group("year"))
            names = split_list(name) if "/" in name else [name]
            quantities = size_cell(cells.get("size", ""))
            for index, dataset_name in enumerate(names):
                own = (
                    quantities
                    if len(names) == 1 or len(quantities) != len(names)
                    else (quantities[index],)
                )
                languages, count = _facts.languages(description, cells.get("languages", ""))
                records.append(
                    DatasetRecord(
                        name=dataset_name,
                        source=source,
                        description=description or _facts.other_cells(table.header, row, kinds),
                        category=cells.get("category") or context.classified.topic,
                        year=year,
                        sizes=own,
                        languages=languages,
                        language_count=count,
                        license=_facts.license_id(cells["license"], whole_cell=True)
                        if cells.get("license")
                        else None,
                        links=row_links,
                    )
                )
        elif context.family == "benchmarks":
            records.append(
                BenchmarkRecord(
                    name,
                    source,
                    description,
                    year=year,
                    group=context.classified.topic,
                    links=row_links,
                )
            )
            # The whole row (top model, score, baseline) is kept as a plain table row too.
            kind = table_kind(table.header, title, context.family)
            records.append(_table_row(table, row, title, kind, source, key_column(table)))
        else:
            purpose = " ".join(v for k, v in cells.items() if k in ("description",) and v)
            records.append(
                ToolRecord(
                    name=name,
                    source=source,
                    description=purpose
                    or "; ".join(
                        f"{h}: {v}" for h, v in zip(table.header[1:], row[1:], strict=False)
                    ),
                    group=context.classified.topic,
                    license=_facts.license_id(cells["license"], whole_cell=True)
                    if cells.get("license")
                    else None,
                    speedup=_facts.speedup(cells["speedup"] + " speedup")
                    if cells.get("speedup")
                    else None,
                    links=row_links,
                )
            )
    return records


_YEAR_AFTER = re.compile(r"^(?P<name>.+?)\s*\((?P<year>(?:19|20)\d\d)\)$")


def _table_row(
    table: Table, row: tuple[str, ...], title: str, kind: str, source: Source, column: int = 0
) -> TableRowRecord:
    cells = tuple((h.strip(), v.strip()) for h, v in zip(table.header, row, strict=False))
    key = row[column].strip() if column < len(row) else (row[0].strip() if row else "")
    return TableRowRecord(key=key, table=title, kind=kind, cells=cells, source=source)


def _notes_after(blocks: tuple[Block, ...]) -> frozenset[str]:
    """The footnote markers the paragraphs right after a table define ("¹ Reported with
    ..."), up to the next table."""
    said: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            break
        if isinstance(block, Paragraph):
            said.append(block.text)
    return footnote_marks(said)


def _keyed_by_models(table: Table) -> bool:
    """True when the column naming a table's rows is headed as models ("Model", "VLM")."""
    column = key_column(table)
    header = header_key(table.header[column]) if column < len(table.header) else ""
    return header in _MODEL_HEADERS


_MODEL_HEADERS = frozenset({"model", "models", "model name", "vlm", "vlms", "mllm", "mllms"})


def _table_records(table: Table, context: _Context) -> list[Record]:
    title = context.last_label or context.classified.section.title
    if context.family in _ENTITY_FAMILIES:
        records = _entity_rows(table, title, context)
        if records is not None:
            return records
    papers = paper_rows(table, context.source, context.year, context.marks)
    if papers is not None:
        return papers
    board = leaderboard_rows(table, context.source, context.year, context.marks, context.notes)
    if board is not None:
        return board
    if context.family != "models" and _keyed_by_models(table):
        # "| Model | Released | Compared with | ... |" under any heading: a table of models
        reading = copy.copy(context)
        reading.family = "models"
        records = _entity_rows(table, title, reading)
        if records is not None:
            return records
    kind = table_kind(table.header, f"{title} {context.classified.topic or ''}", context.family)
    column = key_column(table)
    rows: list[Record] = [
        _table_row(table, row, title, kind, context.source(line, line), column)
        for row, line in zip(table.rows, table.row_lines, strict=False)
    ]
    for index, role, name in part_users(table, column):
        # "| CLIP ViT-L/14 | ... | LLaVA-1.5, CogVLM |": each model the row names uses it
        line = table.row_lines[index]
        part = without_footnotes(table.rows[index][column])
        cells = {"name": name, role: part}
        record = model_from_row(cells, context.source(line, line), None, ())
        rows.append(replace(record, vision_encoder_text=(), language_backbone_text=()))
    return rows


_FLOW_START = re.compile(r"^\s*(?:graph|flowchart)\s+(?:TD|TB|LR|RL|BT)\b", re.I)
_FLOW_NODE = re.compile(r"(?P<id>\w+)\s*(?:\[(?P<a>[^\]]*)\]|\{(?P<b>[^}]*)\}|\((?P<c>[^)]*)\))?")
_FLOW_EDGE = re.compile(r"\s*-{2,}>\s*(?:\|(?P<label>[^|]*)\|\s*)?")


def _flow_steps(code: str) -> str | None:
    """A flow diagram's edges as sentences ("graph TD / A[Raw Data] --> B{Federated
    Learning?} / B -->|No| E[Reject]" -> "Raw Data → Federated Learning?. Federated
    Learning? (No) → Reject."), or None when the code is no flow diagram."""
    lines = [line.strip() for line in code.splitlines() if line.strip()]
    if not lines or not _FLOW_START.match(lines[0]):
        return None
    labels: dict[str, str] = {}
    steps: list[tuple[str, str | None, str]] = []
    for line in lines[1:]:
        parts = _FLOW_EDGE.split(line)  # [node, label, node, label, node ...]
        nodes = parts[0::2]
        for node in nodes:
            match = _FLOW_NODE.match(node.strip())
            if match and (label := match.group("a") or match.group("b") or match.group("c")):
                labels[match.group("id")] = label.strip()
        ids = [m.group("id") for n in nodes if (m := _FLOW_NODE.match(n.strip()))]
        edge_labels = parts[1::2]
        for index in range(len(ids) - 1):
            steps.append((ids[index], edge_labels[index], ids[index + 1]))
    said = [
        f"{labels.get(a, a)}{f' ({how.strip()})' if how else ''} → {labels.get(b, b)}."
        for a, how, b in steps
    ]
    return " ".join(said) or None


# a comment line of code ("# Multimodal fusion with gated attention", "// ..."): prose
_COMMENT = re.compile(r"^\s*(?:#+|//|--)\s*(?P<text>[A-Za-z].*?)\s*$")


# a setting of code written as a literal ("noise_multiplier=1.3,", "lr = 2e-5"): a fact of
# the example, said in words ("noise multiplier = 1.3")
_SETTING = re.compile(
    r"^\s*(?P<name>[A-Za-z][A-Za-z0-9_]*)\s*[=:]\s*"
    r"(?P<value>[-+]?\d[\w.+-]*|\"[^\"]{1,40}\"|'[^']{1,40}'|True|False)\s*,?\s*(?:#.*)?$"
)


def _code_comments(code: str) -> str | None:
    """The prose of a code example: its comment lines that read as words (three or more),
    as sentences ("Multimodal fusion with gated attention."), and its literal settings
    ("noise multiplier = 1.3; l2 norm clip = 0.7."); None when it has neither."""
    said: list[str] = []
    settings: list[str] = []
    for line in code.splitlines():
        setting = _SETTING.match(line)
        if setting and len(setting.group("name")) >= 3:
            name = setting.group("name").replace("_", " ").strip()
            settings.append(f"{name} = {setting.group('value').strip(chr(34) + chr(39))}")
            continue
        if settings:
            said.append("; ".join(settings) + ".")
            settings = []
        match = _COMMENT.match(line)
        text = match.group("text").rstrip(".") if match else ""
        if len(re.findall(r"[A-Za-z]{2,}", text)) >= 3:
            said.append(text[:1].upper() + text[1:] + ".")
    if settings:
        said.append("; ".join(settings) + ".")
    said += _code_parts(code)
    return " ".join(said) or None


# what a code example defines, calls and returns: "class GatedCrossAttention(...)",
# "nn.Sigmoid()", "torch.cat(...)", "return v * gates + t * (1-gates)"
_DEFINED = re.compile(r"^\s*class\s+([A-Za-z_]\w*)", re.M)
_CALLED = re.compile(r"\b(?:nn|torch|F|np|tf|jnp|layers)\.([A-Za-z_]\w*)\s*\(")
_RETURNED = re.compile(r"^\s*return\s+(.{3,80}?)\s*$", re.M)


def _code_parts(code: str) -> list[str]:
    """The parts of a code example said in words ("Defines GatedCrossAttention. Uses Linear,
    Sequential, Sigmoid and cat. Returns v * gates + t * (1-gates)."): what no comment says
    is still found and quoted by its names."""
    said = []
    defined = list(dict.fromkeys(_DEFINED.findall(code)))
    if defined:
        said.append(f"Defines {', '.join(defined)}.")
    called = list(dict.fromkeys(_CALLED.findall(code)))
    if called:
        listed = ", ".join(called[:-1]) + f" and {called[-1]}" if len(called) > 1 else called[0]
        said.append(f"Uses {listed}.")
    said += [f"Returns {r}." for r in dict.fromkeys(_RETURNED.findall(code))]
    return said


def _code_records(block: CodeBlock, context: _Context) -> list[Record]:
    """A flow diagram in a code block ("graph TD ...") as a passage of its steps; another
    code example as a passage of its comments ("# Multimodal fusion with gated attention")."""
    steps = _flow_steps(block.code) or _code_comments(block.code)
    if steps is None:
        return []
    topic = context.classified.topic or context.classified.section.title
    if context.family == "privacy":
        topic = context.classified.section.title
    source = context.source(block.start_line, block.end_line)
    return [PassageRecord(steps, _passage_kind(context), topic, context.facet, source)]


def _block_records(block: Block, context: _Context) -> list[Record]:
    if isinstance(block, CodeBlock):
        return _code_records(block, context)
    if isinstance(block, Table):
        # "| | Qwen2.5-VL | Kimi-VL |" over "| Design | ... |": one row per model
        records = _table_records(transposed(block) or block, context)
        context.last_label = None
        return records
    if isinstance(block, Paragraph):
        label = _is_label(block)
        if label:
            context.last_label = label
            if context.family not in _ENTITY_FAMILIES:
                context.facet = label  # "→ **Federated Learning Check**" over its bullets
            elif context.family != "models":
                # "**Retrieval and question answering**" over dataset bullets: their group
                context.classified = replace(context.classified, topic=label)
            return []
        context.last_label = None
        if block.markdown.startswith("[![") or not block.text.strip():
            return []  # badges
        if block.links and all(link.url.startswith("#") for link in block.links):
            # "**2026:** [MODUS](#modus) | [Kimi K3](#kimi-k3) ...": an index of the entries
            label = block.strong[0].rstrip(": ") if block.strong else None
            source = context.source(block.start_line, block.end_line)
            topic = context.classified.section.title
            return [PassageRecord(block.text.strip(), "prose", topic, label, source)]
        if context.family in _ENTITY_FAMILIES:
            # "**Name** - description" written as a paragraph rather than a bullet
            starts_bold = block.markdown.startswith(("**", "__"))
            if starts_bold:
                return _entry_records(block, context)
            if context.family == "models":
                return _prose_records(block, context)
            return _prose_named(block, context)
        context.intro = block.text
        return [*_passages(block, context), *_prose_named(block, context)]
    context.last_label = None
    if context.family in _ENTITY_FAMILIES:
        return _entry_records(block, context)
    paper = _paper(block, context)
    if paper is not None:
        return [paper]
    if block.links and all(link.url.startswith("#") for link in block.links) and not block.children:
        return []  # a table-of-contents line
    title = context.classified.section.title
    source = context.source(block.start_line, block.end_line)
    row = field_row(block.text, context.intro, title, context.family, source)
    return [*_passages(block, context), *([row] if row else [])]


def _only_links(block: Paragraph) -> bool:
    """True for a paragraph of links and separators only ("[paper](url) · [model](url)")."""
    rest = block.text
    for ref in block.links:
        rest = rest.replace(ref.text, "")
    return not re.sub(r"[\s·•|,;/.-]+", "", rest)


def _card_blocks(
    section: Section, defined: dict[str, str]
) -> tuple[tuple[Field, ...], list[Bullet | Paragraph], list[Paragraph]] | None:
    """The fields opening `section` (a line of bold-labelled fields, or a run of labelled
    bullets), the blocks they are written in, and the paragraphs of sentences after them."""
    if not section.blocks:
        return None
    first = section.blocks[0]
    fields = field_line(first, defined) if isinstance(first, Paragraph) else None
    if fields is not None and isinstance(first, Paragraph):
        written: list[Bullet | Paragraph] = [first]
    elif (bullets := bullet_fields(section.blocks, defined)) is not None:
        fields, count = bullets
        written = [b for b in section.blocks[:count] if isinstance(b, Bullet)]
    else:
        return None
    sentences: list[Paragraph] = []
    for block in section.blocks[len(written) :]:
        if not isinstance(block, Paragraph) or _is_label(block) or field_line(block, defined):
            break
        if any(_NAME_LIKE.match(b.strip()) for b in block.strong):
            break  # "For grounding, **DuneBoxes** provides ...": another entity's sentences
        sentences.append(block)
    return fields, written, sentences


def _card_records(
    section: Section, context: _Context, parent: Classified | None
) -> tuple[list[Record], int]:
    """The entity a card section describes (its heading the name, its field line the cells of
    a one-row table, its sentences the description) and how many blocks it read; ([], 0)
    when the section is no card. A card is an entry of the section it sits in: it and the
    blocks after it are read with that section's kind, year and topic."""
    found = _card_blocks(section, context.legend)
    if found is None:
        return [], 0
    fields, field_blocks, told = found
    if parent is not None:
        context.classified = replace(
            context.classified, kind=parent.kind, year=parent.year, topic=parent.topic
        )
        context.family = family(parent.kind)
    kind = context.family
    if kind not in _ENTITY_FAMILIES:
        if not is_model_card(fields):
            return [], 0
        kind = "models"
    known = [f for f in fields if f.meaning and f.meaning != "description"]
    notes = [f"{f.label}: {f.value}." for f in fields if f not in known and f.value]
    sentences = [b.text.strip() for b in told if not _only_links(b)]
    description = " ".join([*notes, *sentences]).strip()
    card: list[Bullet | Paragraph] = [*field_blocks, *told]
    refs: tuple[LinkRef, ...] = tuple(ref for block in card for ref in block.links)
    last = (told or field_blocks)[-1].end_line
    table = Table(
        header=("Name", *(f.label for f in known), "Description"),
        rows=((card_name(section.title), *(f.value for f in known), description),),
        row_lines=(field_blocks[0].start_line,),
        start_line=section.start_line,
        end_line=last,
        row_links=(refs,),
    )
    reading = copy.copy(context)
    reading.family = kind
    source = context.source(section.start_line, last)
    # the facts come from the cells and the sentences; the text kept is the whole card's
    line = " · ".join(f"{f.label}: {f.value}" for f in fields if f.value)
    written = " ".join([f"{line}.", *sentences])
    records = [
        replace(r, source=source, description=written)
        if isinstance(r, (DatasetRecord, BenchmarkRecord, ToolRecord))
        # a card is no table row: its fields are the facts, not cells
        else replace(r, source=source, description=written, cells=())
        if isinstance(r, ModelRecord)
        else replace(r, source=source)
        for r in _entity_rows(table, section.title, reading) or []
    ]
    models = [r for r in records if isinstance(r, ModelRecord)]
    if len(models) == 1:
        context.last_model = models[0].name
        listed = tuple(n for n in _facts.enumerated(description) if n != models[0].name)
        if len(listed) >= 2:
            # a family card: "Three variants: Janus-Pro (7B and 1B), Janus (1.3B) and ..."
            read = lambda n, t: model_from_text(n, t, source, models[0].year)  # noqa: E731
            records.extend(members(models[0], listed, description, read))
    return records, len(field_blocks) + len(told)


def _with_organization(record: Record, organization: str) -> Record:
    """A model under an organisation's heading ("## Google") is that organisation's."""
    if isinstance(record, ModelRecord):
        return replace(record, organization=organization)
    return record


def _items(records: list[Record]) -> tuple[str, ...]:
    names: list[str] = []
    for record in records:
        if isinstance(record, ModelRecord) and (record.series or record.continued):
            continue  # members and later paragraphs of an entry are not listed by themselves
        if isinstance(record, (ModelRecord, DatasetRecord, BenchmarkRecord, ToolRecord)):
            names.append(record.name)
        elif isinstance(record, PaperRecord):
            names.append(record.title)
        elif isinstance(record, TableRowRecord) and record.key not in names:
            names.append(record.key)
    return tuple(names)


def extract(document: Document) -> list[Record]:
    """Every record of `document`, in document order, each section's record before its content.

    Records: SectionRecord per heading; ModelRecord, DatasetRecord, BenchmarkRecord,
    ToolRecord per entry or table row; TableRowRecord per row of other tables;
    PaperRecord per linked paper title; PassageRecord per bullet or paragraph of prose and
    per flow diagram in a code block (its steps as sentences).
    Model records carry the typed mentions of other entities their text names.
    """
    records: list[Record] = []
    read: dict[int, Classified] = {}  # each section read so far, by id
    labels = legend(document)
    marks = cell_marks(document)
    # does the list write footnotes anywhere ("¹ Reported with ...")?
    noted = bool(
        footnote_marks(
            [b.text for _, s in document.walk() for b in s.blocks if isinstance(b, Paragraph)]
        )
    )
    for paragraph in document.preamble:
        if (
            isinstance(paragraph, Paragraph)
            and paragraph.text
            and not paragraph.markdown.startswith("[![")
        ):
            source = Source(document.file, paragraph.start_line, paragraph.end_line, ())
            records.append(PassageRecord(paragraph.text, "prose", "", None, source))
    for classified in classify(document):
        read[id(classified.section)] = classified
        context = _Context(document, classified, labels, marks)
        parent = read.get(id(classified.ancestors[-1])) if classified.ancestors else None
        section = classified.section
        content: list[Record] = []
        if classified.kind == "model_entry":
            content.extend(
                write_up_records(
                    section,
                    context.source,
                    lambda name, text, source: model_from_text(name, text, source, None),
                )
            )
        blocks = section.blocks if classified.kind != "model_entry" else ()
        if blocks:
            card, used = _card_records(section, context, parent)
            content.extend(card)
            blocks = blocks[used:]
        for index, block in enumerate(blocks):
            if isinstance(block, Table) and noted:
                context.notes = _notes_after(blocks[index + 1 :])
            content.extend(_block_records(block, context))
        if classified.organization:
            content = [_with_organization(r, classified.organization) for r in content]
        records.append(
            SectionRecord(
                title=section.title,
                level=section.level,
                kind=classified.kind,
                source=Source(document.file, section.start_line, section.end_line, classified.path),
                parent=classified.parent_title,
                year=classified.year,
                items=_items(content),
            )
        )
        records.extend(content)
    return link_mentions(dated_by_rows(records))


__all__ = ["extract"]

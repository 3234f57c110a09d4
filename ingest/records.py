"""Typed records extracted from a hub, each with its provenance.

These frozen dataclasses are the contract between `ingest` (which produces them) and
`kg` (which turns them into RDF). Names are kept as written in the hub; canonical keys
come from `ingest.names.entity_key`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """Where a record comes from: file, 1-based inclusive line range, heading path."""

    file: str
    start_line: int
    end_line: int
    section: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        """`<file>#L<start>-L<end>`, the citation form used everywhere."""
        return f"{self.file}#L{self.start_line}-L{self.end_line}"


@dataclass(frozen=True)
class Link:
    """A hyperlink; `kind` is arxiv | github | huggingface | pdf | web."""

    url: str
    kind: str
    text: str = ""
    arxiv_id: str | None = None


@dataclass(frozen=True)
class ParameterCount:
    """One parameter count in parameters (7B -> 7e9), with the variant it belongs to."""

    value: float
    text: str
    variant: str | None = None
    active: bool = False  # "activates only 2.8B parameters" (MoE active parameters)
    # False for a factor the list states instead of a total ("4.5B x 74": 4.5B per expert);
    # the product is never computed, and rankings leave such a count out.
    total: bool = True


@dataclass(frozen=True)
class Quantity:
    """A size such as "328K images": value in units, unit a plural noun."""

    value: float
    unit: str
    text: str


@dataclass(frozen=True)
class BenchmarkResult:
    """A reported score, e.g. 72.4% on Video-MME with 512 input frames."""

    benchmark: str
    score: str
    value: float | None = None
    condition: str | None = None


@dataclass(frozen=True)
class Component:
    """A vision encoder, language model or other pretrained part, resolved by the gazetteer.

    `kind` is vision_encoder | language_model | audio_encoder | other; `family` chains to
    the broader entity ("Qwen-2.5-7B" -> "Qwen2.5" -> "Qwen") as names.
    """

    name: str
    kind: str
    broader: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    # network designs it is built as, each a chain like `broader` ("CLIP-ConvNeXt" is a
    # CLIP model and a ConvNeXt: (("ConvNeXt",),))
    designs: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Mention:
    """Another entity named in an entry's text; `relation` says how, when the sentence does.

    relation: mentions | trained_on | fine_tuned_on | outperforms | based_on | evaluated_on;
    `score` is the figure stated with an evaluation ("72.4%").
    """

    name: str
    relation: str = "mentions"
    score: str | None = None
    sentence: str = ""


@dataclass(frozen=True)
class ModelRecord:
    """A vision-language model entry.

    A record with `series` set is a member named inside another entry ("Four models by
    Ai2: A, B ..."): linked to that entry, not listed in the section itself.
    """

    name: str
    source: Source
    description: str = ""
    aliases: tuple[str, ...] = ()
    year: int | None = None
    architectures: tuple[str, ...] = ()  # normalised: "decoder-only", "encoder-decoder", ...
    parameters: tuple[ParameterCount, ...] = ()
    vision_encoders: tuple[Component, ...] = ()
    language_backbones: tuple[Component, ...] = ()
    components: tuple[Component, ...] = ()  # other pretrained parts (audio encoders, ...)
    based_on: tuple[str, ...] = ()  # models (or LLMs) it is built on, as names
    variants: tuple[str, ...] = ()  # named sub-models ("Janus-Pro", "MolmoE-1B")
    training_data: tuple[str, ...] = ()
    benchmark_results: tuple[BenchmarkResult, ...] = ()
    context_window: int | None = None  # tokens
    languages: tuple[str, ...] = ()
    language_count: int | None = None
    license: str | None = None
    organization: str | None = None
    links: tuple[Link, ...] = ()
    subtitle: str | None = None  # "Kimi K3: Kimi Delta Attention at ..." -> the part after ":"
    authors: str | None = None  # as written: "Kimi Team, Moonshot AI"
    date: str | None = None  # ISO: "2026-07-17" or "2026-07"
    # The hub's own words next to the normalised facts: "redesigned ViT", "~2.8T total (MoE)"
    parameters_text: str | None = None
    vision_encoder_text: tuple[str, ...] = ()
    language_backbone_text: tuple[str, ...] = ()
    architecture_text: str | None = None
    license_text: str | None = None  # "Llama 3.2 Community License" next to the normalised one
    organization_text: str | None = None  # a legend's mark in the organisation cell: "?"
    undisclosed: tuple[str, ...] = ()  # attributes the list says are not given: "parameters"
    series: str | None = None  # the entry this model is a member of
    mentions: tuple[Mention, ...] = ()
    connectors: tuple[str, ...] = ()  # normalised: "q-former", "mlp projector", ...
    quantities: tuple[Quantity, ...] = ()  # "93 layers", "128 experts", "32 A100 GPUs"
    # a table row's cells as the list writes them, (header, text), the name's cell first:
    # every column is answerable in the list's words ("what Type does the table give X")
    cells: tuple[tuple[str, str], ...] = ()
    training_stages: int | None = None
    continued: bool = False  # more facts of the entry above, from a later paragraph


@dataclass(frozen=True)
class PaperRecord:
    """A paper listed by its linked title ("- [Title: subtitle](arxiv url)")."""

    title: str
    source: Source
    arxiv_id: str | None = None
    year: int | None = None
    short_name: str | None = None  # "METEOR" of "METEOR: Multi-Encoder ..."
    links: tuple[Link, ...] = ()
    tags: tuple[str, ...] = ()  # the topic written after the title: "[Title](url) *hallucination*"
    date: str | None = None  # "2025-03": the month of a new-style arXiv id (2503.21757)


@dataclass(frozen=True)
class DatasetRecord:
    """A dataset entry; `category` is the heading it is listed under."""

    name: str
    source: Source
    description: str = ""
    aliases: tuple[str, ...] = ()
    category: str | None = None
    year: int | None = None
    sizes: tuple[Quantity, ...] = ()
    languages: tuple[str, ...] = ()
    language_count: int | None = None
    license: str | None = None
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class BenchmarkRecord:
    """A benchmark entry; `group` is its sub-heading ("Video-Language Benchmarks")."""

    name: str
    source: Source
    description: str = ""
    aliases: tuple[str, ...] = ()
    year: int | None = None
    group: str | None = None
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class ToolRecord:
    """A tool or toolkit technique ("VLMEvalKit", "Flash Attention")."""

    name: str
    source: Source
    description: str = ""
    group: str | None = None
    license: str | None = None
    speedup: str | None = None  # as written: "2.8×"
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class TableRowRecord:
    """One row of a table: `key` is its first cell, `cells` (header, value) in order.

    `kind` names what the table holds (ethical_challenge, compression_technique,
    embodied_task, privacy_impact, or table for anything else); `table` is its title.
    """

    key: str
    table: str
    kind: str
    cells: tuple[tuple[str, str], ...]
    source: Source


@dataclass(frozen=True)
class PassageRecord:
    """A piece of prose: a bullet or paragraph under a topic and a facet.

    For "Research Directions > Regression Tasks > Key Challenges": kind
    research_direction, topic "Regression Tasks", facet "Key Challenges".
    """

    text: str
    kind: str  # research_direction | application | privacy | prose
    topic: str
    facet: str | None
    source: Source
    metric: str | None = None  # a figure it reports: "91% instrument tracking", "0.87 correlation"
    subject: str | None = None  # the model a write-up paragraph is about


@dataclass(frozen=True)
class SectionRecord:
    """A heading: its cleaned title, level, classified kind and line span."""

    title: str
    level: int
    # models | model_year | model_group | datasets | dataset_category | benchmarks |
    # benchmark_group | research_directions | research_direction | research_facet | ethics |
    # privacy | tools | tool_group | applications | application | other
    kind: str
    source: Source
    parent: str | None = None
    year: int | None = None
    items: tuple[str, ...] = field(
        default=()
    )  # names of the entities or rows listed directly under it


Record = (
    ModelRecord
    | PaperRecord
    | DatasetRecord
    | BenchmarkRecord
    | ToolRecord
    | TableRowRecord
    | PassageRecord
    | SectionRecord
)

"""Several hub files, one graph: which entries of different files are one entity (kg.merge),
one IRI with every source's span, and conflicting values kept side by side."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from ingest.records import Link, ModelRecord, ParameterCount, Source
from kg import analytics
from kg.build import build
from kg.merge import compatible, normalised, numbers, resolve
from kg.vocab import PROV, RDF, RDFS, RES, VLM

A, B = "list-a.md", "list-b.md"
PAPER = Link("https://arxiv.org/abs/2409.12191", "arxiv", "paper", "2409.12191")
REPO = Link("https://github.com/QwenLM/Qwen2-VL", "github", "code")


def model(name: str, file: str, line: int = 1, **fields: object) -> ModelRecord:
    return ModelRecord(name, Source(file, line, line), **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kimi K3 (Moonshot AI)", "kimik3"),
        ("**LLaVA**: Visual Instruction Tuning", "llava"),
        ("Molmo Series", "molmo"),
        ("DeepSeek Janus Family", "deepseekjanus"),
        ("Qwen2.5-VL", "qwen2.5vl"),
        ("(Moonshot AI)", "(moonshotai)"),  # nothing left: the whole name
    ],
)
def test_normalised_names(name: str, expected: str) -> None:
    assert normalised(name) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Qwen2-VL-2B", "Qwen2-VL-72B", False),  # two sizes of one family
        ("Qwen2-VL", "Qwen2-VL-7B", False),  # a family and one sized member
        ("LLaVA", "LLaVA-1.5", False),  # two versions
        ("InternVL2.5-8B", "InternVL 2.5 8B", True),
        ("Kimi K3 (Moonshot AI)", "Kimi-K3", True),
        ("Pixtral 12B (2024)", "Pixtral 12B", True),  # a year in parentheses is not a size
    ],
)
def test_numbers_must_agree(a: str, b: str, same: bool) -> None:
    assert compatible(a, b) is same, (numbers(a), numbers(b))


def merged_names(records: list[ModelRecord]) -> list[tuple[str, str, str]]:
    _, merges = resolve([("model", r) for r in records])
    return [(m.name, m.other, m.evidence) for m in merges]


def test_evidence_for_one_entity_across_files() -> None:
    records = [
        model("Kimi K3 (Moonshot AI)", A),
        model("Molmo Series", A, 2),
        model("Qwen2-VL", A, 3, links=(PAPER,)),
        model("Cambrian", A, 4, aliases=("Cambrian-1",)),
        model("Kimi-K3", B),
        model("Molmo", B, 2),
        model("Qwen2 VL Instruct", B, 3, links=(PAPER,)),  # same paper, same leading word
        model("Cambrian-1", B, 4),
    ]
    assert merged_names(records) == [
        ("Kimi K3 (Moonshot AI)", "Kimi-K3", "same name"),
        ("Molmo Series", "Molmo", "same name"),
        ("Cambrian", "Cambrian-1", "alias cambrian1"),
        ("Qwen2-VL", "Qwen2 VL Instruct", "same paper arXiv:2409.12191"),
    ]


def test_never_merged() -> None:
    records = [
        model("Qwen2-VL-2B", A, links=(PAPER, REPO)),
        model("Qwen2-VL", A, 2),
        model("Kimi K3", A, 3),
        model("Qwen2-VL-72B", B, links=(PAPER, REPO)),  # another size, whatever the links
        model("Qwen2-VL-7B", B, 2),  # a sized member is not the family
        model("Kimi K3 (Moonshot AI)", A, 4),  # the same file: listed apart on purpose
        model("Other-VL", B, 3, links=(PAPER,)),  # same paper, another name
        model("Emu", A, 5, aliases=("Emu-14B",)),
        model("Emu-14B", B, 4),  # even an alias does not merge a family with a size
    ]
    assert merged_names(records) == []


def test_one_iri_with_every_source_span_and_conflicts_side_by_side() -> None:
    records = [
        model("Kimi K3 (Moonshot AI)", A, 5, year=2025, parameters=(ParameterCount(7e9, "7B"),)),
        model("Qwen2-VL-2B", A, 6, year=2024),
        model("Kimi-K3", B, 9, year=2026, parameters=(ParameterCount(8e9, "8B"),)),
        model("Qwen2-VL-72B", B, 10, year=2024),
    ]
    graph = build(records)
    models = sorted(str(m) for m in graph.subjects(RDF.type, VLM.Model))
    assert models == [
        str(RES["model/kimi-k3-moonshot-ai"]),
        str(RES["model/qwen2-vl-2b"]),
        str(RES["model/qwen2-vl-72b"]),
    ]
    kimi = RES["model/kimi-k3-moonshot-ai"]
    spans = sorted(
        str(s).rsplit("/", 2)[-2] + "/" + str(s).rsplit("/", 1)[-1]
        for s in graph.objects(kimi, PROV.wasDerivedFrom)
    )
    assert spans == ["list-a/L5-L5", "list-b/L9-L9"]
    assert graph.value(kimi, RDFS.label).toPython() == "Kimi K3 (Moonshot AI)"
    stats = analytics.graph_stats(graph)
    assert stats.shared_entities == {"vlm:Model": 1}
    assert [(s.file, s.entities, s.shared) for s in stats.sources] == [
        (A, {"vlm:Model": 2}, 1),
        (B, {"vlm:Model": 2}, 1),
    ]
    assert [
        (c.label, c.property, [(s.file, s.values) for s in c.sources])
        for c in stats.source_conflicts
    ] == [
        (
            "Kimi K3 (Moonshot AI)",
            "vlm:parameterCount",
            [(A, ("7000000000",)), (B, ("8000000000",))],
        ),
        ("Kimi K3 (Moonshot AI)", "vlm:releaseYear", [(A, ("2025",)), (B, ("2026",))]),
    ]
    report = analytics.format_report(stats).splitlines()
    assert "entities listed by several sources: 1 (1 vlm:Model)" in report
    assert (
        "  Kimi K3 (Moonshot AI) vlm:parameterCount: list-a.md says 7B; list-b.md says 8B" in report
    )
    assert (
        "  Kimi K3 (Moonshot AI) vlm:releaseYear: list-a.md says 2025; list-b.md says 2026"
        in report
    )


def test_lookups_follow_the_merge() -> None:
    """A `basedOn` naming another file's spelling points at the merged entity."""
    records = [
        model("Kimi K3 (Moonshot AI)", A, 5),
        model("Kimi-K3", B, 9),
        model("Kimi-K3-Thinking", B, 10, based_on=("Kimi K3",)),
    ]
    graph = build(records)
    thinking = RES["model/kimi-k3-thinking"]
    assert graph.value(thinking, VLM.basedOn) == URIRef(RES["model/kimi-k3-moonshot-ai"])


def test_two_real_hubs_built_together() -> None:
    """The bundled hub and the 2025-03 tables edition: each model both list is one IRI with
    both files' spans, and the release year they disagree on is reported with both files."""
    from pathlib import Path

    import ingest
    from ingest.names import entity_key
    from vlmkg.config import bundled_hub

    tables = Path(__file__).resolve().parents[1] / "data" / "hub_2025-03-16_tables.md"
    records = ingest.read_hubs([bundled_hub(), tables])
    graph = build(records)
    keys: dict[str, set[str]] = {}
    for record in records:
        if isinstance(record, ModelRecord):
            keys.setdefault(normalised(record.name), set()).add(record.source.file)
    in_both = {key for key, files in keys.items() if len(files) == 2}
    span_file = {s: str(f) for s, f in graph.subject_objects(VLM.sourceFile)}
    iris_by_key: dict[str, set[URIRef]] = {}
    for iri in graph.subjects(RDF.type, VLM.Model):
        for name in graph.objects(iri, RDFS.label):
            iris_by_key.setdefault(normalised(str(name)), set()).add(iri)
    for key in in_both:
        (iri,) = iris_by_key[key]  # one entity
        files = {span_file[s] for s in graph.objects(iri, PROV.wasDerivedFrom) if s in span_file}
        assert files == {"vlm-research-hub.md", tables.name}, key
    assert len(in_both) >= 20 and entity_key("Qwen-VL") in in_both
    stats = analytics.graph_stats(graph)
    assert stats.shared_entities["vlm:Model"] == len(in_both)
    qwen = [c for c in stats.source_conflicts if c.label == "Qwen-VL"]
    assert [(c.property, [(s.file, s.values) for s in c.sources]) for c in qwen] == [
        ("vlm:releaseYear", [(tables.name, ("2023",)), ("vlm-research-hub.md", ("2024",))])
    ]

"""Aggregate questions on real builds: the numbers are counted again here, independently
(plain triple patterns walked in Python), and fixed for the bundled hub."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict

import pytest

from search.assistant import Assistant
from search.assistant.aggregates import read_question
from search.assistant.answer import Answer
from search.assistant.understand import understand
from tests.search.assistant.conftest import DATA, build_home, labels


def triples(assistant: Assistant, pattern: str) -> list[tuple[str, str]]:
    """(subject, object) pairs of a two-variable pattern over listed models."""
    rows = assistant.store.query(
        f"SELECT ?s ?o WHERE {{ ?s a vlm:Model ; vlm:listedIn ?section . {pattern} }}"
    ).dicts()
    return sorted({(str(r["s"]), str(r["o"])) for r in rows})


def top_families(assistant: Assistant, predicate: str, year: int | None = None) -> dict[str, int]:
    """Models per top family, walking skos:broader in Python (not with a property path)."""
    broader: dict[str, set[str]] = defaultdict(set)
    for row in assistant.store.query("SELECT ?a ?b WHERE { ?a skos:broader ?b }").dicts():
        broader[str(row["a"])].add(str(row["b"]))
    labels = {
        str(r["e"]): str(r["l"])
        for r in assistant.store.query("SELECT ?e ?l WHERE { ?e rdfs:label ?l }").dicts()
    }

    def tops(node: str) -> set[str]:
        return set().union(*(tops(b) for b in broader[node])) if broader[node] else {node}

    years: dict[str, set[str]] = defaultdict(set)
    for model, stated in triples(assistant, "?s vlm:releaseYear ?o ."):
        years[model].add(stated)
    models: dict[str, set[str]] = defaultdict(set)
    for model, component in triples(assistant, f"?s {predicate} ?o ."):
        if year is None or str(year) in years[model]:
            for family in tops(component):
                models[labels[family]].add(model)
    return {family: len(found) for family, found in models.items()}


def chart_of(assistant: Assistant, question: str) -> dict:
    answer = assistant.ask(question)
    assert answer.grounded, answer.markdown
    return answer.extra["chart"]


def test_most_popular_vision_encoder_family(assistant: Assistant) -> None:
    answer = assistant.ask("Which vision encoder is most popular?")
    assert answer.markdown.splitlines()[0] == (
        "**ViT** is the most common vision encoder family: 13 of the 23 listed models with a "
        "stated vision encoder."
    )
    chart = answer.extra["chart"]
    assert (chart["x"], chart["y"]) == (
        ["ViT", "CLIP", "SigLIP", "MoVQGAN", "SAM"],
        [13, 7, 2, 1, 1],
    )
    assert dict(zip(chart["x"], chart["y"], strict=True)) == top_families(
        assistant, "vlm:visionEncoder"
    )
    # the answer set is the leader; the chart and the table show the rest
    assert [e.label for e in answer.entities] == ["ViT"]
    # every counted model is cited by the line stating its encoder
    assert len(answer.citations) == 23
    # the text names the leader's counted models; the other groups are the table's rows
    assert "- **ViT** (13): BLIP [L62], BLIP-2 [L55], CLIP [L63]" in answer.markdown
    assert "- **SigLIP** (2)" not in answer.markdown


def test_most_common_backbone_family_in_a_year(assistant: Assistant) -> None:
    answer = assistant.ask("the most common backbone family in 2024?")
    assert answer.markdown.splitlines()[0] == (
        "**Qwen** is the most common language backbone family: 3 of the 8 listed models with a "
        "stated language backbone from 2024."
    )
    chart = answer.extra["chart"]
    assert dict(zip(chart["x"], chart["y"], strict=True)) == top_families(
        assistant, "vlm:languageBackbone", 2024
    )
    assert "- **Qwen** (3): NVLM [L36-37], Qwen-VL [L45], Qwen2-VL [L38]" in answer.markdown


def test_models_per_year(assistant: Assistant) -> None:
    chart = chart_of(assistant, "How many models per year?")
    per_year: dict[str, int] = defaultdict(int)
    for _, year in triples(assistant, "?s vlm:releaseYear ?o ."):
        per_year[year] += 1
    assert (chart["x"], chart["y"]) == (["2022", "2023", "2024", "2025"], [4, 8, 13, 19])
    assert dict(zip(chart["x"], chart["y"], strict=True)) == per_year
    ranked = assistant.ask("Which year has the most models?")
    assert ranked.markdown.startswith(
        "**2025** has the most models: 19 of the 43 listed models with a stated release year."
    )


def stated_sizes_by_year(assistant: Assistant) -> dict[int, list[float]]:
    """Independently: each model's largest count written as a number, in its earliest year."""
    texts: dict[str, set[float]] = defaultdict(set)
    for model, text in triples(assistant, "?s vlm:parameterText ?o ."):
        match = re.fullmatch(r"~?(\d+(?:\.\d+)?)\s?([MBT])", text.strip())
        if match:
            scale = {"M": 1e6, "B": 1e9, "T": 1e12}[match.group(2)]
            texts[model].add(round(float(match.group(1)) * scale))
    sizes: dict[str, float] = {}
    for model, count in triples(assistant, "?s vlm:parameterCount ?o ."):
        if round(float(count)) in texts[model]:
            sizes[model] = max(sizes.get(model, 0.0), float(count))
    years: dict[str, int] = {}
    for model, year in triples(assistant, "?s vlm:releaseYear ?o ."):
        years[model] = min(years.get(model, 9999), int(year))
    by_year: dict[int, list[float]] = defaultdict(list)
    for model, size in sizes.items():
        if model in years:
            by_year[years[model]].append(size)
    return by_year


def test_model_size_over_time_uses_stated_numbers_only(assistant: Assistant) -> None:
    answer = assistant.ask("How has model size changed over time?")
    chart = answer.extra["chart"]
    by_year = stated_sizes_by_year(assistant)
    expected = [round(statistics.median(by_year[y]) / 1e9, 3) for y in sorted(by_year)]
    assert sorted(by_year) == [2022, 2023, 2024, 2025]
    # the 2022 models are all listed under the hub's "2022 & Prior" heading: said so
    assert chart["x"] == ["2022 & Prior", "2023", "2024", "2025"]
    assert chart["y"] == expected == [40.2, 13.0, 12.0, 10.0]
    assert chart["kind"] == "line"
    assert answer.markdown.splitlines()[0] == (
        "The median parameter count of the listed models with a stated parameter count and a "
        "release year fell from **40.2B** (2022 & Prior, 2 models) to **10B** (2025, 12 models)."
    )
    assert "| 2023 | 7 | 13B | 632M (ImageBind) | 562B (PaLM-E) |" in answer.markdown
    # a median of two values is their mean: said plainly
    assert "| 2022 & Prior | 2 | 40.2B (mean of the 2) | 400M (CLIP) | 80B (Flamingo) |" in (
        answer.markdown
    )
    # every row's models are counted, the oldest too
    counted = answer.markdown.split("Counted:\n")[1].split("\n\n")[0].splitlines()
    assert [line.split(" (")[0] for line in counted] == [
        "- **2025**",
        "- **2024**",
        "- **2023**",
        "- **2022 & Prior**",
    ]
    assert counted[-1] == "- **2022 & Prior** (2): Flamingo 80B [L61], CLIP 400M [L63]"


def test_architecture_trend(assistant: Assistant) -> None:
    answer = assistant.ask("What are the main trends in architectures?")
    chart = answer.extra["chart"]
    assert chart["x"] == ["2022", "2023", "2024", "2025"]
    assert chart["series"][0] == {"name": "decoder-only", "y": [1, 2, 6, 12]}
    assert "| 2024 | 6 | 2 | 0 | 0 | 0 |" in answer.markdown


def test_summary_counts_each_class(assistant: Assistant) -> None:
    answer = assistant.ask("Summarize the hub")
    counts = {}
    for name in ("Model", "Dataset", "Benchmark", "Tool"):
        rows = assistant.store.query(
            f"SELECT DISTINCT ?x WHERE {{ ?x a vlm:{name} ; vlm:listedIn ?s }}"
        ).dicts()
        counts[name] = len(rows)
    assert counts == {"Model": 43, "Dataset": 52, "Benchmark": 26, "Tool": 5}
    first = answer.markdown.splitlines()[0]
    assert first.startswith(
        "vlm-research-hub.md holds **43** models, **52** datasets, **26** benchmarks, **5** tools,"
    )
    assert "- Years covered (models' release years): 2022–2025; most models in 2025 (19)." in (
        answer.markdown
    )
    assert "Most shared vision encoder families: ViT (13 models), CLIP (7 models)" in (
        answer.markdown
    )
    assert answer.extra["chart"]["x"][:4] == ["models", "datasets", "benchmarks", "tools"]


def test_the_shown_sparql_gives_the_numbers(assistant: Assistant) -> None:
    answer = assistant.ask("How many datasets per category?")
    assert answer.sparql is not None and answer.sparql.startswith("PREFIX dcterms:")
    rows = assistant.store.query(answer.sparql).dicts()  # as a user would paste it
    counts = {str(r["group"]): int(r["count"]) for r in rows}
    chart = answer.extra["chart"]
    assert dict(zip(chart["x"], chart["y"], strict=True)) == {x: counts[x] for x in chart["x"]}
    assert chart["x"][0] == "Core Training Datasets" and chart["y"][0] == 14


@pytest.mark.parametrize(
    "question",
    [
        "Which vision encoder is most popular?",
        "What is the most common vision encoder?",
        "which vision encoders are used most?",
        "WHICH VISION ENCODER FAMILY IS THE MOST POPULAR",
        "What's the most frequently used vision encoder in the hub?",
    ],
)
def test_paraphrases_give_the_same_ranking(assistant: Assistant, question: str) -> None:
    assert chart_of(assistant, question)["x"][:2] == ["ViT", "CLIP"]


@pytest.mark.parametrize(
    "question",
    [
        "What is the most recent model?",
        "Which model has the most parameters?",
        "How many datasets are listed under Core Training Datasets?",
        "How many models are listed under 2023 in the seminal models section?",
        "What do LLaVA and BLIP-2 have in common?",
        "Summarize LLaVA",
        "What vision encoder does LLaVA use?",
        "How many parameters does PaLM-E have?",
        "Which models use a SigLIP vision encoder?",
        "How has LLaVA changed over time?",
        "Which vision encoder is most popular among medical models?",
        "Which of those encoders is most common?",
        "Give me an overview of the research directions",
        "Which models are larger than 70B parameters?",
        "How did the context window of Gemini change?",
        "Which benchmark has the most models evaluated on it?",
        "What are the key trends in multimodal reasoning?",
        # a count of entries: "architectures" names the entries, "cover" no summary
        "How many architectures does the list cover?",
        "How many models does the hub hold?",
    ],
)
def test_other_questions_are_not_aggregates(assistant: Assistant, question: str) -> None:
    assert read_question(understand(question, assistant.lexicon)) is None


def test_other_layouts(tables_assistant: Assistant, freeform_assistant: Assistant) -> None:
    for other in (tables_assistant, freeform_assistant):
        chart = chart_of(other, "How many models per year?")
        per_year: dict[str, int] = defaultdict(int)
        for _, year in triples(other, "?s vlm:releaseYear ?o ."):
            per_year[year] += 1
        assert dict(zip(chart["x"], chart["y"], strict=True)) == per_year
        ranked = chart_of(other, "Which architecture is most common?")
        architectures: dict[str, set[str]] = defaultdict(set)
        for model, label in triples(other, "?s vlm:architecture/rdfs:label ?o ."):
            architectures[label].add(model)
        best = max(len(v) for v in architectures.values())
        assert ranked["y"][0] == best
        assert sorted(ranked["x"][: ranked["y"].count(best)]) == sorted(
            a for a, v in architectures.items() if len(v) == best
        )
        listed = other.store.query(
            "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a vlm:Model ; vlm:listedIn ?s }"
        ).dicts()
        overview = other.ask("Give me an overview of the list")
        assert f"holds **{int(listed[0]['n'])}** models" in overview.markdown.splitlines()[0]


def test_main_trends_per_year(assistant: Assistant) -> None:
    answer = assistant.ask("What are the main trends?")
    assert answer.extra["chart"]["y"] == [4, 8, 13, 19]
    assert "| 2024 | 13 | decoder-only (6) | CLIP (4) | Qwen (3) | 12B |" in answer.markdown
    assert "| 2023 | 8 | encoder-decoder (4) | ViT (4) | Vicuna (3) | 13B |" in answer.markdown
    # the lead says the shifts, over the years where a leader has two models or more
    assert answer.markdown.startswith(
        "Over 2022–2025: the leading architecture went encoder-decoder (2023) → decoder-only "
        "(2024–2025); the leading vision encoder family went ViT (2022–2023) → CLIP (2024) → "
        "ViT (2025); the leading backbone family went Vicuna (2023) → Qwen (2024–2025); the "
        "median stated parameter count went from 40.2B (2022) to 10B (2025). "
    )


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "most common architecture in the 2024 section",
            "**decoder-only** is the most common architecture: 6 of the 8 listed models with a "
            "stated architecture under 2024.",
        ),
        (
            "Which language model is most popular after 2023?",
            "**Qwen** is the most common language backbone family: 6 of the 15 listed models "
            "with a stated language backbone after 2023.",
        ),
        # a class noun that is also a heading's words scopes to the heading
        (
            "most common architecture type among the seminal models?",
            "**decoder-only** is the most common architecture: 20 of the 34 listed models with "
            "a stated architecture under Seminal models (Post-2021).",
        ),
        # "LM" names the language model as "LLM" does
        (
            "across the seminal models, which language-model family shows up most often as "
            "the base LM?",
            "**Qwen** is the most common language backbone family: 6 of the 22 listed models "
            "with a stated language backbone under Seminal models (Post-2021).",
        ),
    ],
)
def test_scoped_rankings(assistant: Assistant, question: str, lead: str) -> None:
    assert assistant.ask(question).markdown.splitlines()[0] == lead


def test_a_dimension_of_several_classes_counts_the_one_stating_it(assistant: Assistant) -> None:
    answer = assistant.ask("What is the distribution of licenses?")
    rows = assistant.store.query(
        "SELECT DISTINCT ?x WHERE { ?x a vlm:Tool ; vlm:listedIn ?s ; dcterms:license ?l }"
    ).dicts()
    assert answer.markdown.splitlines()[0] == (
        f"The {len(rows)} listed tools with a stated license fall into 2 licenses; "
        "the hub's counts:"
    )
    assert sum(answer.extra["chart"]["y"]) == len(rows) == 2


def test_what_the_list_contains_is_the_summary(assistant: Assistant) -> None:
    assert assistant.ask("What does the list contain?").markdown == (
        assistant.ask("Summarize the hub").markdown
    )


def test_average_model_size(assistant: Assistant) -> None:
    answer = assistant.ask("What is the average model size?")
    table_rows = [line for line in answer.markdown.splitlines() if line.startswith("| 20")]
    counts = [int(row.split(" | ")[1]) for row in table_rows]
    every = [size for sizes in stated_sizes_by_year(assistant).values() for size in sizes]
    assert sum(counts) == len(every) == 28
    assert statistics.median(every) == 13e9
    assert answer.markdown.splitlines()[0].startswith(
        "The median parameter count of the 28 listed models with a stated parameter count and "
        "a release year is **13B** (mean "
    )
    in_2025 = assistant.ask("How big are models on average in 2025?")
    assert in_2025.extra["chart"]["x"] == ["2025"]
    assert "| 2025 | 13 | 12B | 500M (SmolVLM) | 124B (Pixtral Large) |" in in_2025.markdown


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Is ViT the most popular vision encoder family?", "**Yes.** **ViT** is the most common"),
        ("Is CLIP the most common vision encoder?", "**No** (**CLIP** has 7): **ViT** is"),
        (
            "Is CLIP ViT-L/14 the most common vision encoder?",
            "**No** (**CLIP ViT-L/14** counts under **CLIP**, which has 7): **ViT** is",
        ),
        ("Is Qwen the most common backbone?", "**Yes.** **Qwen** is the most common"),
    ],
)
def test_yes_no_about_a_ranking(assistant: Assistant, question: str, verdict: str) -> None:
    assert assistant.ask(question).markdown.startswith(verdict)


def test_a_component_as_condition(assistant: Assistant) -> None:
    answer = assistant.ask("Which backbone is most common among models using CLIP?")
    assert answer.markdown.splitlines()[0] == (
        "**Vicuna** is the most common language backbone family: 2 of the 7 listed models with "
        "a stated language backbone whose vision encoder is CLIP."
    )
    # independently: models whose encoder is CLIP or a member of its family, with a backbone
    clip = set()
    for row in assistant.store.query(
        'SELECT DISTINCT ?m WHERE { ?m vlm:visionEncoder/skos:broader* ?f . ?f rdfs:label "CLIP" .'
        " ?m vlm:languageBackbone ?b ; vlm:listedIn ?s }"
    ).dicts():
        clip.add(str(row["m"]))
    assert len(clip) == 7


# -- the reading of aggregate wording, and honest numbers on a model table --------------


@pytest.fixture(scope="module")
def survey(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The synthetic survey table: Undisclosed cells, one model per organisation."""
    home = build_home(tmp_path_factory.mktemp("survey") / "home", [DATA / "model_table_survey.md"])
    return Assistant.open(home)


@pytest.mark.parametrize(
    ("question", "leader"),
    [
        # "llm backbone" and the longer "backbone family" overlap: the longest is read
        ("Which LLM backbone family is used most often in 2024?", "Qwen"),
        # a lone "most" before a year and a class noun
        ("Which backbone family do most 2025 models use?", "Qwen"),
        ("Which vision encoder family shows up most across the models?", "ViT"),
        ("which encoder family dominates 2025 releases?", "ViT"),
    ],
)
def test_ranking_wordings(assistant: Assistant, question: str, leader: str) -> None:
    answer = assistant.ask(question)
    assert labels(answer) == [leader], answer.markdown


def test_the_dimension_after_a_group_cue_groups(assistant: Assistant) -> None:
    # "architectures" after "how many" names what is counted; "each year" the grouping
    chart = chart_of(assistant, "How many architectures were released in each year?")
    assert (chart["x"], chart["y"]) == (["2022", "2023", "2024", "2025"], [4, 8, 13, 19])
    # "the most common architecture per year": per year, by architecture
    chart = chart_of(assistant, "most common architecture per year")
    assert chart["series"][0] == {"name": "decoder-only", "y": [1, 2, 6, 12]}


def test_share_of_a_value(assistant: Assistant) -> None:
    answer = assistant.ask("What share of the listed models are decoder-only?")
    assert answer.markdown.startswith(
        "**decoder-only**: 20 of the 34 listed models with a stated architecture (59%). "
    )
    assert labels(answer) == ["decoder-only"]
    # a member of a family counts under it
    answer = assistant.ask("what percentage of models use SigLIP?")
    assert answer.markdown.startswith(
        "**SigLIP**: 2 of the 23 listed models with a stated vision encoder (9%). "
    )


def test_sections_as_a_dimension(assistant: Assistant) -> None:
    answer = assistant.ask("which section has the most entries?")
    assert answer.markdown.splitlines()[0] == (
        "**Benchmarks** and **Seminal models (Post-2021) › 2025** are the largest sections, "
        "with 19 each of the 142 entries listed under a section."
    )


def test_a_tie_is_said_and_top_n_keeps_ties(survey: Assistant) -> None:
    answer = survey.ask("Which organisation has the most models?")
    assert answer.markdown.splitlines()[0] == (
        "No single organisation leads: 14 organisations have 1 model each (**Alibaba**, "
        "**Apple**, **Baidu**, and 11 more), of the 14 listed models with a stated organisation."
    )
    assert len(answer.entities) == 14
    assert "…and 9 more organisations with 1 model each." in answer.markdown
    # the second place is a three-way tie: all three are shown
    assert labels(survey.ask("top 2 language backbones")) == ["DeepSeek", "Qwen", "Vicuna"]
    assert labels(survey.ask("what are the two most common LLMs?")) == [
        "DeepSeek",
        "Qwen",
        "Vicuna",
    ]


def body(answer: Answer) -> str:
    """The answer's text before its Sources block."""
    return answer.markdown.split("**Sources**")[0].strip()


def test_undisclosed_values_are_named_apart(survey: Assistant) -> None:
    answer = survey.ask("most common vision encoder")
    assert body(answer).splitlines()[-1] == (
        "Not counted: 2 models whose vision encoder the list gives as undisclosed "
        "(Booby-2 [L24], Wren-Omni [L11])."
    )
    answer = survey.ask("How has model size changed over time?")
    assert body(answer).splitlines()[-1] == (
        "Not counted: 1 model whose parameter count the list gives as undisclosed "
        "(Wren-Omni [L11])."
    )
    assert "model_table_survey.md#L11-L11" in [c.source for c in answer.citations]


def test_summary_of_a_model_table(survey: Assistant) -> None:
    for question in ("summarize this list", "Give me an overview of the model table"):
        lines = survey.ask(question).markdown.splitlines()
        assert lines[0] == (
            "model\\_table\\_survey.md holds **20** models, **16** vision encoders, "
            "**30** language models, and **1** paper."
        )
        assert lines[3] == (
            "- Stated parameter counts (17 of the 20 models, those with a release year): "
            "median 9B, from 500M (Gull-Tiny) to 2.8T (Kestrel K3)."
        )
        # every organisation has one model: nothing is "most shared"
        assert not any("organisations" in line for line in lines)


def test_two_years_are_the_range_between(assistant: Assistant) -> None:
    answer = assistant.ask("which vision encoder was most common in 2023 and 2024")
    assert answer.markdown.splitlines()[0] == (
        "**CLIP** is the most common vision encoder family: 7 of the 15 listed models with a "
        "stated vision encoder from 2023 to 2024."
    )
    assert (
        top_families(assistant, "vlm:visionEncoder", 2023)["CLIP"]
        + top_families(assistant, "vlm:visionEncoder", 2024)["CLIP"]
        == 7
    )
    answer = assistant.ask("Summarize how model designs changed from 2023 to 2025, please.")
    assert answer.extra["chart"]["x"] == ["2023", "2024", "2025"]


def test_values_of_the_ranked_dimension_are_examples(assistant: Assistant) -> None:
    # "decoder-only, encoder-decoder" in parentheses: examples of what is ranked
    answer = assistant.ask(
        "Which architecture type is most common among the listed models (decoder-only, "
        "encoder-decoder, ...)?"
    )
    assert answer.markdown.splitlines()[0] == (
        "**decoder-only** is the most common architecture: 20 of the 34 listed models with a "
        "stated architecture."
    )
    # a value of another dimension is a condition, named by what it is
    answer = assistant.ask("which vision encoder is most common among decoder-only models?")
    assert answer.markdown.splitlines()[0] == (
        "**CLIP** is the most common vision encoder family: 5 of the 12 listed models with a "
        "stated vision encoder whose architecture is decoder-only."
    )


def test_a_list_and_the_ranking_read_the_same_encoder_facts(assistant: Assistant) -> None:
    # Ola's entry names SigLIP-400M among its "pretrained backbone"s and OryxViT "for vision
    # encoder": the stated encoder decides, in the list as in the family count
    listed = assistant.ask("Which models use a SigLIP vision encoder?")
    assert listed.markdown.startswith(
        "The hub lists 2 models using SigLIP (or a model of that family) as vision encoder:"
    )
    assert labels(listed) == ["DeepSeek-VL2", "SmolVLM"]
    ranked = assistant.ask("What is the distribution of vision encoder families?")
    assert "| SigLIP | 2 | SigLIP (2) |" in ranked.markdown
    assert "- **SigLIP** (2): DeepSeek-VL2 [L44], SmolVLM [L30]" in ranked.markdown


def test_the_summary_says_what_each_section_holds(assistant: Assistant) -> None:
    # a research direction is a heading of its own (9 of them under "Research Directions");
    # the 5 listed under it are table rows: each is counted and named, so the two lines agree
    answer = assistant.ask("Summarize the hub")
    assert "**9** research directions" in answer.markdown.splitlines()[0]
    assert "**16** table rows" in answer.markdown.splitlines()[0]
    sections = next(line for line in answer.markdown.splitlines() if "Sections:" in line)
    assert sections == (
        "- Sections: Seminal models (Post-2021) (43 models); Datasets & Benchmarks "
        "(52 datasets); Benchmarks (26 benchmarks); Research Directions (9 research "
        "directions, 5 table rows); Ethical Challenges (8 table rows); Privacy Protection "
        "Framework (3 table rows); Tools (5 tools); Emerging Applications (6 application "
        "domains); Contributing Guidelines."
    )


@pytest.mark.parametrize(
    "question",
    [
        "Which vision encoder is most popular?",
        "which LLM family is most common?",
        "most common architecture type among the seminal models?",
        "Which organisation has the most models?",
    ],
)
def test_a_ranking_leads_with_its_value_and_stays_short(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    text = body(answer)
    assert text.startswith("**")  # the value first
    assert len(text.split()) <= 120
    # the table shows the leader and the next few; every counted line is a source
    table_rows = [line for line in text.splitlines() if line.startswith("| ")][1:]
    assert len(table_rows) <= 5
    cited = {c.source for c in answer.citations}
    assert {f.source for f in answer.facts if f.source} <= cited
    assert len(answer.facts) > len(table_rows)

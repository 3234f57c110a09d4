"""List and count questions whose condition is a description, over a real build of a
small hub of papers, datasets, benchmarks and a table (tests/data/hub_papers_topics.md).

Each row of the metamorphic tables is a question, variants of it (other words, lower
case, a typo, reordered clauses) and the exact entity set every variant must give.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from search.assistant import Assistant
from search.assistant.conditions import (
    is_topical,
    names_unnegated,
    repeated_cue,
    stem,
    synonyms_of,
    text_stems,
)
from search.assistant.understand import understand

from .conftest import DATA, build_home, labels

PRUNE = "PruneFast: Visual Token Pruning for Efficient Vision-Language Models"
DERMA = [
    "DermaVLM: A Dermatology Assistant Built on Vision-Language Models",
    "SkinScope: Zero-Shot Dermatological Diagnosis with Multimodal Models",
]
EARTH = [
    "GeoSense: Remote Sensing Captioning with Large Multimodal Models",
    "OrbitView: Vision-Language Reasoning over Satellite Imagery",
]
DRIVING = [
    "Open Drive Data: Open Weights for Driving Agents",
    "RoadMind: A Vision-Language Planner for Autonomous Driving",
]


@pytest.fixture(scope="module")
def papers_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("papers") / "home", [DATA / "hub_papers_topics.md"])
    return Assistant.open(home)


TOPICS = [
    (
        "Which recent papers are about token pruning?",
        [
            "which recent papers are about token pruning?",
            "List the papers on pruning visual tokens.",
            "Which papers in the Recent papers list discuss token pruning?",
            "Which recent papers are about token prunning?",  # a typo
            "which papers look at token pruning?",
        ],
        [PRUNE],
    ),
    (
        "Which papers are about dermatology?",
        [
            "which papers deal with dermatology?",
            "Papers on dermatology: which ones does the hub list?",
        ],
        DERMA,
    ),
    (
        "Which papers are about remote sensing or satellite imagery?",
        [
            "which papers are about satellite imagery or remote sensing?",
            "List the recent papers on remote sensing.",
            "Which recent papers study remote sensing?",  # a topic verb is no word to find
        ],
        EARTH,
    ),
    (
        "Which recent papers are about autonomous driving?",
        [
            "which papers in the recent papers list deal with autonomous driving?",
            "List the 2025 papers on self-driving.",
        ],
        DRIVING,
    ),
    (
        "Which papers appear twice in the Recent papers (2025) list?",
        [
            "which titles are duplicated in the recent papers section?",
            "Are any papers listed more than once? Which ones?",
        ],
        [PRUNE],
    ),
    (
        "Which benchmarks are for spatial reasoning?",
        [
            "list the benchmarks for spatial reasoning",
            "Which benchmarks does the hub list for spatial reasoning?",
        ],
        ["SpaceQA"],
    ),
    (
        "Which datasets contain Chinese image-text pairs?",
        ["which datasets have chinese image-text pairs?"],
        ["HanziPairs"],
    ),
    (
        "Are there recent papers that use Mamba or state-space models?",
        [
            "which papers use state space models or mamba?",
            "List the recent papers on state-space models.",
        ],
        [
            "MambaFuse: Mamba Layers for Multimodal Fusion",
            "SSM-VL: A State-Space Vision-Language Model",
        ],
    ),
    (
        # CLIP is a vision encoder the hub names: matched as written, not as a video clip
        "Which recent papers are about CLIP?",
        ["Which papers adapt CLIP?", "Recent papers that use CLIP: which are they?"],
        ["Adapting CLIP to New Domains with Prompts"],
    ),
    (
        "Which models besides Alpha-VL are in the 2025 section?",
        ["Apart from Alpha-VL, which models are listed under 2025?"],
        ["Beta-VL", "Gamma-VL"],
    ),
    (
        "Which datasets apart from PairSet-1B are in the Core Training Datasets section?",
        ["In the core training datasets section, which datasets besides PairSet-1B are there?"],
        ["HanziPairs", "RadioScan"],
    ),
    (
        "Which models are not decoder-only?",
        ["which models aren't decoder-only?", "List the 2025 models that are not decoder-only."],
        ["Gamma-VL"],
    ),
]


@pytest.mark.parametrize(("question", "variants", "expected"), TOPICS)
def test_topic_variants_give_the_same_entity_set(
    papers_assistant: Assistant, question: str, variants: list[str], expected: list[str]
) -> None:
    assert labels(papers_assistant.ask(question)) == expected
    for variant in variants:
        assert labels(papers_assistant.ask(variant)) == expected, variant


@pytest.mark.parametrize(
    "question",
    [
        "Which recent papers are about protein folding?",
        "Which benchmarks are about weather forecasting?",
        "which datasets are about seismic imaging?",
    ],
)
def test_a_topic_nothing_matches_is_said_not_answered_with_the_class(
    papers_assistant: Assistant, question: str
) -> None:
    answer = papers_assistant.ask(question)
    assert answer.entities == ()
    assert not answer.grounded
    assert answer.markdown.startswith("The hub lists no ")


def test_a_count_of_a_list_with_a_repeated_entry_says_both(papers_assistant: Assistant) -> None:
    answer = papers_assistant.ask("How many papers are in the Recent papers (2025) list?")
    head = answer.markdown.splitlines()[0]
    assert head == (
        "The hub lists **14** papers on 15 lines (1 listed more than once) "
        "listed under “Recent papers (2025)”:"
    )
    assert len(answer.entities) == 14


@pytest.mark.parametrize(
    "question",
    [
        "Which techniques in the Compression Results table need less than 8GB of VRAM?",
        "which techniques in the compression results table use under 8 GB VRAM?",
    ],
)
def test_a_column_name_is_no_unknown_name(papers_assistant: Assistant, question: str) -> None:
    assert labels(papers_assistant.ask(question)) == ["4-bit QAT"]


def test_a_row_named_in_a_question_about_papers_is_its_topic(papers_assistant: Assistant) -> None:
    # "Hallucination" is a row of the ethics table; here it is what the papers are about
    answer = papers_assistant.ask("Which recent papers are about hallucination in OCR?")
    assert labels(answer) == ["Reading Receipts: OCR Hallucinations in Document Models"]
    answer = papers_assistant.ask("Which papers address hallucination?")
    assert labels(answer) == [
        "Hallucination Audits for Multimodal Chat Assistants",
        "Reading Receipts: OCR Hallucinations in Document Models",
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("dermatology", "dermatological"),
        ("pathology", "pathologies"),
        ("videos", "video"),
        ("pruning", "prune"),
    ],
)
def test_stems_of_one_field_are_equal(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_two_word_synonyms_match_side_by_side() -> None:
    assert "remot_sens" in synonyms_of("satellite")
    assert "remot_sens" in text_stems("GeoSense: Remote Sensing Captioning")
    assert "remot_sens" not in text_stems("remote areas, sensing rain")


@pytest.mark.parametrize(
    ("question", "cue"),
    [
        ("Which papers appear twice?", "twice"),
        ("Are any titles listed more than once?", "more than once"),
        ("which entries are duplicated in the list?", "duplicated"),
        ("Which papers are about pruning?", None),
    ],
)
def test_repeated_cues(question: str, cue: str | None) -> None:
    assert repeated_cue(question) == cue


def test_fixture_is_the_one_built() -> None:
    assert (DATA / "hub_papers_topics.md").read_text(encoding="utf-8").count("PruneFast") == 2
    assert isinstance(DATA, Path)


def _condition(*words: str):  # type: ignore[no-untyped-def]
    from search.assistant.conditions import TextCondition

    return TextCondition(words, tuple(synonyms_of(w) for w in words))


TITLES = {
    "a": "Open-Set Active Learning for Pathology Image Classification",
    "b": "Zero-Shot Diagnostic Pathology with Efficient Prompt Design",
    "c": "Image Captioning at Scale",
    "d": "Image Editing with Diffusion",
    "e": "Video Understanding with Image Tokens",
    "f": "13K video clips across 101 actions",
    "g": "Mathematical reasoning in videos",
}


@pytest.mark.parametrize(
    ("words", "known", "expected"),
    [
        # the rare word carries the weight; a title with only the common word is out
        (("pathology", "images"), frozenset(), ["a", "b"]),
        # a word the hub uses elsewhere but no candidate has is left out
        (("pathology", "evaluation"), frozenset({stem("evaluation")}), ["a", "b"]),
        # a word the hub never uses stays: nothing matches
        (("seismic", "images"), frozenset(), []),
        # a slip of one letter in a long word is read as the word the texts have
        (("patholgy",), frozenset(), ["a", "b"]),
        # two words that are synonyms need a word each: "videos" alone is not "video clips"
        (("video", "clips"), frozenset(), ["f"]),
    ],
)
def test_match_condition(
    words: tuple[str, ...], known: frozenset[str], expected: list[str]
) -> None:
    from search.assistant.conditions import match_condition

    kept = match_condition(_condition(*words), TITLES, list(TITLES.values()), 0.5, known)
    assert sorted(kept or []) == expected


def test_a_superlative_over_a_table_ranks_its_rows(papers_assistant: Assistant) -> None:
    answer = papers_assistant.ask(
        "Which technique in the Compression Results table has the best latency?"
    )
    assert labels(answer) == ["4-bit QAT"]
    assert "14ms" in answer.markdown


def test_a_named_row_is_looked_up_not_ranked(papers_assistant: Assistant) -> None:
    # "top"/"best" with a row named: that row's cells, not the best row of the table
    answer = papers_assistant.ask(
        "What is the best latency of LayerDrop in the Compression Results table?"
    )
    assert labels(answer) == ["LayerDrop"]
    assert "22ms" in answer.markdown
    assert "14ms" not in answer.markdown


@pytest.fixture(scope="module")
def survey_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("survey") / "home", [DATA / "model_table_survey.md"])
    return Assistant.open(home)


@pytest.mark.parametrize(
    "question",
    ["Which models were trained on LAION data?", "which models use LAION training data?"],
)
def test_a_family_name_found_in_table_cells(survey_assistant: Assistant, question: str) -> None:
    # "LAION" names no dataset of the table; its cells say LAION-5B, LAION-400M, LAION-2B
    assert labels(survey_assistant.ask(question)) == ["Auk-VL", "Frigate-VL", "Heron-VL 2"]


@pytest.mark.parametrize(
    "question",
    ["Which models are mixture-of-experts?", "which models use a mixture of experts?"],
)
def test_mixture_of_experts_is_moe(survey_assistant: Assistant, question: str) -> None:
    # the table says "Decoder-only (MoE)"; "of" between the two words of the synonym
    assert labels(survey_assistant.ask(question)) == ["Booby-2", "Kestrel K3", "Petrel"]


@pytest.fixture(scope="module")
def components_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(
        tmp_path_factory.mktemp("components") / "home", [DATA / "hub_writeups_components.md"]
    )
    return Assistant.open(home)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Plover "did *not* use ... Q-Former", Gannet has features "similar to Q-Former",
        # Shrike works "instead of relying on the intricate Q-Former": none uses one
        ("Which architectures use a Q-Former?", ["Kestrel-VL", "Tern"]),
        ("Which models incorporate a Q-Former?", ["Kestrel-VL", "Tern"]),
        ("which architectures employ a q-former?", ["Kestrel-VL", "Tern"]),
        ("Which architectures use SAM?", ["Tern", "Wren"]),
        ("Which models incorporate SAM?", ["Tern", "Wren"]),
        ("Which architectures leverage SAM?", ["Tern", "Wren"]),
        # the graph reads a SigLIP encoder from Avocet's "more efficient than image
        # encoders like SigLIP" and Pipit's "belongs beside CLIP, SigLIP": their own
        # sentences say they do not use it
        ("Which models use SigLIP?", ["Plover"]),
        ("Which models use a SigLIP vision encoder?", ["Plover"]),
    ],
)
def test_a_component_named_in_write_ups(
    components_assistant: Assistant, question: str, expected: list[str]
) -> None:
    assert labels(components_assistant.ask(question)) == expected


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("It connects them through a lightweight Q-Former.", True),
        ("It did *not* use gated cross-attention or Q-Former in this phase.", False),
        ("Tokens capture visual features similar to Q-Former.", False),
        ("It avoids the complexity of architectures like Q-Former.", False),
        ("Instead of a Q-Former, it uses an MLP.", False),
        # a negation of another clause does not reach it
        ("It is not large; it trains a Q-Former.", True),
        ("Unlike Flamingo, it adds a Q-Former, not a resampler.", True),
        ("It adds tokens rather than a Q-Former.", False),
        ("It uses a Q-Former, unlike MiniGPT.", True),
        ("It belongs beside CLIP, Q-Former, and ImageBind.", False),
        ("It is not large, it trains a Q-Former.", True),
        ("It tries more than twenty encoders and builds on CLIP and Q-Former.", True),
        ("It is faster than Q-Former models.", False),
        # cues from the shared list (ingest/mentions.yaml negation_cues)
        ("Its resampler is on par with Q-Former.", False),
        ("It uses an MLP in place of a Q-Former.", False),
        ("It is not only fast but also trains a Q-Former.", True),
    ],
)
def test_names_unnegated(text: str, named: bool) -> None:
    pattern = re.compile(r"Q-Former", re.I)
    assert names_unnegated(pattern, text) is named


@pytest.mark.parametrize(
    "question",
    [
        "Which architectures use a Q-Former (Querying Transformer)?",
        "Which architectures use a Querying Transformer (Q-Former)?",
    ],
)
def test_a_parenthesised_expansion_is_the_same_name(
    components_assistant: Assistant, question: str
) -> None:
    # "Transformer" is no second condition: Gannet and Shrike are no Q-Former models
    assert labels(components_assistant.ask(question)) == ["Kestrel-VL", "Tern"]


@pytest.mark.parametrize(
    ("question", "rewritten"),
    [
        ("Which models use a Q-Former (Querying Transformer)?", "Which models use a Q-Former?"),
        ("Which models use a Querying Transformer (Q-Former)?", "Which models use a Q-Former?"),
        # a bare acronym the graph does not know says less than its long form
        ("Which models use a Perceiver Resampler (PR)?", "Which models use a Perceiver Resampler?"),
        ("How big is LLaVA (Large Language and Vision Assistant)?", "How big is LLaVA?"),
        # parentheses that expand nothing stay
        ("Which models use SigLIP (or EVA)?", "Which models use SigLIP (or EVA)?"),
        ("Which models (in 2024) use CLIP?", "Which models (in 2024) use CLIP?"),
        ("What is Qwen2 (7B)?", "What is Qwen2 (7B)?"),
    ],
)
def test_expansions_dropped(components_assistant: Assistant, question: str, rewritten: str) -> None:
    assert components_assistant.lexicon._without_expansions(question) == rewritten


@pytest.mark.parametrize(
    ("question", "topical"),
    [
        # a topic cue right after a verb of having a part opens no topic
        ("Which models rely on SAM-based vision features?", False),
        ("Which models rely on ConvNeXt-based vision features?", False),
        ("Which papers are about vision features?", True),
        ("Which models focus on masks?", True),
    ],
)
def test_a_cue_after_a_part_verb_is_no_topic(
    components_assistant: Assistant, question: str, topical: bool
) -> None:
    assert is_topical(understand(question, components_assistant.lexicon)) is topical


@pytest.mark.parametrize(
    "question",
    [
        "Which models are given as a single 7B size (not a range or a set of sizes)?",
        "which models come in 7B only?",
        "Which models come only in a 7B size?",
        "WHICH MODELS HAVE EXACTLY 7B PARAMETERS?",
        "Which models have a single size of 7B?",
    ],
)
def test_a_sole_size_excludes_ranges_and_variants(assistant: Assistant, question: str) -> None:
    # 7B-13B, 7B/20B and 3B/7B/72B name 7B as one variant among others
    assert sorted(labels(assistant.ask(question))) == [
        "Baichuan Ocean Mini",
        "Emu3",
        "Ola",
        "Qwen-VL",
    ]
    assert "Qwen2-VL" in labels(assistant.ask("Which models have a 7B variant?"))

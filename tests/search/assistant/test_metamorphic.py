"""Metamorphic tests: the same question in other words gets the same answer.

Each row is a question about a fact of the bundled hub and variants of it (a paraphrase,
reordered clauses, lower case, a typo in a name, extra politeness); every variant must
give the same entity set, or the same value, as the first.
"""

from __future__ import annotations

import pytest

from search.assistant import Assistant
from search.assistant.understand import understand
from tests.search.assistant.conftest import DATA, build_home, labels

LISTS = [
    (
        "Which models use Vicuna as their language backbone?",
        [
            "which models use vicuna as their language backbone?",
            "Vicuna as language backbone: which models use it?",
            "Could you please tell me which models use Vicuna as their language backbone?",
            "Which VLMs have a Vicuna language model as backbone?",
            "Which models use Vicunna as their language backbone?",
            "which models use vicunna as their language backbone?",  # a typo in lower case
            "Whcih models use Vicuna as their langauge backbone?",  # typos in its words
        ],
        ["CogVLM", "InstructBLIP", "LLaVA-1.5"],
    ),
    (
        "Which datasets are in the Image Classification category?",
        [
            "which datasets are in the image classification category?",
            "In the Image Classification category, which datasets are there?",
            "List the datasets of the Image Classification category, please.",
            "Which datasets are in the Image Clasification category?",
        ],
        ["CIFAR-10/100", "Caltech-101", "Food-101", "ImageNet-1k", "MNIST"],
    ),
    (
        "Which models have an encoder-decoder architecture?",
        [
            "which models have an encoder-decoder architecture?",
            "Encoder-decoder architecture: which models have one?",
            "Name the models with an encoder-decoder architecture, thanks.",
        ],
        ["BLIP", "BLIP-2", "CogVLM", "InstructBLIP", "InternVL", "NVLM", "Qwen-VL"],
    ),
]


@pytest.mark.parametrize(("question", "variants", "expected"), LISTS)
def test_list_variants_give_the_same_entity_set(
    assistant: Assistant, question: str, variants: list[str], expected: list[str]
) -> None:
    assert labels(assistant.ask(question)) == expected
    for variant in variants:
        assert labels(assistant.ask(variant)) == expected, variant


LOOKUPS = [
    (
        "What is the language backbone of Baichuan Ocean Mini?",
        [
            "what is the language backbone of baichuan ocean mini?",
            "Baichuan Ocean Mini: what is its language backbone?",
            "Which LLM does Baichuan Ocean Mini build on, please?",
            "What is the language backbone of Baichuan Ocean Mnii?",
        ],
        "**Baichuan**",
    ),
    (
        "Which vision encoder does SmolVLM use?",
        [
            "which vision encoder does smolvlm use?",
            "SmolVLM uses which vision encoder?",
            "Kindly tell me the image encoder of SmolVLM.",
            "Which vision encoder does SmolVLN use?",
            "Which vision encodr does SmolVLM use?",
        ],
        "**SigLIP**",
    ),
    (
        "How many parameters does Flamingo have?",
        [
            "how many parameters does flamingo have?",
            "Flamingo has how many parameters?",
            "What is the parameter count of Flamingo, please?",
            "How many parameters does Flamnigo have?",
            "How many paramters does Flamingo have?",
            "how many parameters does flamngo have?",
        ],
        "**80B**",
    ),
]


@pytest.mark.parametrize(("question", "variants", "expected"), LOOKUPS)
def test_lookup_variants_give_the_same_value(
    assistant: Assistant, question: str, variants: list[str], expected: str
) -> None:
    assert expected in assistant.ask(question).markdown
    for variant in variants:
        answer = assistant.ask(variant)
        assert expected in answer.markdown, variant
        assert answer.grounded is True, variant


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Which vision encoder does CogVLN use?", "CogVLM"),
        ("What is the language backbone of Qwen2-VK?", "Qwen2-VL"),
        ("What license does VLMEvalKot use?", "VLMEvalKit"),
        ("Gemma3 vs C4AI Aya Visoin 32B: which supports more languages?", "C4AI Aya Vision 32B"),
        # lower case: a misspelt name no English word is near, or a name that is an
        # English word misspelt (but not a question word: "modells" is no heading)
        ("which vision encoder does cogvln use?", "CogVLM"),
        ("What prevalence does the ethical challenges table report for genedr bias?", "Gender"),
        ("What do VLMs bring to robtics?", "Robotics"),
    ],
)
def test_one_typo_in_a_name_is_tolerated(assistant: Assistant, question: str, name: str) -> None:
    mentions = assistant.lexicon.link(question)
    assert sorted({e.label for m in mentions for e in m.entities if e.label == name}) == [name]


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("Which vision encoder does MiniGPT-4 use?", "MiniGPT-4"),
        ("What is the language backbone of Qwen3-VL?", "Qwen3-VL"),
        ("What license does Kosmos-9 use?", "Kosmos-9"),
    ],
)
def test_a_typo_tolerance_makes_no_false_hits(
    assistant: Assistant, question: str, unknown: str
) -> None:
    answer = assistant.ask(question)
    assert answer.grounded is False
    assert answer.entities == ()
    assert f"does not mention **{unknown}**" in answer.markdown


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a word no rule consumes is a condition on the entries' own text; "radiographs"
        # is medical by the vocabulary's synonyms
        ("Which datasets involve medical images?", ["MedFrameQA", "ReXGradient-160K"]),
        ("which datasets are about memes?", ["Hateful Memes"]),
    ],
)
def test_unconsumed_words_filter_the_class(
    assistant: Assistant, question: str, expected: list[str]
) -> None:
    assert labels(assistant.ask(question)) == expected


def test_a_condition_nothing_meets_is_no_confident_answer(assistant: Assistant) -> None:
    answer = assistant.ask("Which benchmarks involve underwater sonar?")
    assert answer.grounded is False
    assert answer.entities == ()


@pytest.mark.parametrize(
    ("question", "variants", "expected"),
    [
        (
            # a table's extreme, over the column the question names
            "In the SOTA compression table, which technique needs the least VRAM?",
            [
                "which technique in the sota compression table needs the least vram?",
                "Which technique needs the least VRAM in the SOTA compression table, please?",
            ],
            "**MoE-Slim** has the lowest VRAM: **5GB**",
        ),
        (
            # no fact for it: the entry's own sentence, the asked number first
            "How many modalities does ImageBind align?",
            [
                "ImageBind aligns embeddings across how many modalities?",
                "how many modalities does imagebind align?",
            ],
            "**6 modalities** — The hub's entry on **ImageBind** says:",
        ),
    ],
)
def test_table_extremes_and_quoted_numbers_survive_rewording(
    assistant: Assistant, question: str, variants: list[str], expected: str
) -> None:
    for asked in [question, *variants]:
        answer = assistant.ask(asked)
        assert expected in answer.markdown, asked
        assert answer.grounded is True, asked


def test_exactly_one_stated_size(assistant: Assistant) -> None:
    answer = assistant.ask("Which models in the 2023 section have exactly 13B parameters?")
    assert labels(answer) == ["InstructBLIP", "LLaVA-1.5"]  # not BLIP-2's 7B-13B range


@pytest.mark.parametrize(
    ("question", "variants"),
    [
        (
            "Which models use a Qwen-family LLM as their language backbone?",
            [
                # a clause saying what is *not* meant adds no condition of its own words
                "Which models use a Qwen-family LLM as their language backbone, not models "
                "that merely build on a Qwen vision-language model?",
                "Which models use a Qwen-family LLM as their pretrained language backbone "
                "(rather than a Qwen VLM)?",
                "Which models have a Qwen-family language model, any version, as their "
                "pretrained language backbone?",
            ],
        ),
        (
            "Which models have a 128k-token context window?",
            [
                "What models support a 128K-token context?",
                "Which models feature 128k tokens of context?",
            ],
        ),
    ],
)
def test_scaffolding_words_add_no_condition(
    assistant: Assistant, question: str, variants: list[str]
) -> None:
    expected = labels(assistant.ask(question))
    assert len(expected) >= 4
    for variant in variants:
        assert labels(assistant.ask(variant)) == expected, variant


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "size" asks a model's parameter count and a dataset's size: the subject decides
        ("What's the size of PaLM-E?", "The parameter count of **PaLM-E** is **562B**"),
        ("How big is PaLM-E?", "The parameter count of **PaLM-E** is **562B**"),
        ("What's the size of COCO?", "The size of **COCO** is **328K images**"),
        ("How big is COCO?", "The size of **COCO** is **328K images**"),
    ],
)
def test_one_phrase_two_attributes_the_subject_decides(
    assistant: Assistant, question: str, expected: str
) -> None:
    assert expected in assistant.ask(question).markdown


@pytest.fixture(scope="module")
def word_names(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """A hub whose names are English words in their own casing (FROZEN, FOCUS, MoVE, LENS)
    and whose prose uses the same words as words."""
    home = tmp_path_factory.mktemp("word_names") / "home"
    return Assistant.open(build_home(home, [DATA / "hub_word_names.md"]), dense=False)


@pytest.mark.parametrize(
    ("question", "linked"),
    [
        ("Which vision encoder does FOCUS use?", ["FOCUS"]),
        ("Which models use MoVE as vision encoder?", ["MoVE"]),
        ("What does FROZEN train?", ["FROZEN"]),
        ("Which models keep their language model frozen?", []),
        ("which models use move as vision encoder", []),
        ("Which models learn to focus on small regions?", []),
        ("Which benchmarks reason through the lens of counting?", []),
        ("which vision encoder does tarsier use", ["Tarsier"]),  # no English word
    ],
)
def test_an_english_word_names_no_stylised_name(
    word_names: Assistant, question: str, linked: list[str]
) -> None:
    mentions = word_names.lexicon.link(question)
    found = [
        e.label
        for m in mentions
        for e in m.entities
        if e.is_a("Model", "VisionEncoder", "Benchmark")
    ]
    assert found == linked


def test_an_ordinary_word_is_a_text_condition_not_a_name(word_names: Assistant) -> None:
    # not the models using the vision encoder MoVE (that is FOCUS)
    answer = word_names.ask("Which models move visual tokens into the text space?")
    assert labels(answer) == ["Tarsier"]


def test_a_topic_named_with_a_class_noun_is_prose(assistant: Assistant) -> None:
    # "medical VLMs" names a research direction, not the class of models
    for asked in ("What does the hub say about medical VLMs?", "Tell me about Medical VLMs."):
        answer = assistant.ask(asked)
        assert "Hallucination in diagnosis" in answer.markdown, asked
        assert "HIPAA" in answer.markdown, asked


@pytest.mark.parametrize(
    ("question", "attributes"),
    [
        ("Which models compress visual tokens?", []),  # no context length asked
        ("Which models have a context of 128k tokens?", ["context_window"]),
        ("What context does Gemma3 support?", ["context_window"]),
        ("Which model takes the most tokens?", ["context_window"]),
        ("How many core components make up GLaMM's design?", ["component", "architecture"]),
        ("How many langauges does Gemma3 support?", ["language_count"]),
        # phrases in any inflection; of two overlapping, the later word is the head
        ("What vision encoders does Emu3 use?", ["vision_encoder"]),
        ("Which papers use state space models?", []),  # the class asked, not a paper
        ("Which language backbones does Molmo use?", ["language_backbone"]),
        ("What licenses does VLMEvalKit have?", ["license"]),
        (
            "Which vision encoder sits in front of the language model in Gemma3?",
            ["vision_encoder", "language_backbone"],
        ),
    ],
)
def test_attributes_by_the_question_shape(
    assistant: Assistant, question: str, attributes: list[str]
) -> None:
    intent = understand(question, assistant.lexicon)
    assert [a.name for a in intent.attributes] == attributes


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = tmp_path_factory.mktemp("papers") / "home"
    return Assistant.open(build_home(home, [DATA / "hub_papers_topics.md"]), dense=False)


def test_a_terse_class_phrase_is_a_list(papers: Assistant) -> None:
    expected = labels(papers.ask("Which recent papers are about autonomous driving?"))
    assert expected == [
        "Open Drive Data: Open Weights for Driving Agents",
        "RoadMind: A Vision-Language Planner for Autonomous Driving",
    ]
    for asked in ("recent papers on autonomous driving?", "recent papers about autonomous driving"):
        assert understand(asked, papers.lexicon).kind == "list", asked
        assert labels(papers.ask(asked)) == expected, asked


@pytest.mark.parametrize(
    "question",
    [
        "How many models does the Molmo series contain?",
        "How many models are in the Molmo series?",
        "how many models does the molmo series include?",
    ],
)
def test_counting_an_entrys_models_counts_its_members(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert "The hub lists **4** models" in answer.markdown
    assert labels(answer) == ["Molmo-72B", "Molmo-7B-D", "Molmo-7B-O", "MolmoE-1B"]


@pytest.mark.parametrize(
    "question",
    ["List the seminal models from 2022 or earlier.", "Which seminal models use SigLIP?"],
)
def test_a_modified_class_noun_is_a_heading_scope_and_the_class(
    assistant: Assistant, question: str
) -> None:
    # "seminal models" names the heading (in a merged graph, other lists' models are not
    # under it) and still asks for models
    intent = understand(question, assistant.lexicon)
    assert (intent.kind, intent.target_class) == ("list", "Model")
    assert [e.label for e in intent.entities("Section")] == ["Seminal models (Post-2021)"]


def test_a_misspelt_question_word_names_nothing(assistant: Assistant) -> None:
    mentions = assistant.lexicon.link("which modells use clip as vision encodr?")
    assert [m.text for m in mentions] == ["clip"]


# Variants made by the same rewrites as bench/metamorphic.py (upper and lower case, a typo
# in a name, a courtesy wrapper, a scope clause moved, a synonym): each must give exactly
# the entity set of the question as written.
GENERATED = [
    ("Which models use SigLIP as their vision encoder?", ["DeepSeek-VL2", "SmolVLM"]),
    (
        "Which models in the 2023 section have exactly 13B parameters?",
        ["InstructBLIP", "LLaVA-1.5"],
    ),
    (
        "How many kinds of bias does the ethical challenges table cover?",
        [
            "Attribute Recognition",
            "Counting",
            "Cultural",
            "Gender",
            "Hallucination",
            "Prompt Ignoring",
            "Racial",
            "Spatial Reasoning",
        ],
    ),
    ("Which models are in the Janus series?", ["Janus", "Janus-Pro", "JanusFlow"]),
    (
        "Which models use Vicuna as their language backbone?",
        ["CogVLM", "InstructBLIP", "LLaVA-1.5"],
    ),
    (
        "Which datasets in the Image Classification category have more than 1M images?",
        ["ImageNet-1k"],
    ),
]


@pytest.mark.parametrize(("question", "expected"), GENERATED)
def test_generated_variants_give_the_same_entity_set(
    assistant: Assistant, question: str, expected: list[str]
) -> None:
    from bench.metamorphic import names_in, variants

    made = variants(question, question, names_in(question, assistant.lexicon))
    assert {"upper", "lower", "wrapper"} <= set(made)
    assert labels(assistant.ask(question)) == expected
    for name, variant in made.items():
        assert labels(assistant.ask(variant)) == expected, (name, variant)


@pytest.mark.parametrize(
    ("question", "read"),
    [
        (
            "Hi! How many models are listed for 2025? Thanks in advance.",
            "How many models are listed for 2025?",
        ),
        ("Quick question — which datasets are about memes?", "Which datasets are about memes?"),
        (
            "I need to know: Which language model is Emu3 built on?",
            "Which language model is Emu3 built on?",
        ),
        (
            "Could you please tell me which dataset has the most pairs?",
            "Which dataset has the most pairs?",
        ),
        (
            "could you list the datasets under the bias heading?",
            "list the datasets under the bias heading?",
        ),
        ("Which model — I think it was from Google — uses SigLIP?", "Which model uses SigLIP?"),
        ("Which models use SigLIP (I believe two do)?", "Which models use SigLIP?"),
        (
            "Which datasets cover gender? I'm auditing a model for bias.",
            "Which datasets cover gender?",
        ),
        (
            "Hello! I'm writing a survey on OCR and would like to know which models use "
            "SigLIP. Thanks a lot!",
            "Which models use SigLIP.",
        ),
        ("Tell me about Medical VLMs.", "Tell me about Medical VLMs."),  # no wh-word follows
        ("Thanks", "Thanks"),  # nothing would be left
    ],
)
def test_courtesy_and_asides_are_no_part_of_the_question(question: str, read: str) -> None:
    from search.assistant._wording import without_courtesy

    assert without_courtesy(question) == read


@pytest.mark.parametrize(
    ("question", "read"),
    [
        (
            "In the task table, semantic segmentation datasets?",
            "Semantic segmentation datasets in the task table?",
        ),
        (
            "In the seminal papers/models section, list the encoder-decoder models.",
            "List the encoder-decoder models in the seminal papers/models section.",
        ),
        ("In 2024, which models use SigLIP?", "In 2024, which models use SigLIP?"),  # no scope noun
    ],
)
def test_a_fronted_scope_is_read_at_the_end(question: str, read: str) -> None:
    from search.assistant._wording import scope_last

    assert scope_last(question) == read


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("WHICH MODELS USE SIGLIP?", "Which models use SigLIP?"),
        # ALIGN is a word the hub's prose uses; ImageBind a name
        ("HOW MANY MODALITIES DOES IMAGEBIND ALIGN?", "How many modalities does ImageBind align?"),
        # the prose never writes "coco" in lower case: the dataset COCO
        ("how many images are in coco?", "How many images are in COCO?"),
        # a word of no English, no label and no prose is a name the hub does not know
        ("what vision encoder does cogagent use?", "What vision encoder does Cogagent use?"),
        ("which models use move as vision encoder?", "Which models use move as vision encoder?"),
        ("Which models use siglip?", "Which models use siglip?"),  # a casing of its own: kept
    ],
)
def test_a_question_in_one_case_takes_the_hubs_casing(
    assistant: Assistant, question: str, read: str
) -> None:
    assert assistant.lexicon.recased(question) == read


def test_an_unknown_name_in_lower_case_is_said_unknown(assistant: Assistant) -> None:
    for asked in (
        "what vision encoder does cogagent use?",
        "WHAT VISION ENCODER DOES COGAGENT USE?",
    ):
        answer = assistant.ask(asked)
        assert answer.grounded is False, asked
        assert "does not mention **Cogagent**" in answer.markdown, asked


@pytest.mark.parametrize(
    ("question", "text", "label"),
    [
        ("Which models are in the Janus series?", "Janus series", "DeepSeek Janus Series"),
        ("What does the Janus family include?", "Janus family", "DeepSeek Janus Series"),
        ("Which models are in the Molmo series?", "Molmo series", "Molmo Series"),  # exact
    ],
)
def test_a_part_of_a_label_with_series_names_the_entry(
    assistant: Assistant, question: str, text: str, label: str
) -> None:
    mentions = [m for m in assistant.lexicon.link(question) if m.of_type("Model")]
    assert [(m.text, [e.label for e in m.entities]) for m in mentions] == [(text, [label])]


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = tmp_path_factory.mktemp("zoo") / "home"
    return Assistant.open(build_home(home, [DATA / "model_table_zoo.md"]), dense=False)


def test_a_heading_named_by_its_head_word_is_a_scope(zoo: Assistant) -> None:
    intent = understand("Which models in the zoo use SigLIP?", zoo.lexicon)
    assert [e.label for e in intent.extra["scopes"]] == ["Model zoo"]
    assert labels(zoo.ask("Which models in the zoo use SigLIP?")) == ["Finch-VL"]
    # a word no heading ends in is no scope
    assert understand("Which models in the wild use SigLIP?", zoo.lexicon).extra["scopes"] == ()


@pytest.fixture(scope="module")
def survey(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = tmp_path_factory.mktemp("survey") / "home"
    return Assistant.open(build_home(home, [DATA / "model_table_survey.md"]), dense=False)


@pytest.mark.parametrize(
    ("question", "name"),
    [("What training data was Au-VL trained on?", "Auk-VL"), ("When was Mure released?", "Murre")],
)
def test_an_inner_letter_dropped_from_a_short_name(
    survey: Assistant, question: str, name: str
) -> None:
    mentions = survey.lexicon.link(question)
    assert [e.label for m in mentions for e in m.entities if e.is_a("Model")] == [name]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "How many sizes does Qwen2.5-VL come in?",
            "**3** — The parameter count of **Qwen2.5-VL**",
        ),
        ("how many sizes does qwen2.5-vl come in", "**3** — The parameter count of **Qwen2.5-VL**"),
        # the parameter count itself, not the number of sizes
        ("How many parameters does Qwen2.5-VL have?", "The parameter count of **Qwen2.5-VL**"),
    ],
)
def test_how_many_sizes_counts_them(assistant: Assistant, question: str, expected: str) -> None:
    assert assistant.ask(question).markdown.startswith(expected)


@pytest.fixture(scope="module")
def neighbours(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = tmp_path_factory.mktemp("neighbours") / "home"
    return Assistant.open(build_home(home, [DATA / "hub_typo_neighbours.md"]), dense=False)


@pytest.mark.parametrize(
    ("question", "variants", "expected"),
    [
        (
            "What vision encoder does CogVLM use?",
            [
                "WHAT VISION ENCODER DOES COGVLM USE?",
                "what vision encoder does cogvvlm use?",
                "WHAT VISION ENCODER DOES COGVVLM USE?",
                "What vision encoder does CogVVLM use?",
            ],
            ["EVA-CLIP ViT-g/14"],
        ),
        (
            "Which models use SigLIP as their vision encoder?",
            [
                "WHICH MODELS USE SIGLIP AS THEIR VISION ENCODER?",
                "which models use siglip as their vision encoder?",
                "Which models use SigLIPP as their vision encoder?",
                "Quick question — which models use SigLIP as their vision encoder?",
            ],
            ["BLIP-3", "MonkeyOCRv2", "VisTA"],
        ),
        # a name one edit from a listed one, in any case: no answer, not the neighbour's
        (
            "What vision encoder does FLAVA use?",
            ["WHAT VISION ENCODER DOES FLAVA USE?", "what vision encoder does flava use?"],
            [],
        ),
        (
            "What vision encoder does VITA use?",
            ["WHAT VISION ENCODER DOES VITA USE?", "Could you please tell me what VITA uses?"],
            [],
        ),
        ("What vision encoder does BLIP3-o use?", ["what vision encoder does blip3-o use?"], []),
    ],
)
def test_a_misspelt_name_and_its_neighbours_in_any_case(
    neighbours: Assistant, question: str, variants: list[str], expected: list[str]
) -> None:
    for asked in [question, *variants]:
        answer = neighbours.ask(asked)
        assert labels(answer) == expected, asked
        assert answer.grounded is bool(expected), asked

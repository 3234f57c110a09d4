"""The assistant on the bundled hub: exact answer sets, values, abstentions, citations."""

from __future__ import annotations

import re

import pytest

from search.assistant import Assistant


def labels(answer) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.label for e in answer.entities]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is the language backbone of CogVLM?", "**Vicuna**"),
        ("Which vision encoder does LLaVA-1.5 use?", "**CLIP ViT-L/14**"),
        ("qwen2-vl vision encoder?", "**EVA-CLIP ViT-L**"),
        ("How many parameters does Flamingo have?", "**80B**"),
        ("What architecture does CLIP use?", "**dual-encoder**"),
        ("What is the context window of Kimi-VL?", "128,000 tokens"),
        ("How many languages does C4AI Aya Vision 32B support?", "**23 languages**"),
        ("What license does VLM-BiasCheck use?", "**MIT**"),
        ("What speedup does 4-bit QAT give?", "**3.2×**"),
        ("What is the latency of LayerDrop in the compression table?", "**22ms**"),
        ("What is the mitigation effectiveness for racial bias?", "**58% (Adversarial)**"),
        ("When was Flickr30k released?", "**2014**"),
        ("How many active parameters does Kimi-VL have?", "**2.8B**"),
        ("What is the parameter count of Qwen2.5-VL?", "**3B/7B/72B**"),
        ("How many images does COCO contain?", "**328K images**"),
    ],
)
def test_lookups_give_the_value_with_a_citation(
    assistant: Assistant, question: str, expected: str
) -> None:
    answer = assistant.ask(question)
    assert answer.grounded is True
    assert expected in answer.markdown
    assert answer.citations and re.fullmatch(
        r"vlm-research-hub\.md#L\d+-L\d+", answer.citations[0].source
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Which models use CLIP ViT-L/14 as vision encoder?",
            ["CogVLM", "Pixtral", "LLaVA-1.5", "Baichuan Ocean Mini"],
        ),
        ("Which models use Vicuna?", ["InstructBLIP", "CogVLM", "LLaVA-1.5"]),
        (
            "Which models have an encoder-decoder architecture?",
            ["BLIP", "NVLM", "Qwen-VL", "InstructBLIP", "InternVL", "CogVLM", "BLIP-2"],
        ),
        (
            "Which datasets are in the Image Classification category?",
            ["ImageNet-1k", "CIFAR-10/100", "Food-101", "MNIST", "Caltech-101"],
        ),
        ("Which tools are listed under Core Tools?", ["VLMEvalKit", "VLM-BiasCheck"]),
        ("List the models from 2022 & Prior.", ["Flamingo", "BLIP", "CLIP", "FLAVA"]),
        ("Which bias types have a High prevalence?", ["Spatial Reasoning"]),
        (  # a whole number equals the hub's decimal count (numeric, not term equality)
            "Which models have 7B parameters?",
            [
                "Emu3",
                "InternVL",
                "Qwen2-VL",
                "BLIP-2",
                "Baichuan Ocean Mini",
                "DeepSeek Janus Series",
                "Qwen-VL",
                "Ola",
                "Qwen2.5-VL",
            ],
        ),
    ],
)
def test_lists_return_exactly_the_answer_set(
    assistant: Assistant, question: str, expected: list[str]
) -> None:
    answer = assistant.ask(question)
    assert sorted(labels(answer)) == sorted(expected)
    assert answer.sparql is not None and "SELECT DISTINCT ?x" in answer.sparql


def test_family_queries_follow_skos_broader(assistant: Assistant) -> None:
    answer = assistant.ask("Which models use a Qwen-family language backbone?")
    assert {"Qwen-VL", "Qwen2-VL", "Qwen2.5-VL", "NVLM", "Ola"} <= set(labels(answer))
    assert "VLM-R1" not in labels(answer)  # built on a Qwen VLM, not a Qwen LLM backbone
    assert "skos:broader*" in (answer.sparql or "")


def test_year_filters_use_release_years_for_other_classes(assistant: Assistant) -> None:
    answer = assistant.ask("Which benchmarks are from 2024?")
    assert sorted(labels(answer)) == sorted(
        ["LiveXiv", "VLM²-Bench", "ViLCo-Bench", "OCRBench", "OCRBench v2"]
    )


def test_counts_say_the_number_and_the_entries(assistant: Assistant) -> None:
    assert (
        "**8**"
        in assistant.ask("How many bias types are in the ethical challenges table?").markdown
    )
    assert "**4**" in assistant.ask("How many datasets are in the Bias category?").markdown
    answer = assistant.ask("How many models are listed for 2025?")
    assert "**19** models (in 18 hub entries)" in answer.markdown


def test_compare_builds_a_table(assistant: Assistant) -> None:
    answer = assistant.ask("Compare CogVLM and LLaVA-1.5")
    assert labels(answer) == ["CogVLM", "LLaVA-1.5"]
    assert "| architecture | encoder-decoder | decoder-only |" in answer.markdown
    assert "| parameters | 18B | 13B |" in answer.markdown


def test_prose_questions_quote_the_passages(assistant: Assistant) -> None:
    answer = assistant.ask("What are the open problems in multimodal alignment and fusion?")
    assert "- Theoretical analysis of joint embedding spaces [L265]" in answer.markdown
    assert "- Dynamic modality weighting for unbalanced inputs [L267]" in answer.markdown
    assert "Key Challenges" not in answer.markdown  # only the facet asked for


@pytest.mark.parametrize(
    ("question", "says"),
    [
        (
            "What vision encoder does Video-LLaVA use?",
            "The hub does not give the vision encoder of **Video-LLaVA**.",
        ),
        (
            "How many parameters does SAM 2 have?",
            "The hub does not give the parameter count of **SAM 2**.",
        ),
        (
            "Under which license is Flash Attention released?",
            "The hub does not give the license of **Flash Attention**.",
        ),
        ("Which language backbone does GPT-4V use?", "The hub does not mention **GPT-4V**"),
    ],
)
def test_abstains_when_the_hub_is_silent(assistant: Assistant, question: str, says: str) -> None:
    answer = assistant.ask(question)
    assert answer.grounded is False
    assert answer.entities == ()
    assert answer.markdown.startswith(says)


def test_follow_up_questions_use_the_session(assistant: Assistant) -> None:
    session = assistant.session()
    session.ask("What vision encoder does Emu3 use?")
    follow = session.ask("and its backbone?")
    assert "The language backbone of **Emu3** is **LLaMA-2**." in follow.markdown
    session.ask("Which models use Vicuna as language backbone?")
    narrowed = session.ask("which of those are decoder-only?")
    assert labels(narrowed) == ["LLaVA-1.5"]


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   ",
        "?!?!",
        "x" * 50_000,
        '"} DROP ALL ; #',
        "Quels modèles utilisent SigLIP ?",
        "\x00\x07ctrl",
    ],
)
def test_bad_input_gets_a_reply_not_an_exception(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.markdown
    assert answer.to_dict()["question"] == question


@pytest.mark.parametrize(
    ("question", "winners", "value"),
    [
        ("Which model has the most parameters?", ["PaLM-E"], "**562B parameters**"),
        ("What is the smallest model in the hub?", ["SmolVLM"], "**250M parameters**"),
        (
            "Which model has the longest context window?",
            ["Gemma3", "Kimi-VL", "Llama 3.2 Vision", "Pixtral 12B", "Pixtral Large"],
            "**128,000 tokens**",
        ),
        ("What is the largest dataset?", ["WebLI"], "**12B**"),
        # the measure a superlative ranks by is no count question
        ("largest dataset by number of image-text pairs?", ["WebLI"], "**12B**"),
        ("Which dataset is biggest by the number of pairs", ["WebLI"], "**12B**"),
    ],
)
def test_superlatives_rank_by_the_property(
    assistant: Assistant, question: str, winners: list[str], value: str
) -> None:
    answer = assistant.ask(question)
    assert sorted(labels(answer)) == winners
    assert value in answer.markdown


@pytest.mark.parametrize(
    ("question", "start"),
    [
        (
            "Is CogVLM decoder-only?",
            "No. The architecture of **CogVLM**: **encoder-decoder**; not **decoder-only**.",
        ),
        (
            "Does Qwen2.5-VL use a Qwen backbone?",
            "Yes. The language backbone of **Qwen2.5-VL**: **Qwen2.5**.",
        ),
        (
            "Does Llama 3.2 Vision support Thai?",
            "Yes. The supported languages of **Llama 3.2 Vision**",
        ),
    ],
)
def test_yes_no_questions(assistant: Assistant, question: str, start: str) -> None:
    assert assistant.ask(question).markdown.startswith(start)


def test_yes_no_without_the_attribute_abstains(assistant: Assistant) -> None:
    answer = assistant.ask("Does Pixtral Large support German?")
    assert answer.grounded is False and answer.entities == ()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which models are by Mistral AI?", ["Pixtral 12B", "Pixtral Large"]),
        ("Which models are based on Qwen2.5-VL?", ["VLM-R1"]),
        (
            "Which datasets have more than 1 billion image-text pairs?",
            ["ALIGN", "LAION-5B", "WebLI"],
        ),
        (
            "Tell me about the Bias category",
            ["Chicago Face Dataset", "MM-RLHF", "SocialCounterfactuals", "StereoSet"],
        ),
    ],
)
def test_literal_values_relations_and_sections(
    assistant: Assistant, question: str, expected: list[str]
) -> None:
    assert sorted(labels(assistant.ask(question))) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which model focuses on programming assistance?", ["CoPali"]),
        ("Which benchmark evaluates cross-view video understanding?", ["EgoExoBench"]),
        ("Which dataset contains chest radiographs?", ["ReXGradient-160K"]),
    ],
)
def test_entities_found_by_their_description(
    assistant: Assistant, question: str, expected: list[str]
) -> None:
    answer = assistant.ask(question)
    assert labels(answer) == expected
    assert answer.grounded is True


def test_a_cell_value_finds_its_row(assistant: Assistant) -> None:
    answer = assistant.ask("What is the SOTA accuracy on RoboNet?")
    assert "**Manipulation** has SOTA Accuracy: **68.3%**" in answer.markdown


@pytest.mark.parametrize(
    ("phrases", "text"),
    [
        # the year is implied by the month: said once
        (["dated 2024", "dated June 2024"], "dated June 2024"),
        (["dated June 2024", "dated 2024"], "dated June 2024"),
        # a negated relation reads as "without"
        (
            ["not with the decoder-only architecture", "dated 2024"],
            "without the decoder-only architecture and dated 2024",
        ),
        # different conditions all stay, each once
        (
            ["using CLIP as vision encoder", "dated after 2023", "dated after 2023"],
            "using CLIP as vision encoder and dated after 2023",
        ),
        (["dated 2024", "dated after 2024"], "dated 2024 and dated after 2024"),
        # the set a follow-up draws from is said last, not as one more condition
        (
            ["among the previous answer", "dated 2025"],
            "dated 2025 from the previous answer",
        ),
        (["among the previous answer"], "from the previous answer"),
    ],
)
def test_conditions_read_well(phrases: list[str], text: str) -> None:
    from search.assistant.compose import join_conditions

    assert join_conditions(phrases) == text


def test_a_list_answer_says_each_condition_once(assistant: Assistant) -> None:
    answer = assistant.ask("Which models from 2024 are not decoder-only?")
    assert answer.markdown.splitlines()[0] == (
        "The hub lists 7 models without the decoder-only architecture and dated 2024:"
    )
    answer = assistant.ask("Which models were released in June 2024?")
    assert answer.markdown.splitlines()[0] == "The hub lists no models dated June 2024."


def test_a_follow_up_list_says_where_it_draws_from(assistant: Assistant) -> None:
    session = assistant.session()
    session.ask("Which models use a SigLIP vision encoder?")
    answer = session.ask("Which of them were released in 2025?")
    assert answer.markdown.splitlines()[0] == (
        "The hub lists 1 model dated 2025 from the previous answer:"
    )
    assert labels(answer) == ["SmolVLM"]


@pytest.mark.parametrize(
    "question",
    [
        "what share of the WebLI dataset is rejected for being web data without consent?",
        "In the privacy framework's reject pathway, what share of WebLI is rejected?",
        "what percentage of webli gets rejected",
    ],
)
def test_a_share_of_an_entry_another_passage_states(assistant: Assistant, question: str) -> None:
    # WebLI's own row gives its size; the privacy framework's bullet gives the share
    answer = assistant.ask(question)
    assert answer.markdown.startswith("**23%**"), answer.markdown
    assert "[L373]" in answer.markdown, answer.markdown

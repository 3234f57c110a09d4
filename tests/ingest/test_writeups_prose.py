"""Facts from architecture write-up prose: the datasets and benchmarks a sentence
enumerates, listed encoders named as parts, a model never taken for training data, and
the header facts of a write-up (organisation, spelled sizes). Fixture: hub_writeups_prose.md."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from ingest._enumerations import enumerated
from ingest.records import ModelRecord

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("sentence", "datasets", "benchmarks"),
    [
        (
            "It is supported by datasets such as Web-scale alt-text data, RefCOCO, WebPix-1B,"
            " CC3M-35L, and various VQA datasets.",
            ("RefCOCO", "WebPix-1B", "CC3M-35L"),
            (),
        ),
        (
            "Datasets like LAION-400M, LAION-5B, and GRIT play a crucial role in training.",
            ("LAION-400M", "LAION-5B", "GRIT"),
            (),
        ),
        (
            "The model is trained on a diverse dataset mixture including Demo-Instruct, VQAv2,"
            " GQA, and Demo-RLHF.",
            ("Demo-Instruct", "VQAv2", "GQA", "Demo-RLHF"),
            (),
        ),
        (
            "Data is gathered from general VQA datasets (ShareGPT4V, ChartQA) and science VQA"
            " (AI2D, ScienceQA).",
            ("ShareGPT4V", "ChartQA", "AI2D", "ScienceQA"),
            (),
        ),
        (
            "It is trained on the COCO, Visual Genome and LAION-5B datasets for alignment.",
            ("COCO", "Visual Genome", "LAION-5B"),
            (),
        ),
        ("The curated DEMO-INSTRUCT dataset adds dialogue.", ("DEMO-INSTRUCT",), ()),
        # a pair: only the name before the noun is said to be data
        ("It was pre-trained using SigLIP and the SunText corpus.", ("SunText",), ()),
        (
            "It was evaluated on diverse benchmarks including multi-discipline reasoning"
            " (MMMU, MMMU-Pro) and documents (DocVQA).",
            (),
            ("MMMU", "MMMU-Pro", "DocVQA"),
        ),
        (
            "Evaluations on five multi-image benchmarks, including NLVR2, BLINK, and a newly"
            " curated Demo-Eval dataset, show strong results.",
            (),
            ("NLVR2", "BLINK", "Demo-Eval"),
        ),
        # kinds of data and determiners are no names
        ("The dataset contains 99k pairs.", (), ()),
        ("It is trained on image-text datasets and evaluated on several benchmarks.", (), ()),
        ("These datasets serve many tasks.", (), ()),
    ],
)
def test_enumerated(sentence: str, datasets: tuple[str, ...], benchmarks: tuple[str, ...]) -> None:
    found_data, found_benchmarks = enumerated(sentence)
    assert found_data == datasets
    assert sorted(found_benchmarks) == sorted(benchmarks)


@pytest.fixture(scope="module")
def models() -> dict[tuple[str, int], ModelRecord]:
    records = ingest.read_hubs([DATA / "hub_writeups_prose.md"])
    return {(r.name, r.source.start_line): r for r in records if isinstance(r, ModelRecord)}


def test_summary_facts(models: dict[tuple[str, int], ModelRecord]) -> None:
    summary = models[("Lumen-VL", 19)]
    assert [c.name for c in summary.vision_encoders] == ["SigLIP"]
    assert [c.name for c in summary.language_backbones] == ["Orca-7B"]
    assert [(p.text, p.value) for p in summary.parameters] == [("4.2-billion", 4.2e9)]
    assert summary.organization == "Lumenlabs"  # a one-word authors line


def test_listed_encoder_is_a_part_where_role_words_say_so(
    models: dict[tuple[str, int], ModelRecord],
) -> None:
    # SigLIP has a write-up of its own; "vision transformer encoders come from SigLIP"
    assert [c.name for c in models[("Lumen-VL", 29)].vision_encoders] == ["SigLIP"]
    # "builds upon the SigLIP model by adding an alpha channel": a base, not a part
    dimmer = models[("Dimmer", 39)]
    assert dimmer.vision_encoders == ()
    assert sorted((m.name, m.relation) for m in dimmer.mentions) == [
        ("Lumen-VL", "outperforms"),
        ("SigLIP", "based_on"),
    ]


def test_training_data_names_no_model(models: dict[tuple[str, int], ModelRecord]) -> None:
    paragraph = models[("Lumen-VL", 29)]
    assert paragraph.training_data == ("SunText", "RefCOCO", "WebPix-1B", "CC3M-35L")
    # "pre-trained using SigLIP": SigLIP is a listed model, so only mentioned
    assert [(m.name, m.relation) for m in paragraph.mentions] == [("SigLIP", "mentions")]
    assert models[("Lumen-VL", 31)].training_data == (
        "LAION-400M",
        "LAION-5B",
        "GRIT",
        "LUMEN-INSTRUCT",
    )


def test_a_later_paragraph_dates_no_model(models: dict[tuple[str, int], ModelRecord]) -> None:
    # "Its successor Lumen-VL 2, released in March 2027, ..." dates the successor
    assert models[("Lumen-VL", 19)].year == 2025
    assert [(r.year, r.date) for (name, _), r in models.items() if name == "Lumen-VL"][1:] == [
        (None, None),
        (None, None),
        (None, None),
    ]


def _demo() -> ModelRecord:
    from ingest.records import Source

    return ModelRecord("Demo-VL", Source("arch.md", 3, 3), continued=True)


@pytest.mark.parametrize(
    ("sentence", "listed", "encoders", "backbones"),
    [
        # a known language model joined to the vision part named just before it
        (
            "A projector-based structure incorporates CLIP's Vision Transformer (ViT-L/14) and"
            " LLaMA2 for alignment.",
            set(),
            ["CLIP", "ViT-L/14"],
            ["LLaMA-2"],
        ),
        ("It combines SigLIP with Vicuna-7B.", set(), ["SigLIP"], ["Vicuna-7B"]),
        # the language models a write-up tries its design with
        (
            "The paper experiments with Vicuna-7B and Qwen2-7B.",
            set(),
            [],
            ["Qwen2-7B", "Vicuna-7B"],
        ),
        (
            "Released variants pair the connector with Phi-3 and Vicuna 1.5.",
            set(),
            [],
            ["Phi-3", "Vicuna 1.5"],
        ),
        # not joined to a part: a name in passing
        ("It combines SigLIP features, and later Vicuna-7B was tried.", set(), ["SigLIP"], []),
        ("It is better than SigLIP and Vicuna-7B.", set(), [], []),
        # a listed CLIP entry is a part only with its role words
        ("Its vision transformer encoders come from CLIP.", {"clip"}, ["CLIP"], []),
        ("It builds upon the CLIP model by adding an alpha channel.", {"clip"}, [], []),
    ],
)
def test_parts_in_write_up_prose(
    sentence: str, listed: set[str], encoders: list[str], backbones: list[str]
) -> None:
    from ingest._mentions import with_components

    model = with_components(_demo(), sentence, listed)
    assert sorted(c.name for c in model.vision_encoders) == encoders
    assert sorted(c.name for c in model.language_backbones) == backbones


@pytest.mark.parametrize(
    ("sentence", "connectors"),
    [
        (
            "Idefics3 replaces the perceiver resampler used in Idefics2 with a simple pixel"
            " shuffle strategy.",
            ("pixel shuffle",),
        ),
        ("It replaces the Q-Former.", ()),
        (
            "It uses a Perceiver pooling layer followed by an MLP projection.",
            ("perceiver resampler", "mlp projector"),
        ),
        ("The MM-Adapter connects the image encoder to the LLM.", ("adapter",)),
        ("A Partial LoRA module aligns visual tokens.", ("partial lora",)),
        ("A Lightweight Downsample Projector (LDP) bridges the gap.", ("ldp projector",)),
        # a connector named in a comparison is not the model's
        ("This mirrors text embedding lookup more closely than a conventional MLP connector.", ()),
        ("The design is similar to Q-Former but lighter.", ()),
        ("It uses a two-layer MLP as an alternative to the Q-Former.", ("mlp projector",)),
        ("It uses an MLP projector as opposed to cross-attention.", ("mlp projector",)),
    ],
)
def test_connectors_in_write_up_prose(sentence: str, connectors: tuple[str, ...]) -> None:
    from ingest._facts import connectors as read_connectors

    assert read_connectors(sentence) == connectors


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        (
            "It takes screenshots and uses a Vision-Language Model (VLM), specifically Qwen-2-VL"
            " 7B and 72B, to act.",
            "based_on",
        ),
        ("It uses a VLM to answer, then Qwen2-VL helps.", "mentions"),
        ("It replaces Qwen2-VL with a smaller model.", "mentions"),
    ],
)
def test_relation_of_a_used_model(sentence: str, relation: str) -> None:
    from ingest._mentions import relation as read_relation

    assert read_relation(sentence, sentence.index("Qwen"))[0] == relation


def test_a_generic_tail_of_the_name_is_an_alias(models: dict[tuple[str, int], ModelRecord]) -> None:
    orbit = next(r for (name, _), r in models.items() if name.startswith("Orbit-2"))
    assert (orbit.name, orbit.aliases, orbit.subtitle) == (
        "Orbit-2 Vision Language Models",
        ("Orbit-2",),
        "Smaller and Steadier",
    )


@pytest.mark.parametrize(
    ("sentence", "sizes"),
    [
        (
            "It provides compact 2B and 8B Japanese-English VLMs.",
            [("2B", 2e9, False), ("8B", 8e9, False)],
        ),
        (
            "It comes in 1.2B, 2.7B, and 7B variants.",
            [("1.2B", 1.2e9, False), ("2.7B", 2.7e9, False), ("7B", 7e9, False)],
        ),
        ("The encoder forms 2B- and 8B-class VLMs.", [("2B", 2e9, False), ("8B", 8e9, False)]),
        (
            "It ships sparse 30B-A3B and 235B-A22B Mixture-of-Experts configurations.",
            [
                ("30B-A3B", 30e9, False),
                ("30B-A3B", 3e9, True),
                ("235B-A22B", 235e9, False),
                ("235B-A22B", 22e9, True),
            ],
        ),
        # a part's size, or sizes of another model's parts, are no release sizes
        ("It pairs a 7B language decoder with a 400M vision encoder.", []),
        ("It pairs 7B and 13B LLMs with CLIP.", []),
    ],
)
def test_release_sizes(sentence: str, sizes: list[tuple[str, float, bool]]) -> None:
    from ingest._enumerations import release_sizes

    assert [(c.text, c.value, c.active) for c in release_sizes(sentence)] == sizes


def test_a_later_release_paragraph_is_a_passage_without_facts() -> None:
    from ingest.records import PassageRecord

    records = ingest.read_hubs([DATA / "hub_writeups_prose.md"])
    lumen = [r for r in records if isinstance(r, ModelRecord) and r.name == "Lumen-VL"]
    assert all(r.connectors in ((), ("mlp projector",)) for r in lumen)
    assert all(c.name != "Orca-13B" for r in lumen for c in r.language_backbones)
    passages = [r.text for r in records if isinstance(r, PassageRecord) and r.subject == "Lumen-VL"]
    assert passages[-1].startswith("Lumen-VL 3, released in May 2028")


@pytest.mark.parametrize(
    ("sentence", "stages"),
    [
        ("Its training uses a 4-stage pipeline: (1) language pre-training.", 4),
        ("The model is trained in three stages.", 3),
        ("It introduces a structured, four-stage reasoning process: summary, caption.", None),
    ],
)
def test_training_stages_of_write_up_prose(sentence: str, stages: int | None) -> None:
    from ingest._models import model_from_text
    from ingest._writeups import _tidy
    from ingest.records import Source

    record = model_from_text("Demo-VL", sentence, Source("arch.md", 5, 5), None)
    assert _tidy(record, sentence).training_stages == stages


@pytest.mark.parametrize(
    ("phrase", "kept"),
    [
        ("WebLI", True),
        ("LAION-5B", True),
        ("6B image-text pairs", True),
        ("NATURAL INSTRUCTIONS", True),
        ("data", False),
        ("a mixture of tasks", False),
        ("continued pretraining", False),
        ("Instruction Tuning", False),
        ("Additionally", False),
        ("Arabic", False),
        ("26", False),
        ("SFT", False),
        ("23 languages)", False),
        ("a learning rate of 1e-3", False),
    ],
)
def test_what_is_training_data(phrase: str, kept: bool) -> None:
    from ingest._writeups import _is_training_data

    assert _is_training_data(phrase) is kept

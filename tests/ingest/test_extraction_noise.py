"""Extraction noise in architecture prose: sentence fragments read as part names, data and
context sizes read as parameter counts, a part's size read as the model's. Each row is a
markdown sentence and the facts it must (and must not) yield."""

from __future__ import annotations

import pytest

from ingest import extract, parse
from ingest._data import load_yaml, with_cues
from ingest._mentions import negated, with_components
from ingest._models import model_from_text
from ingest.records import ModelRecord, PassageRecord, Source, TableRowRecord


def _model(sentence: str) -> ModelRecord:
    """The model the sentence patterns read from `sentence` (as a write-up paragraph is read)."""
    return model_from_text("Demo-VL", sentence, Source("arch.md", 7, 7), None)


def _facts(sentence: str) -> tuple[list[str], list[str], list[str]]:
    """(vision encoders, language backbones, parameter texts) read from `sentence`."""
    model = _model(sentence)
    encoders = sorted(c.name for c in model.vision_encoders)
    backbones = sorted(c.name for c in model.language_backbones)
    return encoders, backbones, sorted(p.text for p in model.parameters)


@pytest.mark.parametrize(
    ("sentence", "encoders", "backbones"),
    [
        (
            "Demo-VL elevates the LLaVA framework by employing a Mistral 7B base enhanced with"
            " LLaVA 1.5 architecture.",
            [],
            ["Mistral 7B"],
        ),
        ("Demo-VL leverages a Mistral 7B base.", [], ["Mistral 7B"]),
        (
            "The authors choose Qwen-2 as the LLM due to its strong language capabilities.",
            [],
            ["Qwen2"],
        ),
        (
            "It integrates visual information into a decoder-only architecture (based on"
            " Vicuna-7B).",
            [],
            ["Vicuna-7B"],
        ),
        (
            "Demo-VL comprises five components: the Global Image Encoder, Region Encoder,"
            " Language Model (LLM), Grounding Image Encoder, and Pixel Decoder.",
            [],
            [],
        ),
        (
            "The decoder is built on top of Mistral Nemo 12B, a 12-billion parameter"
            " decoder-only language model.",
            [],
            ["Mistral Nemo 12B"],
        ),
        # a derivation word names the part it derives from; a kind of network is no part
        ("It pairs an AIMv2-based encoder with a CLIP-derived encoder.", ["AIMv2", "CLIP"], []),
        # (MoonViT has no role word, but the gazetteer knows it for a vision encoder)
        ("It uses MoonViT and a Moonlight-derived MoE language model.", ["MoonViT"], ["Moonlight"]),
        ("It uses Qwen (a Transformer-based LLM) as the pretrained text backbone.", [], ["Qwen"]),
        # a model's own encoder named by the model
        ("Demo-VL joins a Qwen2.5-VL visual encoder to a MoE decoder.", ["Qwen2.5-VL"], []),
        # a run of labelled values: each value ends where the next label begins
        (
            "Components: Vision Encoder: SigLip-400M Audio Encoder: Whisper-medium-300M"
            " Text-to-Speech (TTS): ChatTTS-200M Large Language Model (LLM): Qwen2.5-7B.",
            ["SigLip-400M"],
            ["Qwen2.5-7B"],
        ),
    ],
)
def test_fragments_are_not_part_names(sentence: str, encoders: list, backbones: list) -> None:
    found_encoders, found_backbones, _ = _facts(sentence)
    assert (found_encoders, found_backbones) == (encoders, backbones)


def test_a_descriptive_phrase_is_no_alias() -> None:
    model = _model("Demo-VL uses a pre-trained language model (Vicuna) as the language model.")
    assert [(c.name, c.aliases) for c in model.language_backbones] == [("Vicuna", ())]
    assert model.language_backbone_text == ("pre-trained language model (Vicuna)",)


def test_an_unbalanced_parenthesis_is_cut_from_the_name() -> None:
    model = _model("Demo-VL is a decoder-only architecture (based on Vicuna-7B).")
    assert [c.name for c in model.language_backbones] == ["Vicuna-7B"]
    assert model.based_on == ("Vicuna-7B",)


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # tokens of training data, not parameters
        (
            "The report states token totals of 2T, 4T, 12T, and 14T for the 1B, 4B, 12B, and"
            " 27B models.",
            [],
        ),
        # a context length
        ("Context is progressively extended from 8K to 128K.", []),
        ("Demo-VL accepts images and supports a 128K-token context.", []),
        # the size of a component, not of the model
        (
            "Demo-VL combines a Vision Transformer (ViT) with approximately 600M parameters and"
            " Qwen2 language models.",
            [],
        ),
        ("Demo-VL pairs a 600M ViT with a 7B decoder.", []),
        ("The visual encoder is a lightweight (438M parameter) Vision Transformer (ViT).", []),
        ("It connects a ViT to a 7B parameter language model.", ["7B"]),
        (
            "It merges adaptations into the base weights; the speech and audio LoRA component"
            " itself contains 460 million parameters.",
            [],
        ),
        ("The model has 8B parameters and its vision encoder adds 400M.", ["8B"]),
        # the model's own counts stay
        ("Its 4.2B parameters make it smaller than many VLMs.", ["4.2B"]),
        ("Decoder-only; 3B/7B/72B; ViT encoder", ["3B", "72B", "7B"]),
        (
            "It uses a MoE language model with 16B total and 2.8B activated decoder parameters.",
            ["16B", "2.8B"],
        ),
    ],
)
def test_a_count_is_parameters_only_when_the_sentence_says_so(sentence: str, counts: list) -> None:
    assert _facts(sentence)[2] == counts


@pytest.mark.parametrize(
    ("sentence", "encoders", "backbones"),
    [
        ("DeepEncoder combines a SAM-derived local-perception pathway.", ["SAM"], []),
        ("It trains a LLaMA-family decoder with the next-token objective.", [], ["LLaMA"]),
        # the weights a transformer starts from are its language model; an encoder's are not
        (
            "Its architecture duplicates the Qwen2.5-initialized transformer into two experts.",
            [],
            ["Qwen2.5"],
        ),
        ("It joins an AIMv2-initialized vision encoder and an MLP projector.", ["AIMv2"], []),
        ("Demo-VL retains the InternViT-MLP-LLM structure of earlier releases.", ["InternViT"], []),
        ("Demo-VL keeps the ViT-MLP-LLM structure and dynamic image tiling.", [], []),
        ("Heterogeneous ViT-language-model parallelism addresses the imbalance.", [], []),
        ("Clip-level Compression: the video is divided into clips for the encoder.", [], []),
        # a comparison names no part
        ("It achieves performance comparable to GPT-4V with a smaller 7B LLM backend.", [], []),
        ("Its decoder rivals LLaMA-2 on text benchmarks.", [], []),
        (
            "Vision Encoder: SigLip-400M Audio Encoder: Whisper-medium-300M Large Language"
            " Model (LLM): Qwen2.5-7B.",
            ["SigLip-400M"],
            ["Qwen2.5-7B"],
        ),
    ],
)
def test_names_in_passing_by_their_part(sentence: str, encoders: list, backbones: list) -> None:
    """Known names the mention reader finds in a sentence, typed by the words around them."""
    model = with_components(_model("A summary."), sentence, set())
    found = (
        sorted(c.name for c in model.vision_encoders),
        sorted(c.name for c in model.language_backbones),
    )
    assert found == (encoders, backbones)


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("Demo-VL uses a frozen SigLIP vision encoder.", ("frozen SigLIP",)),
        (
            "Demo-VL integrates a pre-trained language model (Vicuna) with a visual encoder (CLIP)"
            " using a simple linear layer.",
            ("pre-trained language model (Vicuna)",),
        ),
        (
            "It integrates a text encoder-decoder Transformer, based on pre-trained mT5 models,"
            " with visual tokens processed by a Vision Transformer (ViT) named ViT-e.",
            (),
        ),
    ],
)
def test_the_words_kept_as_written_are_a_name_not_a_clause(sentence: str, written: tuple) -> None:
    assert _model(sentence).vision_encoder_text + _model(sentence).language_backbone_text == written


@pytest.mark.parametrize(
    ("code", "steps"),
    [
        (
            "graph TD\n    A[Raw Data] --> B{Federated Learning?}\n"
            "    B -->|Yes| C[Differential Privacy]\n    C --> D[Secure Training]\n"
            "    B -->|No| E[Reject]\n",
            "Raw Data → Federated Learning?. Federated Learning? (Yes) → Differential Privacy."
            " Differential Privacy → Secure Training. Federated Learning? (No) → Reject.",
        ),
        ("flowchart LR\n  A[Image] --> B[ViT] --> C(Projector)\n", "Image → ViT. ViT → Projector."),
        # code, not a diagram (its literal settings are read apart: test_writeups_purpose.py)
        ("optimizer = DPAdam(\n    params=model.parameters(),\n)\n", None),
    ],
)
def test_a_flow_diagram_is_read_as_its_steps(code: str, steps: str | None) -> None:
    records = extract(parse(f"## Privacy Framework\n```\n{code}```\n", "t.md"))
    passages = [(r.text, r.kind, r.topic, r.source.start_line) for r in records[1:]]
    assert passages == ([(steps, "privacy", "Privacy Framework", 2)] if steps else [])


def test_a_table_keyed_by_a_later_name_column() -> None:
    """A first column that repeats (a category) does not key the rows; "Corpus" does."""
    hub = (
        "## Where VLMs are trained\n\n| Used for | Contents | Corpus |\n|---|---|---|\n"
        "| detection | 118K images | COCO Detection |\n| detection | 1,203 categories | LVIS |\n"
        "| segmentation | 25K images | ADE20k |\n"
    )
    rows = [r for r in extract(parse(hub, "t.md")) if isinstance(r, TableRowRecord)]
    assert [r.key for r in rows] == ["COCO Detection", "LVIS", "ADE20k"]


def test_an_arrow_label_is_the_facet_of_what_follows() -> None:
    hub = "## Applications\n\n→ **Healthcare**\n\n- Surgical VLM: 91% instrument tracking\n"
    passages = [r for r in extract(parse(hub, "t.md")) if isinstance(r, PassageRecord)]
    assert [(p.text, p.facet) for p in passages] == [
        ("Surgical VLM: 91% instrument tracking", "Healthcare")
    ]


@pytest.mark.parametrize(
    ("sentence", "negated_name"),
    [
        ("It uses an MLP in place of the Q-Former.", True),
        ("Its accuracy is on par with SigLIP.", True),
        ("It did *not* use gated cross-attention or the Q-Former.", True),
        ("It connects them through the Q-Former.", False),
        ("It replaces the resampler with the Q-Former.", False),
    ],
)
def test_the_negation_cues_are_one_list(sentence: str, negated_name: bool) -> None:
    # ingest and the assistant read one cue vocabulary (mentions.yaml negation_cues)
    name = "Q-Former" if "Q-Former" in sentence else "SigLIP"
    assert negated(sentence, sentence.index(name)) is negated_name
    assert "{{" not in with_cues(str(load_yaml("mentions.yaml")["negations"]))

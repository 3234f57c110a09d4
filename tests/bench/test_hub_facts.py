"""bench.hub_facts: the reader sample is drawn from the markdown alone, and the scoring
counts an entity of the reader's class at the line as a hit, one of another class as an
extra, and each fact value by agreement."""

from __future__ import annotations

from bench.hub_facts import Tally, entry_lines, sampled, score

HUB = """# A hub

## Models

### 2025
- **Lumen-2** - [Decoder-only architecture with 7B parameters, using SigLIP for vision encoder](u)
- **Fjord-VL** - [A 3B model](u)

## Datasets

- **MeadowCaps** - [12M image-text pairs](u)

```python
- not an entry
```

## Benchmarks

- **DuneBench** (2025) - [Tests spatial reasoning](u)

---

## Research Directions

### Regression

- Numbers are hard
"""


def test_entry_lines_by_kind_of_section():
    lines = entry_lines(HUB)
    assert {kind: [n for n, _ in found] for kind, found in lines.items()} == {
        "model": [6, 7],
        "dataset": [11],
        "benchmark": [19],
        "direction": [27],
        "paper": [],
        "other": [],
    }


def test_sample_is_seeded_per_version():
    assert sampled("v1", HUB) == sampled("v1", HUB)
    assert [n for n, _ in sampled("v1", HUB)] == [6, 7, 11, 19, 27]  # quotas exceed the lines


def test_scores_class_and_facts():
    entries = {
        6: {
            "class": "model",
            "name": "Lumen-2",
            "year": 2025,
            "parameters": ["7B"],
            "vision encoder": ["SigLIP"],
            "architecture": ["decoder-only"],
        },
        11: {"class": "dataset", "name": "MeadowCaps", "size": ["12M image-text pairs"]},
        19: {"class": "benchmark", "name": "DuneBench", "year": 2025, "measures": ["spatial"]},
        27: {"class": "model", "name": "Numbers"},  # a wrong annotation: the line is prose
    }
    tally = Tally()
    score("v1", HUB, entries, tally)
    scores = tally.scores()
    assert scores["class"] == (1.0, 0.75, 4)
    assert scores["parameters"] == (1.0, 1.0, 1)
    assert scores["year"] == (1.0, 1.0, 2)
    assert tally.lines == ["v1:27 / class: missing ['model'] extra []"]


def test_annotated_lines_are_the_sample():
    """The reader annotated exactly the lines the sampler draws (a version in the project)."""
    from bench.hub_facts import _annotations, version_texts

    ((label, text),) = list(version_texts(["rewrite-2026"]))
    assert {n for n, _ in sampled(label, text)} == set(_annotations()[label]["entries"])


def test_a_direction_heading_naming_data_is_a_direction():
    text = "# t\n\n## Research Directions\n\n### Diverse Visual Data\n\n- SAR imagery\n"
    assert [n for n, _ in entry_lines(text)["direction"]] == [7]

from __future__ import annotations

from ingest.markdown import Bullet, CodeBlock, LinkRef, Paragraph, Table, parse

QUIRKS = """\
# Hub \uf8ffüåê

## **Models**
- **NVLM** - [Encoder-decoder](https://arxiv.org/pdf/2409.11402
)
- **Molmo** - [Four models]()
  - nested child

### 2025
```python
# not a heading
x = 1
```
‚Üí **Key Challenges**
| A | B |
|---|---|
| 1 | 2 |
| 3 | 4
 ```python
 # indented fence
y = 2
```
"""


def test_sections_are_nested_with_clean_titles_and_line_ranges() -> None:
    document = parse(QUIRKS, "q.md")
    [top] = document.sections
    assert (top.title, top.level, top.start_line, top.end_line) == ("Hub", 1, 1, 22)
    [models] = top.children
    assert (models.title, models.raw_title, models.start_line, models.end_line) == (
        "Models",
        "**Models**",
        3,
        22,  # a section spans its sub-sections
    )
    [year] = models.children
    assert (year.title, year.start_line, year.end_line) == ("2025", 9, 22)


def test_broken_url_and_empty_link_survive() -> None:
    models = parse(QUIRKS, "q.md").sections[0].children[0]
    nvlm, molmo = models.blocks
    assert isinstance(nvlm, Bullet) and isinstance(molmo, Bullet)
    assert nvlm.links == (LinkRef("https://arxiv.org/pdf/2409.11402", "Encoder-decoder"),)
    assert (nvlm.start_line, nvlm.end_line) == (4, 5)
    assert nvlm.strong == ("NVLM",)
    assert molmo.links == (LinkRef("", "Four models"),)
    assert [c.text for c in molmo.children] == ["nested child"]


def test_code_fences_tables_and_labels() -> None:
    year = parse(QUIRKS, "q.md").sections[0].children[0].children[0]
    kinds = [type(b).__name__ for b in year.blocks]
    assert kinds == ["CodeBlock", "Paragraph", "Table", "CodeBlock"]
    code, label, table, indented = year.blocks
    assert isinstance(code, CodeBlock) and code.code.startswith("# not a heading")
    assert (code.language, code.start_line, code.end_line) == ("python", 10, 13)
    assert isinstance(label, Paragraph) and label.text == "→ Key Challenges"
    assert label.strong == ("Key Challenges",)
    assert isinstance(table, Table)
    assert table.header == ("A", "B")
    assert table.rows == (("1", "2"), ("3", "4"))  # the last row has no closing "|"
    assert table.row_lines == (17, 18)
    assert (table.start_line, table.end_line) == (15, 18)
    assert isinstance(indented, CodeBlock) and indented.code.startswith("# indented fence")


def test_bundled_hub_structure(hub_records) -> None:
    from tests.ingest.conftest import HUB

    document = parse(HUB.read_text("utf-8"), HUB.name)
    titles = [(len(a), s.title) for a, s in document.walk()]
    assert titles[:7] == [
        (0, "Multimodal/VLMs Research Hub"),
        (1, "Seminal models (Post-2021)"),
        (2, "2025"),
        (2, "2024"),
        (2, "2023"),
        (2, "2022 & Prior"),
        (1, "Datasets & Benchmarks"),
    ]
    headings_with_hash = [
        s.title for _, s in document.walk() if "#" in s.title or "import" in s.title
    ]
    assert headings_with_hash == []  # "#" lines inside code fences are not headings
    assert len(titles) == 44

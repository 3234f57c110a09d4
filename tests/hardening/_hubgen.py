"""Hypothesis strategies for hub-like markdown that tries to break the parser.

Random heading nesting, entries with bold names and links, links broken across lines,
tables with missing pipes and ragged rows, unclosed and indented fences, mojibake,
emoji, control characters, CRLF and huge lines.
"""

from __future__ import annotations

from hypothesis import strategies as st

MOJIBAKE = ["Ã©", "â€™", "â€œ", "√ó", "‚Üí", "ðŸŒ", "Ã¼ber", "Â ", "\ufffd", "ï»¿"]
EMOJI = ["🌐", "🤖", "📊", "🔥", "👩‍🔬", "🇫🇷", "✨", "🧠"]
ODD = ["\t", "\x0b", "\x0c", "\u2028", "\u200b", "\u00a0", "\x00", "\x1b[31m", "\r", "\u202e"]
WORDS = [
    "CLIP ViT-L/14",
    "SigLIP-400M",
    "Qwen2.5-7B",
    "LLaMA-3.1",
    "decoder-only",
    "MoE",
    "3B/7B/72B",
    "250M & 500M",
    "~400M",
    "4.5B x 74",
    "2.8B active",
    "(2025)",
    "(2024)",
    "based on CogVLM2",
    "72.4% on Video-MME",
    "Apache-2.0",
    "128K context",
    "328K images",
    "vision encoder",
    "language backbone",
    "parameters",
    "released in 2023",
]
HEADINGS = [
    "Models",
    "2025",
    "2024",
    "Datasets",
    "Benchmarks",
    "Video-Language Benchmarks",
    "Research Directions",
    "Key Challenges",
    "Tools",
    "Applications",
    "Ethical Challenges",
    "Compression",
    "Privacy",
    "Other",
]
URLS = [
    "https://arxiv.org/abs/2409.12191",
    "https://github.com/x/y",
    "https://huggingface.co/a/b",
    "http://example.org/p.pdf",
    "",
    "javascript:alert(1)",
    "https://ex.org/a b",
]

name_text = st.one_of(
    st.sampled_from(["LLaVA", "Qwen2-VL", "Janus-Pro", "PaLM-E", "BLIP-2", "InternVL 2.5"]),
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="*\n\r"),
        min_size=1,
        max_size=20,
    ),
    st.builds(lambda a, b: a + b, st.sampled_from(EMOJI + MOJIBAKE), st.sampled_from(["X", "Né"])),
)
filler = st.one_of(
    st.sampled_from(WORDS + MOJIBAKE + EMOJI + ODD),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=15),
)
prose = st.lists(filler, max_size=8).map(" ".join)


@st.composite
def heading(draw: st.DrawFn) -> str:
    level = draw(st.integers(1, 7))
    title = draw(st.sampled_from(HEADINGS)) + draw(st.sampled_from(["", " 🌐", " (2025)", " Ã©"]))
    if draw(st.booleans()):
        title = f"**{title}**"
    return "#" * level + " " + title + draw(st.sampled_from(["", " #", "  "]))


@st.composite
def link(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(["paper", "code", "", "HF\nmodel", "[nested]"]))
    url = draw(st.sampled_from(URLS))
    if draw(st.booleans()) and url:
        cut = draw(st.integers(0, len(url)))
        url = url[:cut] + "\n" + url[cut:]  # a URL broken across two lines
    return f"[{text}]({url}" + draw(st.sampled_from([")", "", "))"]))


@st.composite
def entry(draw: st.DrawFn) -> str:
    indent = "  " * draw(st.integers(0, 4))
    marker = draw(st.sampled_from(["- ", "* ", "+ ", "1. ", "-", ""]))
    name = draw(name_text)
    bold = draw(st.sampled_from(["**{}**", "**{}", "{}", "__{}__", "`{}`"])).format(name)
    parts = [bold, draw(prose), draw(link()), draw(prose)]
    return indent + marker + draw(st.sampled_from([" - ", ": ", " ", " — "])).join(parts)


@st.composite
def table(draw: st.DrawFn) -> str:
    columns = draw(st.integers(1, 5))
    header = ["Model", "Year", "Params", "Vision Encoder", "License"][:columns]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * columns]
    if draw(st.booleans()):
        rows[1] = rows[1][: draw(st.integers(0, len(rows[1])))]  # a broken separator row
    for _ in range(draw(st.integers(0, 5))):
        cells = draw(st.lists(st.one_of(name_text, filler), min_size=0, max_size=columns + 2))
        row = "| " + " | ".join(c.replace("\n", " ") for c in cells)
        rows.append(row + draw(st.sampled_from([" |", "", " | |"])))  # missing closing pipe
    return "\n".join(rows)


@st.composite
def fence(draw: st.DrawFn) -> str:
    indent = draw(st.sampled_from(["", "  ", "    "]))
    body = draw(st.lists(st.one_of(heading(), entry(), filler), max_size=4))
    closed = draw(st.booleans())
    return "\n".join([indent + "```python", *body, *([indent + "```"] if closed else [])])


huge_line = st.builds(
    lambda word, n: "- **Huge** " + word * n,
    st.sampled_from(["a", "3B/", "[x](", "**", "🌐", "| "]),
    st.integers(1_000, 10_000),
)

block = st.one_of(heading(), entry(), entry(), entry(), table(), fence(), prose, huge_line)


@st.composite
def hub_markdown(draw: st.DrawFn) -> str:
    """A hub-like markdown document."""
    blocks = draw(st.lists(block, min_size=1, max_size=25))
    newline = draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    return draw(st.sampled_from(["", "\ufeff", "## Models\n\n### 2025\n"])) + newline.join(blocks)

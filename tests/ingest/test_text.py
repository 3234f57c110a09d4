from __future__ import annotations

import pytest

from ingest._text import clean_title, repair_mojibake


@pytest.mark.parametrize(
    ("written", "repaired"),
    [
        ("Flash Attention (2.8√ó speedup)", "Flash Attention (2.8× speedup)"),
        ("‚Üí **Key Challenges**", "→ **Key Challenges**"),
        ("‚Üì **SOTA Compression**", "↓ **SOTA Compression**"),
        ("VLM¬≤-Bench", "VLM²-Bench"),
        ("egocentric‚Äìexocentric", "egocentric–exocentric"),
        ("(Œµ=3.8, Œ¥=1e-5)", "(ε=3.8, δ=1e-5)"),
        ("Crème brûlée ÷ 2", "Crème brûlée ÷ 2"),  # no valid round trip: left alone
        ("# Multimodal/VLMs Research Hub \uf8ffüåê", "# Multimodal/VLMs Research Hub 🌐"),
        ("café, naïve, ε=3.8 → ok ×", "café, naïve, ε=3.8 → ok ×"),  # correct text never changes
        ("plain ascii", "plain ascii"),
        ("a\nb‚Üíc\n", "a\nb→c\n"),
    ],
)
def test_repair_mojibake(written: str, repaired: str) -> None:
    assert repair_mojibake(written) == repaired


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("\uf8ffüîó Seminal models (Post-2021)", "Seminal models (Post-2021)"),
        ("**‚Üí Healthcare**", "Healthcare"),
        ("**2024 Models**", "2024 Models"),
        ("1. **Multimodal Alignment & Fusion**", "Multimodal Alignment & Fusion"),
        ("Open Problems:", "Open Problems"),
        ("🔒Privacy Protection Framework", "Privacy Protection Framework"),
        (" ⚠️ Ethical Challenges", "Ethical Challenges"),
        ("🛠️ Tools ", "Tools"),
    ],
)
def test_clean_title(raw: str, title: str) -> None:
    assert clean_title(raw) == title

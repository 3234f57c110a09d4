"""Months a question dates its entries by."""

from __future__ import annotations

import pytest

from search.assistant._months import months_asked


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which models were released in June 2024?", [("2024-06", "June")]),
        ("models from Sept. 2023", [("2023-09", "Sept")]),
        ("in april of 2025", [("2025-04", "april")]),
        ("Which models were released in 2024?", []),
        ("Which models may be from 2024?", []),
    ],
)
def test_months_asked(question: str, expected: list) -> None:
    assert months_asked(question) == expected

"""Release dates ranked: a full date, then a month, then a bare year."""

from __future__ import annotations

import pytest

from search.assistant._dates import date_rank, rank_text


@pytest.mark.parametrize(
    ("date", "year", "rank", "text"),
    [
        ("2026-07-27", 2026, 20260727.0, "2026-07-27"),
        ("2026-07", 2026, 20260700.0, "2026-07"),
        (None, 2024, 20240000.0, "2024"),
    ],
)
def test_date_rank(date: str | None, year: int, rank: float, text: str) -> None:
    assert date_rank(date, year) == rank
    assert rank_text(rank) == text


def test_no_date_no_rank() -> None:
    assert date_rank(None, None) is None


def test_a_day_ranks_above_its_month_only_dates() -> None:
    assert date_rank("2026-07-15") > date_rank("2026-07") > date_rank(None, 2025)

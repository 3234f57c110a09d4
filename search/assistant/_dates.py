"""Release dates as rankable numbers: a full date before a month, a month before a year."""

from __future__ import annotations

import re

_DATE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")


def date_rank(date: str | None, year: float | None = None) -> float | None:
    """`date` ("2026-07-27", "2026-07") or else `year` as YYYYMMDD (20260727, 20260700,
    20260000): a month-only date ranks below the days of its month; None without either."""
    match = _DATE.match(date or "")
    if match:
        month, day = int(match.group("m") or 0), int(match.group("d") or 0)
        return float(int(match.group("y")) * 10000 + month * 100 + day)
    return float(int(year) * 10000) if year else None


def rank_text(rank: float) -> str:
    """A `date_rank` written back as the date it stands for: "2026-07-27", "2026-07", "2026"."""
    whole = int(rank)
    year, month, day = whole // 10000, whole // 100 % 100, whole % 100
    if not month:
        return str(year)
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")

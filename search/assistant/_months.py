"""Months a question dates its entries by: "released in June 2024" -> "2024-06"."""

from __future__ import annotations

import re

from ingest._cells import date_cell

MONTH_NAMES: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July")
MONTH_NAMES += ("August", "September", "October", "November", "December")

_MONTH_YEAR = re.compile(
    r"\b(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?:of\s+)?"
    r"(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def months_asked(question: str) -> list[tuple[str, str]]:
    """("2024-06", "June") for each month-and-year the question names, in order."""
    found = []
    for match in _MONTH_YEAR.finditer(question):
        iso, _ = date_cell(f"{match.group('month')[:3]} {match.group('year')}")
        if iso:
            found.append((iso, match.group("month")))
    return found

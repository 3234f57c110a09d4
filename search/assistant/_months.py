"""Months a question dates its entries by: "released in June 2024" -> "2024-06"."""

from __future__ import annotations

import re

from ingest._cells import date_cell

MONTH_NAMES: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July")
MONTH_NAMES += ("August", "September", "October", "November", "December")

_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_MONTH_YEAR = re.compile(
    rf"\b(?:(?P<d1>{_DAY})\s+(?:of\s+)?)?"
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+"
    rf"(?:(?P<d2>{_DAY}),?\s+)?(?:of\s+)?"
    r"(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def months_asked(question: str) -> list[tuple[str, str]]:
    """("2024-06", "June") for each month-and-year the question names, in order; with its
    day when one is named ("30 January 2024", "January 30th, 2024" -> ("2024-01-30",
    "January 30"))."""
    found = []
    for match in _MONTH_YEAR.finditer(question):
        day = re.match(r"\d+", match.group("d1") or match.group("d2") or "")
        month = match.group("month")
        written = f"{month[:3]} {day.group(0)}, {match.group('year')}" if day else month[:3]
        iso, _ = date_cell(written if day else f"{month[:3]} {match.group('year')}")
        if iso:
            found.append((iso, f"{month} {day.group(0)}" if day else month))
    return found

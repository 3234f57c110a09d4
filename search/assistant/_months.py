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


# "11/2023", "2023-11", "2024-03-02": a month (and day) written in digits
_NUMERIC = re.compile(
    r"(?<![\d/.-])(?:(?P<m1>0?[1-9]|1[0-2])/(?P<y1>(?:19|20)\d\d)"
    r"|(?P<y2>(?:19|20)\d\d)-(?P<m2>0[1-9]|1[0-2])(?:-(?P<d2>0[1-9]|[12]\d|3[01]))?)(?![\d/-])"
)


def months_asked(question: str) -> list[tuple[str, str]]:
    """("2024-06", "June") for each month-and-year the question names, in order; with its
    day when one is named ("30 January 2024", "January 30th, 2024" -> ("2024-01-30",
    "January 30")); digits too ("11/2023" -> ("2023-11", "November"), "2024-03-02")."""
    found = []
    for numeric in _NUMERIC.finditer(question):
        year = numeric.group("y1") or numeric.group("y2")
        number = int(numeric.group("m1") or numeric.group("m2"))
        digits = numeric.group("d2")
        iso = f"{year}-{number:02d}" + (f"-{digits}" if digits else "")
        name = MONTH_NAMES[number - 1]
        found.append((iso, f"{name} {int(digits)}" if digits else name))
    for match in _MONTH_YEAR.finditer(question):
        day = re.match(r"\d+", match.group("d1") or match.group("d2") or "")
        month = match.group("month")
        written = f"{month[:3]} {day.group(0)}, {match.group('year')}" if day else month[:3]
        cell, _ = date_cell(written if day else f"{month[:3]} {match.group('year')}")
        if cell:
            found.append((cell, f"{month} {day.group(0)}" if day else month))
    return found

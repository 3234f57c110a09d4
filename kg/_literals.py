"""Typed literals as the ontology wants them: decimals, integers, plain strings."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal

from kg.vocab import XSD


def decimal(value: float) -> Literal:
    """An `xsd:decimal` written without float noise: 7e9 -> 7000000000, 72.4 -> 72.4."""
    number = Decimal(int(value)) if float(value).is_integer() else Decimal(repr(float(value)))
    return Literal(number, datatype=XSD.decimal)


def integer(value: int) -> Literal:
    """An `xsd:integer`."""
    return Literal(int(value), datatype=XSD.integer)


def string(value: str) -> Literal:
    """A plain string literal (no language tag, so `rdfs:label "CogVLM"` matches)."""
    return Literal(value)

"""The Insights tab's data: small tables (pandas) for Gradio's native plots."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ui.queries import PoolSource, records, select

# Components are counted under their top family (skos:broader* without a broader).
COMPONENTS_BY_MODELS = """
SELECT ?family (COUNT(DISTINCT ?m) AS ?models) WHERE {
  ?m a vlm:Model ; ?role ?c .
  ?c skos:broader* ?f . ?f rdfs:label ?family .
  FILTER NOT EXISTS { ?f skos:broader ?parent }
}
GROUP BY ?family
ORDER BY DESC(?models) ?family
"""
COMPONENTS_BY_YEAR = """
SELECT ?family ?year (COUNT(DISTINCT ?m) AS ?models) WHERE {
  ?m a vlm:Model ; ?role ?c ; vlm:releaseYear ?year .
  ?c skos:broader* ?f . ?f rdfs:label ?family .
  FILTER NOT EXISTS { ?f skos:broader ?parent }
}
GROUP BY ?family ?year
"""
PARAMETERS = """
SELECT ?model ?year (MAX(?n) AS ?parameters) WHERE {
  ?m a vlm:Model ; rdfs:label ?model ; vlm:parameterCount ?n ; vlm:releaseYear ?year .
}
GROUP BY ?model ?year
"""
ARCHITECTURES = """
SELECT ?architecture (COUNT(DISTINCT ?m) AS ?models) WHERE {
  ?m a vlm:Model ; vlm:architecture/rdfs:label ?architecture .
}
GROUP BY ?architecture
ORDER BY DESC(?models)
"""
ROLES = {"encoder": "vlm:visionEncoder", "backbone": "vlm:languageBackbone"}


@dataclass(frozen=True)
class Insights:
    """The plot tables: component counts, counts by year, parameter scale, architectures."""

    encoders: Any
    backbones: Any
    encoders_by_year: Any
    backbones_by_year: Any
    parameters: Any
    architectures: Any


def compute(source: PoolSource, top: int = 12) -> Insights:
    """All Insights tables from the current graph."""
    return Insights(
        encoders=_counts(source, "encoder", top),
        backbones=_counts(source, "backbone", top),
        encoders_by_year=_by_year(source, "encoder", 6),
        backbones_by_year=_by_year(source, "backbone", 6),
        parameters=parameter_scale(source),
        architectures=_frame(records(select(source, ARCHITECTURES)), ("architecture", "models")),
    )


def _role(query: str, role: str) -> str:
    return query.replace("?role", ROLES[role])


def _counts(source: PoolSource, role: str, top: int) -> Any:
    rows = records(select(source, _role(COMPONENTS_BY_MODELS, role)))[:top]
    return _frame(rows, ("family", "models"))


def _by_year(source: PoolSource, role: str, families: int) -> Any:
    rows = records(select(source, _role(COMPONENTS_BY_YEAR, role)))
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["family"]] = totals.get(row["family"], 0) + int(row["models"])
    keep = sorted(totals, key=lambda f: (-totals[f], f))[:families]
    frame = _frame([r for r in rows if r["family"] in keep], ("family", "year", "models"))
    return frame.sort_values(["year", "family"]) if len(frame) else frame


def parameter_scale(source: PoolSource) -> Any:
    """Models with release year and largest parameter count; `log10_parameters` for plotting."""
    rows = []
    for row in records(select(source, PARAMETERS)):
        count = float(row["parameters"])
        if count > 0:
            rows.append(
                {
                    "model": row["model"],
                    "year": int(row["year"]),
                    "parameters_billions": round(count / 1e9, 3),
                    "log10_parameters": round(math.log10(count), 3),
                }
            )
    import pandas as pd

    return pd.DataFrame(rows, columns=["model", "year", "parameters_billions", "log10_parameters"])


def _frame(rows: list[dict[str, str]], columns: tuple[str, ...]) -> Any:
    """A DataFrame of `columns` (`models` as int; years stay text for categorical axes)."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    if "models" in frame:
        frame["models"] = frame["models"].astype(int)
    return frame

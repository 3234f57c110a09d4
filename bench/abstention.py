"""Abstention on names a list does not hold, and no false abstention on names it does.

For each hub under test, asks one-value questions ("What vision encoder does X use?",
"Describe the architecture of X.", ...) about
  * absent names: model labels of the OTHER hubs given whose spelling (letters and digits,
    case ignored) occurs nowhere in this hub's markdown — many contain a listed name
    ("Video-LLaVA" where only LLaVA is listed); the answer must abstain: not grounded and
    no entities;
  * present names: this hub's own model labels; the answer must be about the name: it
    says the label and not "does not mention".
Prints, per hub, the two rates (correct abstention on absent names, false abstention on
present ones) and with -v every failing question. Nothing is scored against gold; the
names come from the graphs, the templates from this file.

    python -m bench.abstention --hub arch=HOME:FILE --hub bundled=HOME2:FILE2 [-v]

HOME is a built VLMKG_HOME of FILE (`VLMKG_HOME=HOME vlmkg build FILE`).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

TEMPLATES = (
    "What vision encoder does {name} use?",
    "Describe the architecture of {name}.",
    "How many parameters does {name} have?",
    "Which organisation released {name}?",
    "what language model is {name} built on?",
)
MODEL_LABELS = """
SELECT DISTINCT ?label WHERE {
  ?x a <https://w3id.org/vlmkg/ontology#Model> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label
}"""


def squash(text: str) -> str:
    """Lower case, letters and digits only: "Video-LLaVA" -> "videollava"."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


# an entry's label that names several models, or a size variant of a name ("Molmo-72B"),
# is not a name the other hub lacks
_COMPOUND = re.compile(r"\band\b|&|\bseries\b", re.I)
_SIZE = re.compile(r"[-\s]?\d+(?:\.\d+)?[BM](?:-[A-Za-z]+)*$")


def absent_from(text: str, label: str) -> bool:
    """True when neither the label nor its size-less form occurs in `text` (squashed)."""
    if _COMPOUND.search(label):
        return False
    return squash(label) not in text and squash(_SIZE.sub("", label)) not in text


def sample(names: list[str], limit: int) -> list[str]:
    """A fixed, spread-out sample: the `limit` names with the smallest hash."""
    return sorted(names, key=lambda n: hashlib.sha256(n.encode()).hexdigest())[:limit]


def model_labels(home: Path) -> list[str]:
    from search.assistant import Assistant

    assistant = Assistant.open(home, dense=False)
    rows = assistant.reader.select(MODEL_LABELS)
    return sorted({str(r["label"]) for r in rows if len(str(r["label"])) >= 3})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hub", action="append", required=True, metavar="NAME=HOME:FILE")
    ap.add_argument("--limit", type=int, default=40, help="names per kind and hub")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    from search.assistant import Assistant

    hubs = {}
    for spec in args.hub:
        name, _, rest = spec.partition("=")
        home, _, file = rest.partition(":")
        if not (name and home and file):
            print(f"error: --hub {spec!r}: write NAME=HOME:FILE")
            return 2
        hubs[name] = (Path(home), Path(file))
    labels = {name: model_labels(home) for name, (home, _) in hubs.items()}
    for name, (home, file) in hubs.items():
        text = squash(file.read_text(encoding="utf-8"))
        others = {n for other, ls in labels.items() if other != name for n in ls}
        absent = sample([n for n in others if absent_from(text, n)], args.limit)
        present = sample(labels[name], args.limit)
        assistant = Assistant.open(home, dense=False)
        abstained = wrong = 0
        for label in absent:
            for template in TEMPLATES:
                answer = assistant.ask(template.format(name=label))
                if not answer.grounded and not answer.entities:
                    abstained += 1
                elif args.verbose:
                    print(f"  {name} absent  {template.format(name=label)!r}: answered")
        for label in present:
            for template in TEMPLATES:
                answer = assistant.ask(template.format(name=label))
                said = squash(answer.markdown.split("**Sources**")[0])
                if "does not mention" in answer.markdown or squash(label) not in said:
                    wrong += 1
                    if args.verbose:
                        print(f"  {name} present {template.format(name=label)!r}: abstained")
        n_absent, n_present = len(absent) * len(TEMPLATES), len(present) * len(TEMPLATES)
        print(
            f"{name:14s} absent names abstained {abstained / max(n_absent, 1):.3f} "
            f"(n={n_absent}, {len(absent)} names)  present names falsely abstained "
            f"{wrong / max(n_present, 1):.3f} (n={n_present}, {len(present)} names)",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

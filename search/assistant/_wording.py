"""The question as it asks: without the courtesy and asides around it, in a usual casing.

"Hi! Which models use SigLIP? Thanks in advance." asks what "Which models use SigLIP?"
asks; "Which model — I think it was from Google — uses a SigLIP encoder?" asks without the
aside; "WHICH MODELS USE SIGLIP?" is read as "Which models use SigLIP?". The phrases are
data (`wording` in vocabulary.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from search.assistant._vocabulary import vocabulary

_END = re.compile(r"[\s?.!]*$")


@cache
def _phrases(name: str) -> tuple[str, ...]:
    """A `wording` list, longest phrase first (so "thanks in advance" before "thanks")."""
    return tuple(sorted(vocabulary()["wording"][name], key=len, reverse=True))


def _alternatives(name: str) -> str:
    return "|".join(re.escape(p).replace("'", "['’]") for p in _phrases(name))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    wh = _alternatives("wh_words")
    gap = r"[\s,:;!.…—–-]*"
    return {
        "opening": re.compile(rf"^\s*(?:{_alternatives('openings')})\b{gap}", re.I),
        "ask": re.compile(
            rf"^\s*(?:{_alternatives('ask_openings')})\b{gap}(?=[^?]*\b(?:{wh})\b)", re.I
        ),
        "closing": re.compile(
            rf"(?<=[\s,;:!.?—–-])\s*(?:{_alternatives('closings')})\b[\s!.?]*$", re.I
        ),
        # an aside between dashes or parentheses: "— I think it was from Google —"
        "between": re.compile(
            rf"\s*(?:\(\s*(?:{_alternatives('asides')})\b[^()]*\)"
            rf"|\s[—–-]{{1,2}}\s*(?:{_alternatives('asides')})\b[^—–]*?(?:[—–]|\s-\s|(?=[?.!]\s*$)))",
            re.I,
        ),
        "aside": re.compile(rf"^\s*(?:{_alternatives('asides')})\b", re.I),
        "inside": re.compile(
            rf"^\s*(?:{_alternatives('asides')})\b[^?]*?\b(?:{_alternatives('ask_inside')})"
            rf"\b[\s,:;—–-]*(?=(?:{wh})\b)",
            re.I,
        ),
    }


def without_courtesy(question: str) -> str:
    """`question` without its openings, closings and asides (`wording` in vocabulary.yaml);
    the question itself when nothing would be left."""
    patterns = _patterns()
    text = patterns["between"].sub(" ", question)
    text = _without_aside_sentences(text)
    for _ in range(4):  # "Hi! Quick question — could you ..."
        stripped = patterns["ask"].sub("", patterns["opening"].sub("", text, count=1), count=1)
        stripped = patterns["closing"].sub("", stripped)
        if stripped == text:
            break
        text = stripped
    text = re.sub(r"\s+([?.!,;:])", r"\1", " ".join(text.split())).rstrip(" ,;:—–-")
    if not re.search(r"\w", text):
        return question
    if question[:1].isupper() and text[:1].islower():
        text = text[:1].upper() + text[1:]
    mark = _END.search(question)
    if "?" in (mark.group(0) if mark else "") and not text.rstrip().endswith(("?", ".")):
        text = text.rstrip(" ,;:—–-") + "?"
    return text


def scope_last(question: str) -> str:
    """A question that opens with its scope ("In the task table, semantic segmentation
    datasets?") with the scope at its end, where it reads as the scope of the class asked
    ("Semantic segmentation datasets in the task table?"); any other question as it is."""
    found = _FRONTED_SCOPE.match(question)
    if not found:
        return question
    scope, rest = found.group(1), found.group(2).rstrip()
    mark = rest[-1] if rest[-1:] in "?." else ""
    rest = rest[: len(rest) - len(mark)].rstrip()
    return f"{rest[:1].upper()}{rest[1:]} {scope[:1].lower()}{scope[1:]}{mark}"


_NUMBER_SIGN = re.compile(r"(?<![\w#])#(?=[A-Za-z])")


def number_sign_spelt_out(question: str) -> str:
    """`question` with "#" before a word read as "number of" ("#params of X")."""
    return _NUMBER_SIGN.sub("number of ", question)


def name_suffixes_spelt_out(
    question: str,
    is_name: Callable[[str], bool],
    is_class_noun: Callable[[str], bool],
    is_function_word: Callable[[str], bool],
) -> str:
    """`question` with a name joined to a suffix of `name_suffixes` written as the phrase it
    stands for, after the class noun it qualifies: "Vicuna-based models" as "models based
    on Vicuna", "which models are Vicuna-based?" as "which models are based on Vicuna?".
    Only where the joined part is a name of the hub (`is_name`: "transformer-based" stays)
    and no other noun follows ("a CLIP-based vision encoder" is an encoder of CLIP's)."""
    suffixes = vocabulary()["wording"]["name_suffixes"]

    def spelt(found: re.Match[str]) -> str:
        name, phrase, noun = found.group(1), suffixes[found.group(2).lower()], found.group(3)
        if not is_name(name):
            return found.group(0)
        if noun and is_class_noun(noun):
            return f"{noun} {phrase} {name}"
        if noun and not is_function_word(noun.lower()):
            return found.group(0)
        return f"{phrase} {name}" + (f" {noun}" if noun else "")

    alternatives = "|".join(re.escape(s) for s in suffixes)
    pattern = rf"(?<!\S)(\S+?)-({alternatives})\b(?!\s+(?:on|from)\b)(?:\s+([A-Za-z]+))?"
    return re.sub(pattern, spelt, question, flags=re.I)


_FRONTED_SCOPE = re.compile(
    r"^\s*((?:in|under|within|among|from)\s+(?:the\s+|its\s+|this\s+)?(?:[^,?]{1,60}\s)?"
    r"(?:section|subsection|table|list|heading|category|part|group))\s*,\s*(\S.*)$",
    re.I,
)


# a sentence ends at its mark, or at a spaced dash a question goes on from ("I'm working on
# fairness - which datasets ...")
_SENTENCE_BREAK = re.compile(
    r"(?<=[.?!])\s+(?=[A-Za-z])|\s+[-—–]\s+(?=(?i:which|what|who|whose|how|when|where|why|"
    r"is|are|does|do|did|can|could|list|name)\b)"
)


def _without_aside_sentences(text: str) -> str:
    """Without the sentences that are the asker's aside ("I'm auditing a model for bias."),
    when another sentence is left; a sentence about the asker that goes on with the
    question ("... and would like to know what X was trained on") is that question."""
    patterns = _patterns()
    sentences = []
    for sentence in _SENTENCE_BREAK.split(text.strip()):
        # "I'm writing a survey and would like to know what X was trained on": the question
        core = patterns["opening"].sub("", sentence, count=1)
        asked = patterns["inside"].sub("", core, count=1)
        sentences.append((asked != core, asked if asked != core else sentence))
    if len(sentences) < 2:
        return sentences[0][1] if sentences else text
    kept = [s for asks, s in sentences if asks or not patterns["aside"].match(s)]
    if len(kept) == len(sentences) and not any(asks for asks, _ in sentences):
        return text  # nothing is an aside: the question as written, its dashes too
    if any(_REFERS_BACK.search(s) for s in kept) and len(kept) < len(sentences):
        # "I'm reading about Flamingo (DeepMind) - which LLM was it built on?": the aside
        # names what the question refers back to
        return text
    return " ".join(kept) if kept else text


_REFERS_BACK = re.compile(
    r"\b(?:it|its|it's|they|them|their"
    r"|(?:this|that|these|those) (?:models?|ones?|entry|entries))\b",
    re.I,
)


def one_case(question: str) -> bool:
    """True when a question is written in one case only, capitals or lower case (eight
    letters or more): its casing says nothing about which words are names."""
    letters = [c for c in question if c.isalpha()]
    return len(letters) >= 8 and (question.upper() == question or question.lower() == question)


def recased(question: str, names: list[tuple[int, int, str]]) -> str:
    """A question written in one case in a usual casing: lower case but for the `names`
    (character spans with the name as written in the hub), "I", and a capital first letter."""
    out = list(question.lower())
    for start, end, written in names:
        out[start:end] = _cased_like(question[start:end], written)
    text = re.sub(r"\bi(?=\b|['’])", "I", "".join(out))
    return text[:1].upper() + text[1:]


def _cased_like(text: str, written: str) -> str:
    """`text` with the case of `written`'s letters, letter for letter."""
    letters = iter(c for c in written if c.isalnum())
    out = []
    for ch in text:
        if ch.isalnum():
            want = next(letters, ch)
            out.append(want if want.lower() == ch.lower() else ch.lower())
        else:
            out.append(ch)
    return "".join(out)

"""The assistant: open a built graph, keep chat sessions, answer questions.

Without an LLM every answer is composed from graph facts and hub passages. With one
(`search.assistant.llm`), the LLM only rephrases those facts and a verifier checks it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

from search.assistant.answer import Answer
from search.assistant.answering import Answerer, Context, PassageFinder
from search.assistant.compose import bold, escape, join_words, sources_block
from search.assistant.graph import GraphReader
from search.assistant.history import answer_history
from search.assistant.lexicon import Lexicon
from search.assistant.understand import Intent, understand, vocabulary

MAX_QUESTION_CHARS = 2000


class Assistant:
    """Answers questions about one built graph; cheap to query once opened."""

    def __init__(self, store: Any, retriever: Any | None = None, llm: Any | None = None) -> None:
        self.store = store
        self.reader = GraphReader(store)
        self.lexicon = Lexicon.from_store(store, tuple(vocabulary()["value_properties"]))
        self.passages = PassageFinder(self.reader, retriever)
        self.answerer = Answerer(self.reader, self.lexicon, self.passages)
        self.llm = llm

    @classmethod
    def open(
        cls,
        home: Path | None = None,
        *,
        llm: Any | None = None,
        dense: bool = True,
        store_spec: str | None = None,
        graph: str | None = None,
    ) -> Assistant:
        """The assistant over `home`'s current build (VLMKG_HOME by default), or over the
        SPARQL store `store_spec` names (see `kg.store_config`).

        With `dense`, prose questions that no passage matches word for word are looked up
        in the build's search index (the embedding model loads on first such question).
        """
        from kg.store_config import open_store, store_settings

        store = open_store(store_spec, home, graph=graph)
        retriever = None
        if dense and not store_settings(store_spec, graph=graph, home=home).remote:
            from vlmkg.config import current_build

            build_dir = current_build(home)

            def retriever() -> Any:
                from search.retrieve import Retriever

                return Retriever.open(build_dir)

        return cls(store, retriever=retriever, llm=llm)

    def session(self) -> Session:
        return Session(self)

    def ask(self, question: str) -> Answer:
        """A one-off question, without conversation context."""
        return self.session().ask(question)


class Session:
    """A conversation: follow-up questions ("and its backbone?") use the last answer."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.context = Context()
        self.history: list[Answer] = []

    def ask(self, question: str) -> Answer:
        text = clean_question(question)
        problem = _problem_with(text)
        if problem:
            return Answer(question=question, markdown=problem, grounded=False)
        # A hub built with --history answers time questions from its versions first.
        last = self.history[-1] if self.history else None
        answer = answer_history(self.assistant.store, text, last)
        intent = None
        if answer is None:
            intent = understand(text, self.assistant.lexicon)
            answerer = self.assistant.answerer
            # a name the hub never writes ("Video-LLaVA" where only LLaVA is listed)
            absent = answerer.absent_names(intent)
            if absent:
                answer = answerer.abstain_unknown(intent, absent)
            else:
                answer = answerer.answer(intent, self.context)
            answer = _with_names_read(intent, answer)
        answer = _with_sources(answer)
        if self.assistant.llm is not None and answer.grounded:
            from search.assistant.llm import rephrase

            answer = rephrase(self.assistant.llm, answer)
        self._remember(intent.target_class if intent else None, answer)
        self.history.append(answer)
        return replace(answer, question=question)

    def _remember(self, target: str | None, answer: Answer) -> None:
        subjects = answer.extra.get("subjects") or []
        entities = answer.extra.get("entities") or [e.iri for e in answer.entities]
        if subjects:
            self.context.subjects = list(subjects)
        elif entities and len(entities) == 1:
            self.context.subjects = list(entities)
        if entities:
            self.context.entities = list(entities)
        if target:
            self.context.target_class = target


def clean_question(question: str) -> str:
    """Control characters removed, whitespace collapsed, cut at MAX_QUESTION_CHARS."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in question)
    return " ".join(text.split())[:MAX_QUESTION_CHARS]


def _problem_with(text: str) -> str | None:
    if not text:
        return "Please ask a question, e.g. “Which models use a SigLIP vision encoder?”"
    if not re.search(r"[^\W_]", text):
        return (
            "That has no words in it. Ask about a model, dataset, benchmark or research direction."
        )
    return None


def _with_names_read(intent: Intent, answer: Answer) -> Answer:
    """`answer` led by the names a misspelt one was read as, where the answer is about them
    ("“CoVLM” is not in the hub; the nearest name is **CogVLM**."): a typo-tolerant link is
    said, never silently taken."""
    said = []
    for mention in intent.mentions:
        if mention.exact:
            continue
        every = list(dict.fromkeys(e.label for e in mention.entities))
        # a paper that goes by a model's name ("Chameleon") is that name, said once
        named = {label.lower() for label in every}
        labels = (
            list(
                dict.fromkeys(
                    e.label
                    for e in mention.entities
                    if not any(
                        a.lower() in named and a.lower() != e.label.lower() for a in e.aliases
                    )
                )
            )
            or every
        )
        if not any(label in answer.markdown for label in labels):
            continue  # the answer does not use the link
        if any(_inflected(mention.text) == _inflected(label) for label in labels):
            continue  # "recent paper" of "Recent papers (2025)": the same words
        names = join_words([bold(label) for label in labels], "or")
        said.append(f"“{escape(mention.text)}” is not in the hub; the nearest name is {names}.")
    if not said:
        return answer
    return replace(answer, markdown=" ".join(said) + "\n\n" + answer.markdown)


def _inflected(name: str) -> str:
    """`name`'s words without case, plural endings and a parenthetical remark."""
    bare = re.sub(r"\([^)]*\)", " ", name.lower())
    return " ".join(re.sub(r"(?<=[a-z]{3})e?s$", "", w) for w in re.findall(r"[a-z0-9]+", bare))


def _with_sources(answer: Answer) -> Answer:
    block = sources_block(answer.citations)
    return replace(answer, markdown=answer.markdown + ("\n" + block if block else ""))

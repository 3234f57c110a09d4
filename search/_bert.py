"""A BERT sentence encoder in numpy: the shipped all-MiniLM-L6-v2 without torch.

`BertEncoder.load(path)` reads a sentence-transformers model directory (config.json,
model.safetensors, tokenizer.json, modules.json with mean pooling) and encodes with the
same arithmetic as sentence-transformers on torch (embeddings, post-LayerNorm encoder
layers, exact GELU, attention-masked mean pooling), in float32; the vectors agree with
torch's to ~1e-6 (tests/search/test_index.py). Importing numpy and the Rust tokenizer
takes a fraction of a second where torch and sentence-transformers take several.
`load` raises NotBert for any other kind of model; the caller uses sentence-transformers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


class NotBert(Exception):
    """The model directory is not a BERT encoder with mean pooling this module runs."""


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (hidden, 3 * hidden): query, key, value projections side by side
    qkv_bias: np.ndarray
    attention_out: np.ndarray
    attention_out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    intermediate: np.ndarray
    intermediate_bias: np.ndarray
    output: np.ndarray
    output_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


class BertEncoder:
    """encode(texts) -> unit vectors, as SentenceTransformer.encode does for this model."""

    # Texts per pass that `search.embed.embed` hands over: packed tokens pad nothing, so the
    # batch size hardly changes the work. CPU seconds for the bundled hub's 357 units (python
    # -m bench.embed_speed, load average ~11): 16: 4.9 s, 32: 4.7-5.0 s, 64: 4.8-5.0 s, 256: 5.2 s
    # (padded batches of 8: 7.2 s). 32 gives two worker threads a dozen batches to share.
    preferred_batch_size = 32
    # encode() keeps no state between calls: `search.embed.embed` runs batches on threads.
    thread_safe = True

    def __init__(
        self,
        tokenizer: Any,
        weights: dict[str, np.ndarray],
        config: dict[str, Any],
        *,
        normalize: bool,
    ) -> None:
        self.tokenizer = tokenizer
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.normalize = normalize
        self.word = weights["embeddings.word_embeddings.weight"]
        self.position = weights["embeddings.position_embeddings.weight"]
        self.token_type = weights["embeddings.token_type_embeddings.weight"][0]
        self.embedding_norm = _norm(weights, "embeddings.LayerNorm")
        self.layers = [_layer(weights, i) for i in range(int(config["num_hidden_layers"]))]

    @classmethod
    def load(cls, path: str | Path) -> BertEncoder:
        """The encoder in the sentence-transformers directory `path`; NotBert otherwise."""
        from tokenizers import Tokenizer

        path = Path(path)
        config = _json(path / "config.json")
        if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
            raise NotBert(f"{path} is not a BERT model with exact GELU")
        modules = [m.get("type", "") for m in _json(path / "modules.json")]
        pooling = _json(path / "1_Pooling" / "config.json")
        kinds = [m.rsplit(".", 1)[-1] for m in modules]
        if kinds[:2] != ["Transformer", "Pooling"] or not set(kinds[2:]) <= {"Normalize"}:
            raise NotBert(f"{path} has modules {kinds}, not Transformer + mean Pooling")
        if (
            not pooling.get("pooling_mode_mean_tokens")
            or sum(bool(v) for k, v in pooling.items() if k.startswith("pooling_mode")) != 1
        ):
            raise NotBert(f"{path} does not pool by the mean of its tokens")
        weights_file = path / "model.safetensors"
        if not weights_file.is_file():
            raise NotBert(f"{path} has no model.safetensors")
        from safetensors.numpy import load_file

        weights = {
            name.removeprefix("bert."): tensor.astype(np.float32, copy=False)
            for name, tensor in load_file(str(weights_file)).items()
        }
        max_length = int(_json(path / "sentence_bert_config.json").get("max_seq_length", 512))
        tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=min(max_length, len(weights_position(weights))))
        try:
            return cls(tokenizer, weights, config, normalize="Normalize" in kinds)
        except KeyError as exc:
            raise NotBert(f"{path} lacks the weight {exc}") from exc

    def get_sentence_embedding_dimension(self) -> int:
        """The vector size (the hidden size)."""
        return int(self.word.shape[1])

    def encode(
        self,
        sentences: Sequence[str],
        batch_size: int = 32,
        normalize_embeddings: bool = False,
        convert_to_numpy: bool = True,
        show_progress_bar: bool = False,
    ) -> np.ndarray:
        """float32 vectors, shape (len(sentences), dimension), in input order.

        `batch_size` texts go through the layers together, their tokens packed without
        padding, so a larger batch costs no padding, only memory.
        """
        del convert_to_numpy, show_progress_bar  # always numpy, never a bar
        texts = [sentences] if isinstance(sentences, str) else list(sentences)
        out = np.empty((len(texts), self.get_sentence_embedding_dimension()), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            out[rows] = self._forward([encodings[i].ids for i in rows])
        if normalize_embeddings or self.normalize:
            out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out[0] if isinstance(sentences, str) else out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        """Mean-pooled token states of texts sorted by length, their tokens packed.

        The dense layers (nine tenths of the arithmetic) see one (tokens, hidden) matrix
        with no padding; attention runs per run of texts of equal length, which need no
        mask. The same arithmetic as padded batches on the real tokens.
        """
        lengths = np.array([len(ids) for ids in batch])
        ids = np.concatenate([np.asarray(t, dtype=np.int64) for t in batch])
        positions = np.concatenate([np.arange(n) for n in lengths])
        x = self.word[ids] + self.position[positions] + self.token_type
        x = _layer_norm(x, *self.embedding_norm, self.eps)
        runs = _equal_runs(lengths)
        for layer in self.layers:
            x = self._layer(x, layer, runs)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        summed = np.add.reduceat(x, starts, axis=0)
        return summed / np.maximum(lengths, 1)[:, None].astype(np.float32)

    def _layer(self, x: np.ndarray, layer: _Layer, runs: list[tuple[int, int, int]]) -> np.ndarray:
        tokens, hidden = x.shape
        head = hidden // self.heads
        qkv = x @ layer.qkv
        qkv += layer.qkv_bias
        context = np.empty((tokens, hidden), dtype=np.float32)
        for start, count, length in runs:
            end = start + count * length
            block = qkv[start:end].reshape(count, length, 3, self.heads, head)
            context[start:end] = self._attention(block).reshape(count * length, hidden)
        attended = context @ layer.attention_out
        attended += layer.attention_out_bias
        attended += x
        x = _layer_norm(attended, *layer.attention_norm, self.eps)
        inner = x @ layer.intermediate
        inner += layer.intermediate_bias
        out = _gelu(inner) @ layer.output
        out += layer.output_bias
        out += x
        return _layer_norm(out, *layer.output_norm, self.eps)

    def _attention(self, qkv: np.ndarray) -> np.ndarray:
        """Self-attention of `count` texts of one length: (count, length, heads, head)."""
        # Contiguous (count, heads, length, head) blocks: numpy hands those to BLAS.
        query = np.ascontiguousarray(qkv[:, :, 0].transpose(0, 2, 1, 3))
        key_t = np.ascontiguousarray(qkv[:, :, 1].transpose(0, 2, 3, 1))
        value = np.ascontiguousarray(qkv[:, :, 2].transpose(0, 2, 1, 3))
        query *= np.float32(1.0 / np.sqrt(query.shape[-1]))
        scores = query @ key_t
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        return (scores @ value).transpose(0, 2, 1, 3)


def _equal_runs(lengths: np.ndarray) -> list[tuple[int, int, int]]:
    """(first token, text count, length) of each run of equal lengths, in token order."""
    runs: list[tuple[int, int, int]] = []
    token, index = 0, 0
    while index < len(lengths):
        length = int(lengths[index])
        count = 1
        while index + count < len(lengths) and lengths[index + count] == length:
            count += 1
        runs.append((token, count, length))
        token += count * length
        index += count
    return runs


def weights_position(weights: dict[str, np.ndarray]) -> np.ndarray:
    """The position embedding table (its length caps the sequence length)."""
    return weights["embeddings.position_embeddings.weight"]


def _layer(weights: dict[str, np.ndarray], i: int) -> _Layer:
    prefix = f"encoder.layer.{i}."

    def linear(name: str) -> tuple[np.ndarray, np.ndarray]:
        # torch Linear stores (out, in); x @ W.T, made contiguous once here.
        return (
            np.ascontiguousarray(weights[prefix + name + ".weight"].T),
            weights[prefix + name + ".bias"],
        )

    q, k, v = (linear(f"attention.self.{n}") for n in ("query", "key", "value"))
    attention_out = linear("attention.output.dense")
    intermediate = linear("intermediate.dense")
    output = linear("output.dense")
    return _Layer(
        qkv=np.ascontiguousarray(np.concatenate([q[0], k[0], v[0]], axis=1)),
        qkv_bias=np.concatenate([q[1], k[1], v[1]]),
        attention_out=attention_out[0],
        attention_out_bias=attention_out[1],
        attention_norm=_norm(weights, prefix + "attention.output.LayerNorm"),
        intermediate=intermediate[0],
        intermediate_bias=intermediate[1],
        output=output[0],
        output_bias=output[1],
        output_norm=_norm(weights, prefix + "output.LayerNorm"),
    )


def _norm(weights: dict[str, np.ndarray], name: str) -> tuple[np.ndarray, np.ndarray]:
    return weights[name + ".weight"], weights[name + ".bias"]


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    variance = np.einsum("...i,...i->...", centred, centred)[..., None] / centred.shape[-1]
    centred /= np.sqrt(variance + np.float32(eps))
    centred *= gamma
    centred += beta
    return centred


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, x * Phi(x) (torch's default "gelu"), in place.

    A few rows at a time: the dozen passes of erf over (tokens, 1536) floats then stay in
    the CPU cache, which halves their time (a fifth of the encoder's, whole).
    """
    for start in range(0, len(x), _GELU_ROWS):
        rows = x[start : start + _GELU_ROWS]
        half = rows * np.float32(0.5)
        rows *= np.float32(1.0 / np.sqrt(2.0))
        erf = _erf(rows)
        erf += np.float32(1.0)
        erf *= half
        rows[...] = erf
    return x


_GELU_ROWS = 64  # 64 x 1536 float32: 384 KB, in a core's L2 cache


# Abramowitz & Stegun 7.1.26: erf to 1.5e-7, below float32's resolution near 1.
_ERF_P = np.float32(0.3275911)
_ERF_A = [np.float32(c) for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592)]
_ERF_A5 = np.float32(1.061405429)


def _erf(x: np.ndarray) -> np.ndarray:
    """erf(x), vectorised (numpy has none; scipy's is no faster and slow to import)."""
    a = np.abs(x)
    t = a * _ERF_P
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * _ERF_A5
    for c in _ERF_A:
        poly += c
        poly *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(np.float32(1.0), poly, out=poly)
    return np.copysign(poly, x, out=poly)


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NotBert(f"cannot read {path}: {exc}") from exc


__all__ = ["BertEncoder", "NotBert"]

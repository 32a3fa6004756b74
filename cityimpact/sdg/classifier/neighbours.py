"""The second opinion next to the per-goal heads: what the most similar labelled passages say.

A linear head per goal draws one boundary through the embedding space; the labelled
passages themselves also know about the small neighbourhoods it cuts through (near misses,
texts that address two goals). For a passage, each goal gets the similarity-weighted share
of its `NEIGHBOURS` most similar labelled passages that carry the goal. Averaged with the
head's probability before calibration, this raised out-of-fold F1 from 0.71 to 0.73 (the
setting was chosen out of fold: 10–50 neighbours and temperatures 0.01–0.1 were tried).

The labelled passages' embeddings ship with the model (float16, about 3 MB)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

NEIGHBOURS = 15
# How sharply closer neighbours count more: weights are exp(similarity / TEMPERATURE).
TEMPERATURE = 0.02
# The head's share in the blend; the neighbours have the rest.
HEAD_SHARE = 0.5
_CHUNK = 1024  # queries per similarity matrix


def neighbour_scores(
    queries: NDArray[np.floating],
    memory: NDArray[np.floating],
    labels: NDArray[np.bool_],
    *,
    neighbours: int = NEIGHBOURS,
    temperature: float = TEMPERATURE,
) -> NDArray[np.float64]:
    """One row per query and one column per goal, each in [0, 1]. `memory` holds
    L2-normalised embeddings of labelled passages and `labels` their goals."""
    if queries.ndim != 2 or memory.ndim != 2 or labels.shape[0] != memory.shape[0]:
        raise ValueError("queries and memory must be matrices, with one label row per memory")
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    if len(queries) == 0 or len(memory) == 0:
        return np.zeros((len(queries), labels.shape[1]))
    k = min(neighbours, len(memory))
    memory32 = memory.astype(np.float32)
    shares = np.zeros((len(queries), labels.shape[1]))
    # A batch of long documents can have tens of thousands of passages: their similarity
    # matrix is built a slice at a time, so memory stays bounded.
    for first in range(0, len(queries), _CHUNK):
        similarity = queries[first : first + _CHUNK].astype(np.float32) @ memory32.T
        nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        nearest.sort(axis=1)  # a fixed order, so sums round the same way every time
        closest = np.take_along_axis(similarity, nearest, axis=1).astype(np.float64)
        weights = np.exp((closest - closest.max(axis=1, keepdims=True)) / temperature)
        weights /= weights.sum(axis=1, keepdims=True)
        shares[first : first + _CHUNK] = np.einsum(
            "qk,qkg->qg", weights, labels[nearest].astype(np.float64)
        )
    return shares


def blend(raw: NDArray[np.float64], neighbours: NDArray[np.float64]) -> NDArray[np.float64]:
    """The score that calibration turns into a probability: the head's logistic output and
    the neighbours' share, weighed by HEAD_SHARE."""
    head = 0.5 * (1.0 + np.tanh(0.5 * raw))
    return np.asarray(HEAD_SHARE * head + (1.0 - HEAD_SHARE) * neighbours, dtype=np.float64)

"""A document's result from its passages' results.

A document addresses a goal when some of its passages clearly do: the score is the mean of
the goal's best `top_k` passage scores. That is steadier than the single best passage (one
stray sentence does not decide) and, unlike a mean over all passages, a long document is
not diluted by the parts about other things.

Measured: on the held-out texts that split into several passages (long project
descriptions), the best passage alone gave F1 0.61 and the mean of the best two 0.70, with
far fewer false links. On documents glued together from unrelated held-out passages the
best passage alone did better, because there each goal lives in one passage only; that is
the cost of this choice: a goal that one paragraph of several addresses may fall below its
threshold (see the model card's known limits)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray


@dataclass(frozen=True)
class DocumentScores:
    scores: NDArray[np.float64]  # one per goal
    strongest: list[list[int]]  # per goal, passage indices, best first


def aggregate_passages(
    passage_scores: ArrayLike, *, top_k: int = 2, evidence: int = 3
) -> DocumentScores:
    """`passage_scores` has one row per passage and one column per goal (probabilities)."""
    matrix = np.asarray(passage_scores, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError("passage scores must be a passages × goals matrix")
    if matrix.shape[0] == 0:
        return DocumentScores(np.zeros(matrix.shape[1]), [[] for _ in range(matrix.shape[1])])
    order = np.argsort(-matrix, axis=0, kind="stable")
    k = min(top_k, matrix.shape[0])
    best = np.take_along_axis(matrix, order[:k], axis=0)
    return DocumentScores(
        scores=best.mean(axis=0),
        strongest=[[int(i) for i in order[:evidence, goal]] for goal in range(matrix.shape[1])],
    )

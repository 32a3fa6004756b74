"""From raw model scores to probabilities a person can read, and from probabilities to the
yes/no decision per goal.

Platt scaling fits p = 1 / (1 + exp(a·s + b)) on held-out scores with Platt's smoothed
targets, so a handful of examples cannot push probabilities to exactly 0 or 1. Thresholds
are chosen per goal on validation data, because goals differ in how often they occur."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray


@dataclass(frozen=True)
class PlattCalibrator:
    a: float
    b: float

    @classmethod
    def fit(cls, scores: ArrayLike, labels: ArrayLike, *, iterations: int = 100) -> PlattCalibrator:
        """Fit on raw scores and 0/1 labels (Newton's method on the log-loss)."""
        s = np.asarray(scores, dtype=np.float64).ravel()
        y = np.asarray(labels, dtype=np.float64).ravel()
        if s.shape != y.shape or s.size == 0:
            raise ValueError("scores and labels must be non-empty and of the same length")
        if not np.isin(y, (0.0, 1.0)).all():
            raise ValueError("labels must be 0 or 1")
        positives, negatives = y.sum(), y.size - y.sum()
        # Platt (1999): targets slightly inside (0, 1), by the class counts.
        t = np.where(y == 1, (positives + 1) / (positives + 2), 1 / (negatives + 2))
        a, b = 0.0, float(np.log((negatives + 1) / (positives + 1)))
        loss = _log_loss(a, b, s, t)
        for _ in range(iterations):
            p = _sigmoid(-(a * s + b))
            gradient = np.array([np.sum((t - p) * s), np.sum(t - p)])
            w = np.maximum(p * (1 - p), 1e-12)
            hessian = np.array(
                [[np.sum(w * s * s), np.sum(w * s)], [np.sum(w * s), np.sum(w)]]
            ) + 1e-9 * np.eye(2)
            step = np.linalg.solve(hessian, gradient)
            # A full Newton step can overshoot when the scores lie in a narrow range (such
            # as probabilities): halve it until the loss goes down (Lin et al. 2007).
            for _halving in range(40):
                trial = _log_loss(a - float(step[0]), b - float(step[1]), s, t)
                if trial <= loss:
                    break
                step = step / 2
            else:
                break
            a, b, loss = a - float(step[0]), b - float(step[1]), trial
            if np.abs(step).max() < 1e-10:
                break
        return cls(a=a, b=b)

    def apply(self, scores: ArrayLike) -> NDArray[np.float64]:
        return _sigmoid(-(self.a * np.asarray(scores, dtype=np.float64) + self.b))

    def as_dict(self) -> dict[str, float]:
        return {"a": self.a, "b": self.b}


def choose_threshold(
    probabilities: ArrayLike, labels: ArrayLike, *, metric: str = "accuracy"
) -> float:
    """The threshold with the best `metric` ("accuracy" or "f1") on validation data; among
    equally good ones, the one nearest 0.5 (the least surprising). Scores at or above it
    assert the goal.

    F1 weighs missed and false links alike however rare the goal is; accuracy on a rare goal
    is best served by asserting it almost never, which makes a poor suggester."""
    p = np.asarray(probabilities, dtype=np.float64).ravel()
    y = np.asarray(labels).astype(bool).ravel()
    if p.shape != y.shape or p.size == 0:
        raise ValueError("probabilities and labels must be non-empty and of the same length")
    if metric not in ("accuracy", "f1"):
        raise ValueError("metric must be accuracy or f1")
    # Candidates: midpoints between distinct scores, plus one above all and 0.5 itself.
    distinct = np.unique(p)
    candidates = np.concatenate(
        [(distinct[:-1] + distinct[1:]) / 2, [distinct[-1] + 1e-9, distinct[0], 0.5]]
    )
    quality = np.array([_quality(p >= c, y, metric) for c in candidates])
    best = np.flatnonzero(quality == quality.max())
    return float(min(candidates[best], key=lambda c: abs(c - 0.5)))


def _quality(guess: NDArray[np.bool_], truth: NDArray[np.bool_], metric: str) -> float:
    if metric == "accuracy":
        return float(np.mean(guess == truth))
    true_positives = float(np.sum(guess & truth))
    wrong = float(np.sum(guess != truth))
    return 2 * true_positives / (2 * true_positives + wrong) if true_positives else 0.0


def _log_loss(a: float, b: float, s: NDArray[np.float64], t: NDArray[np.float64]) -> float:
    """Platt's loss, −Σ t·log p + (1 − t)·log(1 − p) with p = σ(−(a·s + b)), overflow-free."""
    z = a * s + b  # log(1 − p) − log p
    return float(np.sum(t * np.logaddexp(0, z) + (1 - t) * np.logaddexp(0, -z)))


def _sigmoid(x: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * x)), dtype=np.float64)  # overflow-free

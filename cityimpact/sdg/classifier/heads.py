"""Per-goal heads: one L2-regularised logistic regression per goal on the passage embedding.

Fitted by Newton's method from zero, so the result depends only on the data (no random
start, no order effects) and `sdg_train` rebuilds the same artefact every time."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]


def logistic_fit(
    features: Matrix,
    labels: NDArray[np.bool_],
    *,
    l2: float,
    balanced: bool = True,
    iterations: int = 25,
) -> tuple[NDArray[np.float64], float]:
    """Weights and bias minimising the (class-balanced) log-loss plus l2·|w|²/2.

    Balancing gives positives and negatives the same total weight: a goal has far fewer
    positive passages than negative ones, and the calibration fitted afterwards restores
    honest probabilities."""
    x = np.asarray(features, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    if x.ndim != 2 or y.shape != (x.shape[0],):
        raise ValueError("features must be rows × dimensions and labels one per row")
    if l2 <= 0:
        raise ValueError("l2 must be positive")
    positives = float(y.sum())
    if positives in (0.0, float(y.size)):
        raise ValueError("labels need both classes")
    if balanced:
        weight = np.where(y == 1, 0.5 / positives, 0.5 / (y.size - positives)) * y.size
    else:
        weight = np.ones_like(y)
    design = np.hstack([x, np.ones((x.shape[0], 1))])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 1e-6  # the bias is (almost) not penalised
    theta = np.zeros(design.shape[1])
    for _ in range(iterations):
        p = _sigmoid(design @ theta)
        gradient = design.T @ (weight * (p - y)) + penalty * theta
        curvature = weight * np.maximum(p * (1 - p), 1e-9)
        hessian = (design * curvature[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return theta[:-1].copy(), float(theta[-1])


def _sigmoid(x: Matrix) -> Matrix:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * x)), dtype=np.float64)

"""Training and evaluation of the classifier from the labelled passages.

1. Every passage (and each official target text, as an extra English positive for its goal)
   is embedded; embeddings are cached by text so a rebuild only embeds what changed.
2. Calibration and thresholds need scores the heads did not see in training, so the train
   and validation parts are cross-fitted: five folds (validation is one of them), each
   scored by heads fitted on the other four. Platt scaling and the per-goal threshold are
   fitted on these out-of-fold scores; that uses every labelled passage outside the test
   part, instead of the few positives per goal a single validation part holds.
   A passage's score blends its head's output with its nearest labelled passages
   (`neighbours.py`); out of fold, the neighbours come from the other folds too.
3. The final heads are fitted on all of train and validation, whose passages become the
   neighbours the shipped model looks up. The test part is touched only by `evaluate`.

Nothing here is random, so the same data gives the same artefact, byte for byte."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cityimpact.sdg.classifier.artefact import GOALS, Artefact
from cityimpact.sdg.classifier.calibration import PlattCalibrator, choose_threshold
from cityimpact.sdg.classifier.dataset import Example, split_of
from cityimpact.sdg.classifier.embedding import Embedder
from cityimpact.sdg.classifier.heads import logistic_fit
from cityimpact.sdg.classifier.lexicon import lexicon_build
from cityimpact.sdg.classifier.model import Classifier
from cityimpact.sdg.classifier.neighbours import (
    HEAD_SHARE,
    NEIGHBOURS,
    TEMPERATURE,
    blend,
    neighbour_scores,
)

FOLDS = 5
L2 = 0.1  # chosen by out-of-fold F1 over 0.01–0.5


@dataclass(frozen=True)
class TargetText:
    code: str
    text: str


class EmbeddingCache:
    """Embeddings by (embedder, text), kept in one .npz file between runs."""

    def __init__(self, embedder: Embedder, path: Path | None) -> None:
        self.embedder, self.path = embedder, path
        self._vectors: dict[str, NDArray[np.float32]] = {}
        if path is not None and path.exists():
            with np.load(path, allow_pickle=False) as stored:
                self._vectors = {key: stored[key] for key in stored.files}

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.embedder.name}\n{text}".encode()).hexdigest()[:32]

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        keys = [self._key(text) for text in texts]
        missing = sorted(
            {k: t for k, t in zip(keys, texts, strict=True) if k not in self._vectors}.items()
        )
        if missing:
            vectors = self.embedder.embed([text for _, text in missing])
            for (key, _), vector in zip(missing, vectors, strict=True):
                self._vectors[key] = vector
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                np.savez(self.path, **self._vectors)  # type: ignore[arg-type]
        return (
            np.stack([self._vectors[key] for key in keys])
            if keys
            else np.zeros((0, 384), np.float32)
        )


class CachedEmbedder:
    """An embedder that reads and fills an `EmbeddingCache`."""

    def __init__(self, cache: EmbeddingCache) -> None:
        self.cache = cache
        self.name = cache.embedder.name

    def embed(self, texts: list[str]) -> NDArray[np.float32]:
        return self.cache.embed(texts)


def read_target_texts(path: Path) -> list[TargetText]:
    """(code, English text) of the framework's targets from its CSV file."""
    with path.open(encoding="utf-8") as handle:
        return [TargetText(row["code"], row["title_en"]) for row in csv.DictReader(handle)]


def data_fingerprint(examples: Sequence[Example], targets: Sequence[TargetText]) -> str:
    digest = hashlib.sha256()
    for example in sorted(examples, key=lambda e: e.id):
        row = [
            example.id,
            example.language,
            example.text,
            sorted(example.goals),
            sorted(example.targets),
        ]
        digest.update(json.dumps(row, ensure_ascii=False).encode())
    for target in targets:
        digest.update(f"{target.code}\t{target.text}\n".encode())
    return digest.hexdigest()[:16]


def _labels(goal_sets: Sequence[frozenset[int]]) -> NDArray[np.bool_]:
    return np.array([[goal in goals for goal in GOALS] for goals in goal_sets], dtype=bool)


def _fold_of(example_id: str) -> int:
    if split_of(example_id) == "validation":
        return 0
    bucket = int.from_bytes(hashlib.sha256(f"fold:{example_id}".encode()).digest()[:4], "big")
    return 1 + bucket % (FOLDS - 1)


def _fit_heads(
    features: NDArray[np.float64], labels: NDArray[np.bool_]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    weights = np.zeros((len(GOALS), features.shape[1]))
    bias = np.zeros(len(GOALS))
    for i in range(len(GOALS)):
        positives = int(labels[:, i].sum())
        if positives in (0, len(labels)):
            # No passage (or only passages) of this goal in the fold: a constant answer.
            bias[i] = 10.0 if positives else -10.0
            continue
        weights[i], bias[i] = logistic_fit(features, labels[:, i], l2=L2)
    return weights, bias


def train(
    examples: Sequence[Example],
    targets: Sequence[TargetText],
    embedder: Embedder,
    *,
    cache: Path | None = None,
) -> Artefact:
    """The artefact from the train and validation parts of `examples`."""
    store = EmbeddingCache(embedder, cache)
    fitting = [e for e in examples if split_of(e.id) != "test"]
    texts = [e.text for e in fitting] + [t.text for t in targets]
    goal_sets = [e.goals for e in fitting] + [
        frozenset({int(t.code.split(".")[0])}) for t in targets
    ]
    features = store.embed(texts).astype(np.float64)
    labels = _labels(goal_sets)
    # Target texts always train (they are not labelled passages and have no fold of their own).
    folds = np.array([_fold_of(e.id) for e in fitting] + [-1] * len(targets))

    # The neighbours are the labelled passages (not the target texts), stored as float16.
    scored = folds >= 0
    memory = features[scored].astype(np.float16)
    memory_labels = labels[scored]
    memory_folds = folds[scored]
    out_of_fold = np.zeros(labels.shape)
    for fold in range(FOLDS):
        held = folds == fold
        weights, bias = _fit_heads(features[~held], labels[~held])
        others = memory_folds != fold
        out_of_fold[held] = blend(
            features[held] @ weights.T + bias,
            neighbour_scores(features[held], memory[others], memory_labels[others]),
        )
    calibrators, thresholds = [], []
    for i in range(len(GOALS)):
        calibrator = PlattCalibrator.fit(out_of_fold[scored, i], labels[scored, i])
        calibrators.append(calibrator)
        thresholds.append(
            round(
                choose_threshold(
                    calibrator.apply(out_of_fold[scored, i]), labels[scored, i], metric="f1"
                ),
                4,
            )
        )

    weights, bias = _fit_heads(features, labels)
    return Artefact(
        embedder=embedder.name,
        weights=weights.astype(np.float32),
        bias=bias.astype(np.float32),
        calibrators=tuple(PlattCalibrator(a=round(c.a, 6), b=round(c.b, 6)) for c in calibrators),
        thresholds=tuple(thresholds),
        target_codes=tuple(t.code for t in targets),
        target_vectors=_target_prototypes(fitting, targets, store),
        memory=memory,
        memory_labels=memory_labels,
        lexicon=lexicon_build((e.language, e.text, e.goals) for e in fitting),
        training={
            "data": data_fingerprint(examples, targets),
            "passages": len(fitting),
            "target_texts": len(targets),
            "folds": FOLDS,
            "l2": L2,
            "neighbours": NEIGHBOURS,
            "neighbour_temperature": TEMPERATURE,
            "head_share": HEAD_SHARE,
            "thresholds": "per goal, best out-of-fold F1",
        },
    )


def _target_prototypes(
    fitting: Sequence[Example], targets: Sequence[TargetText], store: EmbeddingCache
) -> NDArray[np.float16]:
    """Per target: the normalised mean of its official text and the passages labelled with it."""
    official = store.embed([t.text for t in targets]).astype(np.float64)
    labelled = [e for e in fitting if e.targets]
    passage_vectors = (
        store.embed([e.text for e in labelled]).astype(np.float64) if labelled else None
    )
    prototypes = official.copy()
    for row, target in enumerate(targets):
        members = [i for i, e in enumerate(labelled) if target.code in e.targets]
        if members and passage_vectors is not None:
            prototypes[row] = official[row] + passage_vectors[members].sum(axis=0)
    norms = np.linalg.norm(prototypes, axis=1, keepdims=True)
    return np.asarray(prototypes / np.maximum(norms, 1e-12), dtype=np.float16)


def evaluate_artefact(
    artefact: Artefact, examples: Sequence[Example], embedder: Embedder, *, split: str = "test"
) -> dict[str, Any]:
    """The artefact's figures on one part of the labelled passages (by default the test
    part, which training never sees)."""
    chosen = [e for e in examples if split_of(e.id) == split]
    results = Classifier(artefact, embedder).classify([e.text for e in chosen], targets=3)
    report = evaluate([frozenset(g.goal for g in r.goals) for r in results], chosen)
    with_targets = [(e, r) for e, r in zip(chosen, results, strict=True) if e.targets]
    hits = sum(1 for e, r in with_targets if r.targets and r.targets[0][0] in e.targets)
    report["split"] = split
    report["target_top1"] = round(hits / len(with_targets), 4) if with_targets else None
    return report


def evaluate(predicted: Sequence[frozenset[int]], examples: Sequence[Example]) -> dict[str, Any]:
    """Per goal and per language: precision, recall, F1, accuracy and balanced accuracy of
    the asserted goals against the labels."""
    report: dict[str, Any] = {"overall": _scores(predicted, examples)}
    for language in sorted({e.language for e in examples}):
        chosen = [i for i, e in enumerate(examples) if e.language == language]
        report[language] = _scores([predicted[i] for i in chosen], [examples[i] for i in chosen])
    return report


def _scores(predicted: Sequence[frozenset[int]], examples: Sequence[Example]) -> dict[str, Any]:
    truth = _labels([e.goals for e in examples])
    guess = _labels(predicted)
    per_goal = {str(goal): _binary(guess[:, i], truth[:, i]) for i, goal in enumerate(GOALS)}
    return {
        "texts": len(examples),
        "goals": per_goal,
        "micro": _binary(guess.ravel(), truth.ravel()),
        "mean_accuracy": round(float(np.mean([g["accuracy"] for g in per_goal.values()])), 4),
        "mean_balanced_accuracy": round(
            float(np.mean([g["balanced_accuracy"] for g in per_goal.values()])), 4
        ),
    }


def _binary(guess: NDArray[np.bool_], truth: NDArray[np.bool_]) -> dict[str, float]:
    tp = int(np.sum(guess & truth))
    fp = int(np.sum(guess & ~truth))
    fn = int(np.sum(~guess & truth))
    tn = int(np.sum(~guess & ~truth))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    specificity = tn / (tn + fp) if tn + fp else 0.0
    return {
        "support": tp + fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "accuracy": round((tp + tn) / max(1, tp + fp + fn + tn), 4),
        "balanced_accuracy": round((recall + specificity) / 2, 4),
    }

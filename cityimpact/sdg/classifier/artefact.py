"""The shipped model artefact: what `sdg_train` writes and the classifier reads.

Five files in one folder, all byte-for-byte reproducible (no timestamps, no zip):
`model.json` (version, calibration, thresholds, target codes, evidence words, test figures),
`heads.npy` (17 × 385 float32: one weight row and bias per goal), `targets.npy`
(169 × 384 float16: one prototype vector per target), and the labelled passages that the
neighbour scores look up (`neighbours.py`): `memory.npy` (passages × 384 float16) and
`memory_labels.npy` (passages × 17, 0/1)."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cityimpact.sdg.classifier.calibration import PlattCalibrator
from cityimpact.sdg.classifier.lexicon import Lexicon

GOALS = tuple(range(1, 18))
DEFAULT_DIRECTORY = Path(__file__).resolve().parents[1] / "data" / "classifier" / "model"


class ArtefactError(ValueError):
    """A model folder that is missing, incomplete or inconsistent."""


@dataclass(frozen=True)
class Artefact:
    embedder: str
    weights: NDArray[np.float32]  # goals × dimensions
    bias: NDArray[np.float32]  # goals
    calibrators: tuple[PlattCalibrator, ...]  # one per goal
    thresholds: tuple[float, ...]  # one per goal, on calibrated probabilities
    target_codes: tuple[str, ...]
    target_vectors: NDArray[np.float16]  # targets × dimensions, L2-normalised
    memory: NDArray[np.float16]  # labelled passages × dimensions, L2-normalised
    memory_labels: NDArray[np.bool_]  # labelled passages × goals
    lexicon: Lexicon
    training: dict[str, Any] = field(default_factory=dict)  # data hash, sizes, settings
    metrics: dict[str, Any] = field(default_factory=dict)  # held-out test figures

    def __post_init__(self) -> None:
        goals = len(GOALS)
        if self.weights.shape[0] != goals or self.bias.shape != (goals,):
            raise ArtefactError("the heads must have one row per goal")
        if len(self.calibrators) != goals or len(self.thresholds) != goals:
            raise ArtefactError("calibration and thresholds must have one entry per goal")
        if self.target_vectors.shape != (len(self.target_codes), self.weights.shape[1]):
            raise ArtefactError("target vectors must match the target codes and dimensions")
        if self.memory.ndim != 2 or self.memory.shape[1] != self.weights.shape[1]:
            raise ArtefactError("the labelled passages' vectors must match the dimensions")
        if self.memory_labels.shape != (self.memory.shape[0], goals):
            raise ArtefactError("the labelled passages need one row of goals each")

    @property
    def version(self) -> str:
        """A short content hash: the same weights and settings give the same version."""
        digest = hashlib.sha256()
        digest.update(self._heads_bytes())
        digest.update(_npy_bytes(self.target_vectors))
        digest.update(_npy_bytes(self.memory))
        digest.update(_npy_bytes(self.memory_labels.astype(np.uint8)))
        digest.update(json.dumps(self._settings(), sort_keys=True).encode())
        return f"sdg-e5-{digest.hexdigest()[:10]}"

    def _settings(self) -> dict[str, Any]:
        return {
            "embedder": self.embedder,
            "calibration": [c.as_dict() for c in self.calibrators],
            "thresholds": list(self.thresholds),
            "targets": list(self.target_codes),
            "lexicon": self.lexicon,
            "training": self.training,
        }

    def _heads_bytes(self) -> bytes:
        heads = np.hstack([self.weights, self.bias[:, None]]).astype(np.float32)
        return _npy_bytes(heads)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "heads.npy").write_bytes(self._heads_bytes())
        (directory / "targets.npy").write_bytes(_npy_bytes(self.target_vectors))
        (directory / "memory.npy").write_bytes(_npy_bytes(self.memory))
        (directory / "memory_labels.npy").write_bytes(
            _npy_bytes(self.memory_labels.astype(np.uint8))
        )
        document = {"version": self.version, **self._settings(), "metrics": self.metrics}
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
        (directory / "model.json").write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path = DEFAULT_DIRECTORY) -> Artefact:
        try:
            document = json.loads((directory / "model.json").read_text(encoding="utf-8"))
            heads = np.load(directory / "heads.npy", allow_pickle=False)
            targets = np.load(directory / "targets.npy", allow_pickle=False)
            memory = np.load(directory / "memory.npy", allow_pickle=False)
            memory_labels = np.load(directory / "memory_labels.npy", allow_pickle=False)
        except (OSError, ValueError) as problem:
            raise ArtefactError(f"cannot read the SDG model in {directory}: {problem}") from None
        return cls(
            embedder=str(document["embedder"]),
            weights=np.ascontiguousarray(heads[:, :-1], dtype=np.float32),
            bias=np.ascontiguousarray(heads[:, -1], dtype=np.float32),
            calibrators=tuple(
                PlattCalibrator(a=float(c["a"]), b=float(c["b"])) for c in document["calibration"]
            ),
            thresholds=tuple(float(t) for t in document["thresholds"]),
            target_codes=tuple(document["targets"]),
            target_vectors=targets.astype(np.float16),
            memory=memory.astype(np.float16),
            memory_labels=memory_labels.astype(bool),
            lexicon=document["lexicon"],
            training=document.get("training", {}),
            metrics=document.get("metrics", {}),
        )


def _npy_bytes(array: NDArray[Any]) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
    return buffer.getvalue()

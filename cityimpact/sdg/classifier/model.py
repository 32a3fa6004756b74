"""The classifier: texts in, calibrated goal scores, asserted goals, top targets and
evidence out.

Every text is cleaned, its language detected (unless given) and split into passages; all
passages of all texts are embedded in one batched call, scored by the per-goal heads
blended with the passages' nearest labelled passages (`neighbours.py`) and calibrated; a
text's scores aggregate its passages'. Targets are ranked by similarity to each target's
prototype vector within the goals the text is likely about."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from cityimpact.sdg.classifier.aggregate import aggregate_passages
from cityimpact.sdg.classifier.artefact import DEFAULT_DIRECTORY, GOALS, Artefact
from cityimpact.sdg.classifier.embedding import E5Embedder, Embedder
from cityimpact.sdg.classifier.language import LANGUAGES, detect_language
from cityimpact.sdg.classifier.lexicon import evidence_words
from cityimpact.sdg.classifier.neighbours import blend, neighbour_scores
from cityimpact.sdg.classifier.passages import Passage, clean_text, sentences, split_passages

MAX_PASSAGES = 400  # per text; about 50 000 words, the rest of a longer text is not scored
# How sharply target similarity is turned into a share of the goal's score; chosen so the
# best-matching target of a clearly addressed goal scores near the goal itself.
_TARGET_TEMPERATURE = 0.02


@dataclass(frozen=True)
class Evidence:
    start: int  # character offsets in the cleaned text
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class GoalResult:
    goal: int
    score: float
    evidence: list[Evidence] = field(default_factory=list)  # strongest passages or sentences
    words: list[str] = field(default_factory=list)  # words typical of the goal, in the text


@dataclass(frozen=True)
class Classification:
    text: str  # the cleaned text that offsets refer to
    language: str
    scores: dict[int, float]  # every goal
    goals: list[GoalResult]  # asserted goals, best first
    targets: list[tuple[str, float]]
    passages: int  # how many passages were scored
    truncated: bool  # True when the text had more passages than were scored

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of the command and the API."""
        return {
            "language": self.language,
            "goals": [
                {
                    "goal": g.goal,
                    "score": round(g.score, 4),
                    "evidence": [
                        {"start": e.start, "end": e.end, "text": e.text, "score": round(e.score, 4)}
                        for e in g.evidence
                    ],
                    "words": g.words,
                }
                for g in self.goals
            ],
            "scores": {str(goal): round(score, 4) for goal, score in self.scores.items()},
            "targets": [{"target": code, "score": round(score, 4)} for code, score in self.targets],
            "passages": self.passages,
            "truncated": self.truncated,
        }


class Classifier:
    def __init__(self, artefact: Artefact, embedder: Embedder) -> None:
        self.artefact = artefact
        self.embedder = embedder
        self._targets = artefact.target_vectors.astype(np.float32)
        self._memory = artefact.memory.astype(np.float32)
        target_goal = np.array([int(code.split(".")[0]) for code in artefact.target_codes])
        self._goal_targets = {goal: np.flatnonzero(target_goal == goal) for goal in GOALS}

    @classmethod
    def load(
        cls, directory: Path = DEFAULT_DIRECTORY, *, embedder: Embedder | None = None
    ) -> Classifier:
        return cls(Artefact.load(directory), embedder or E5Embedder())

    @property
    def version(self) -> str:
        return self.artefact.version

    def passage_probabilities(self, vectors: NDArray[np.float32]) -> NDArray[np.float64]:
        """Calibrated probabilities, one row per embedded passage and one column per goal."""
        raw = vectors.astype(np.float64) @ self.artefact.weights.T.astype(np.float64)
        raw += self.artefact.bias.astype(np.float64)
        scores = blend(raw, neighbour_scores(vectors, self._memory, self.artefact.memory_labels))
        columns = [c.apply(scores[:, i]) for i, c in enumerate(self.artefact.calibrators)]
        return np.stack(columns, axis=1) if columns else raw

    def classify(
        self,
        texts: list[str | bytes],
        *,
        language: str | None = None,
        targets: int = 5,
        sentence_evidence: bool = False,
        max_passages: int = MAX_PASSAGES,
    ) -> list[Classification]:
        """Classify texts together (one batched embedding call). With `sentence_evidence`
        the sentences of each asserted goal's strongest passage are scored too, so the
        evidence is the sentences that carried the decision (one more, smaller batch)."""
        if language is not None and language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
        cleaned = [clean_text(text) for text in texts]
        split = [split_passages(text, max_passages=max_passages + 1) for text in cleaned]
        kept = [pieces[:max_passages] for pieces in split]
        flat = [piece.text for pieces in kept for piece in pieces]
        vectors: NDArray[np.float32] = (
            self.embedder.embed(flat)
            if flat
            else np.zeros((0, self._targets.shape[1]), dtype=np.float32)
        )
        probabilities = self.passage_probabilities(vectors.astype(np.float32))
        results: list[Classification] = []
        first = 0
        for text, pieces, full in zip(cleaned, kept, split, strict=True):
            rows = slice(first, first + len(pieces))
            first += len(pieces)
            results.append(
                self._document(
                    text,
                    pieces,
                    probabilities[rows],
                    vectors[rows],
                    language=language,
                    truncated=len(full) > len(pieces),
                    targets=targets,
                )
            )
        if sentence_evidence:
            results = self._with_sentence_evidence(results)
        return results

    def _document(
        self,
        text: str,
        pieces: list[Passage],
        rows: NDArray[np.float64],
        vectors: NDArray[np.float32],
        *,
        language: str | None,
        truncated: bool,
        targets: int,
    ) -> Classification:
        found_language = language or detect_language(text)
        document = aggregate_passages(rows, top_k=2, evidence=3)
        scores = {goal: float(document.scores[i]) for i, goal in enumerate(GOALS)}
        asserted = []
        for i, goal in enumerate(GOALS):
            threshold = self.artefact.thresholds[i]
            if not pieces or scores[goal] < threshold:
                continue
            strongest = document.strongest[i]
            evidence = [
                Evidence(pieces[p].start, pieces[p].end, pieces[p].text, float(rows[p, i]))
                for p in strongest
                if p == strongest[0] or rows[p, i] >= threshold
            ]
            stems = self.artefact.lexicon.get(str(goal), {}).get(found_language, [])
            asserted.append(GoalResult(goal, scores[goal], evidence, evidence_words(text, stems)))
        asserted.sort(key=lambda g: (-g.score, g.goal))
        return Classification(
            text=text,
            language=found_language,
            scores=scores,
            goals=asserted,
            targets=self._targets_for(scores, vectors, targets) if pieces and targets > 0 else [],
            passages=len(pieces),
            truncated=truncated,
        )

    def _targets_for(
        self, scores: dict[int, float], vectors: NDArray[np.float32], how_many: int
    ) -> list[tuple[str, float]]:
        """Within each goal, a target's share of the goal's score grows with its best
        similarity to any passage of the text (a softmax over the goal's targets)."""
        similarity = (vectors.astype(np.float32) @ self._targets.T).max(axis=0)
        target_scores = np.zeros(len(self.artefact.target_codes))
        for goal in GOALS:
            members = self._goal_targets[goal]
            if not len(members):
                continue
            share = np.exp((similarity[members] - similarity[members].max()) / _TARGET_TEMPERATURE)
            target_scores[members] = scores[goal] * share / share.sum()
        order = np.argsort(-target_scores, kind="stable")[:how_many]
        return [(self.artefact.target_codes[i], float(target_scores[i])) for i in order]

    def _with_sentence_evidence(self, results: list[Classification]) -> list[Classification]:
        pending: list[tuple[int, int, Passage]] = []  # (result, goal, sentence)
        for index, result in enumerate(results):
            for goal_result in result.goals:
                best = goal_result.evidence[0]
                for sentence in sentences(result.text, start=best.start, end=best.end):
                    pending.append((index, goal_result.goal, sentence))
        if not pending:
            return results
        vectors = self.embedder.embed([sentence.text for _, _, sentence in pending])
        probabilities = self.passage_probabilities(vectors)
        found: dict[tuple[int, int], list[Evidence]] = {}
        for (index, goal, sentence), row in zip(pending, probabilities, strict=True):
            found.setdefault((index, goal), []).append(
                Evidence(sentence.start, sentence.end, sentence.text, float(row[goal - 1]))
            )
        updated = []
        for index, result in enumerate(results):
            goals = []
            for goal_result in result.goals:
                ranked = sorted(found.get((index, goal_result.goal), []), key=lambda e: -e.score)
                # The passages beyond the strongest stay as evidence after its sentences.
                goals.append(replace(goal_result, evidence=ranked[:2] + goal_result.evidence[1:]))
            updated.append(replace(result, goals=goals))
        return updated

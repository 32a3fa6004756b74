"""The SDG link classifier's core, in plain Python and NumPy (no Django).

This first step holds the parts that do not depend on the model: reading text safely,
detecting the language, splitting documents into passages, calibrating raw scores into
probabilities, choosing per-goal thresholds and aggregating passage scores into a document's
result. The model that scores passages comes next (issue 3)."""

from cityimpact.sdg.classifier.aggregate import DocumentScores, aggregate_passages
from cityimpact.sdg.classifier.calibration import PlattCalibrator, choose_threshold
from cityimpact.sdg.classifier.language import LANGUAGES, detect_language
from cityimpact.sdg.classifier.passages import Passage, clean_text, sentences, split_passages

__all__ = [
    "LANGUAGES",
    "DocumentScores",
    "Passage",
    "PlattCalibrator",
    "aggregate_passages",
    "choose_threshold",
    "clean_text",
    "detect_language",
    "sentences",
    "split_passages",
]

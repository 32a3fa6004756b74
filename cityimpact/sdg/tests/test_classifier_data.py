"""The classifier's labelled passages: they read cleanly, their labels exist in the
framework, and the held-out split is stable."""

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from cityimpact.sdg.classifier.dataset import DatasetError, examples_read, split_of
from cityimpact.sdg.classifier.language import LANGUAGES

DATA = Path(__file__).resolve().parents[1] / "data"
PASSAGES = sorted((DATA / "classifier" / "passages").glob("*.jsonl"))


def test_the_split_is_stable_and_roughly_proportional():
    ids = [f"g{n:05d}" for n in range(20_000)]
    parts = Counter(split_of(i) for i in ids)
    assert parts["test"] / len(ids) == pytest.approx(0.15, abs=0.01)
    assert parts["validation"] / len(ids) == pytest.approx(0.15, abs=0.01)
    assert split_of("g07-fi-001") == split_of("g07-fi-001")
    assert split_of("g07-fi-001", test=1.0) == "test"


def test_a_bad_line_is_named_by_file_and_line(tmp_path):
    good = {"id": "a", "language": "fi", "goals": [7], "targets": ["7.2"], "text": "Aurinko"}
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "id": "b", "targets": ["6.1"]}))
    with pytest.raises(DatasetError, match=r"x\.jsonl:2: target '6.1'"):
        list(examples_read([path]))
    path.write_text(json.dumps(good) + "\n" + json.dumps(good))
    with pytest.raises(DatasetError, match="used twice"):
        list(examples_read([path]))
    path.write_text("{not json")
    with pytest.raises(DatasetError, match=r"x\.jsonl:1"):
        list(examples_read([path]))


def test_the_shipped_passages_are_valid_and_cover_every_goal_in_every_language():
    assert PASSAGES, "no labelled passages shipped"
    with (DATA / "targets.csv").open(encoding="utf-8") as handle:
        known_targets = {row["code"] for row in csv.DictReader(handle)}
    examples = list(examples_read(PASSAGES))
    assert all(e.targets <= known_targets for e in examples)
    per_goal_language = Counter((goal, e.language) for e in examples for goal in e.goals)
    for goal in range(1, 18):
        for language in LANGUAGES:
            assert per_goal_language[goal, language] >= 10, (goal, language)
    without_goal = Counter(e.language for e in examples if not e.goals)
    assert all(without_goal[language] >= 10 for language in LANGUAGES)

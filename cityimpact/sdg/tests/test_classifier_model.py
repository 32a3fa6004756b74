"""The classifier's heads, training, artefact and batch interface, on a cheap stand-in
embedder so they run in milliseconds (the real model is tested in test_classifier_real)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cityimpact.sdg.classifier import jsonlines
from cityimpact.sdg.classifier.artefact import Artefact, ArtefactError
from cityimpact.sdg.classifier.dataset import Example, split_of
from cityimpact.sdg.classifier.embedding import HashingEmbedder
from cityimpact.sdg.classifier.heads import logistic_fit
from cityimpact.sdg.classifier.jsonlines import StreamSummary, classify_lines
from cityimpact.sdg.classifier.lexicon import evidence_words, lexicon_build
from cityimpact.sdg.classifier.model import Classifier
from cityimpact.sdg.classifier.training import TargetText, evaluate, train

TOPICS = {
    7: [
        "solar panels energy electricity",
        "heat pump energy district heating",
        "wind power electricity grid",
    ],
    4: [
        "school pupils teachers learning",
        "university students education courses",
        "library reading children learning",
    ],
    15: [
        "forest biodiversity species habitat",
        "meadow pollinators species nature",
        "wetland birds habitat nature",
    ],
}
NOISE = [
    "parking notice office hours",
    "meeting agenda minutes chair",
    "sports results match score",
]


def _examples(copies: int = 12) -> list[Example]:
    rows = []
    for goal, phrases in TOPICS.items():
        for n in range(copies):
            for k, phrase in enumerate(phrases):
                rows.append(
                    Example(
                        f"g{goal}-{n}-{k}",
                        "en",
                        f"{phrase} case {n}",
                        frozenset({goal}),
                        frozenset(),
                        "sentence",
                    )
                )
    for n in range(copies * 2):
        for k, phrase in enumerate(NOISE):
            rows.append(
                Example(
                    f"none-{n}-{k}", "en", f"{phrase} item {n}", frozenset(), frozenset(), "notice"
                )
            )
    return rows


TARGETS = [TargetText(f"{goal}.1", TOPICS[goal][0]) for goal in sorted(TOPICS)]


@pytest.fixture(scope="module")
def artefact() -> Artefact:
    return _train()


def _train() -> Artefact:
    # Only three goals have data; the others get no positives, which the heads must survive.
    return train(_examples(), TARGETS, HashingEmbedder())


def test_logistic_fit_separates_and_refuses_one_class():
    x = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]])
    y = np.array([True, True, False, False])
    weights, bias = logistic_fit(x, y, l2=0.1)
    assert ((x @ weights + bias) > 0).tolist() == y.tolist()
    with pytest.raises(ValueError, match="both classes"):
        logistic_fit(x, np.ones(4, dtype=bool), l2=0.1)
    with pytest.raises(ValueError, match="positive"):
        logistic_fit(x, y, l2=0)


def test_training_is_deterministic_and_the_artefact_round_trips(artefact, tmp_path):
    again = _train()
    assert again.version == artefact.version
    artefact.save(tmp_path / "a")
    again.save(tmp_path / "b")
    for name in ("model.json", "heads.npy", "targets.npy"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    loaded = Artefact.load(tmp_path / "a")
    assert loaded.version == artefact.version
    assert loaded.thresholds == artefact.thresholds


def test_a_broken_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ArtefactError, match="cannot read the SDG model"):
        Artefact.load(tmp_path)


def test_the_classifier_asserts_the_right_goal_with_evidence(artefact):
    classifier = Classifier(artefact, HashingEmbedder())
    text = "Solar panels give energy and electricity. Office hours."
    (result,) = classifier.classify([text], language="en", targets=2, sentence_evidence=True)
    assert [g.goal for g in result.goals] == [7]
    assert result.scores[7] > result.scores[15]
    evidence = result.goals[0].evidence
    # The sentence that carried the decision comes first, with offsets into the text.
    assert evidence[0].text == "Solar panels give energy and electricity."
    assert result.text[evidence[0].start : evidence[0].end] == evidence[0].text
    assert evidence[0].score > evidence[1].score
    assert "energy" in result.goals[0].words
    assert result.targets[0][0] == "7.1"
    assert result.passages == 1


def test_empty_binary_and_huge_inputs(artefact):
    classifier = Classifier(artefact, HashingEmbedder())
    empty, binary, huge = classifier.classify(
        ["   ", b"\xff\xfe\x00\x01 solar energy \x00", "solar energy electricity. " * 20_000],
        max_passages=5,
    )
    assert empty.goals == [] and empty.passages == 0 and empty.targets == []
    assert set(empty.scores) == set(range(1, 18))
    assert "\x00" not in binary.text and binary.passages == 1
    assert huge.passages == 5 and huge.truncated
    with pytest.raises(ValueError, match="language"):
        classifier.classify(["x"], language="de")


def test_evaluate_counts_per_goal_and_language():
    examples = [
        Example("a", "fi", "x", frozenset({7}), frozenset(), ""),
        Example("b", "sv", "y", frozenset(), frozenset(), ""),
    ]
    report = evaluate([frozenset({7}), frozenset({7})], examples)
    assert report["overall"]["goals"]["7"] == {
        "support": 1,
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "accuracy": 0.5,
        "balanced_accuracy": 0.5,
    }
    assert report["fi"]["goals"]["7"]["accuracy"] == 1.0
    assert report["sv"]["goals"]["7"]["accuracy"] == 0.0


def test_lexicon_picks_words_typical_of_a_goal():
    rows = [
        ("en", f"{p} {n}", frozenset({g})) for g, ps in TOPICS.items() for p in ps for n in range(3)
    ]
    lexicon = lexicon_build(rows, min_count=2)
    assert "energy" in lexicon["7"]["en"]
    assert "school" not in lexicon["7"]["en"]
    assert evidence_words("Energy and more ENERGY from the sun", lexicon["7"]["en"]) == ["Energy"]


def test_json_lines_keep_order_and_report_bad_lines(artefact):
    classifier = Classifier(artefact, HashingEmbedder())
    lines = [
        json.dumps({"id": "a", "text": "solar panels energy"}),
        "{broken",
        json.dumps({"id": "c", "text": 42}),
        "",
        json.dumps({"text": "school pupils learning"}),
        json.dumps(["not", "an", "object"]),
    ]
    summary = StreamSummary()
    out = [json.loads(line) for line in classify_lines(lines, classifier, summary=summary)]
    assert [row.get("id", row.get("line")) for row in out] == ["a", 2, "c", 5, 6]
    assert "error" in out[1] and "error" in out[2] and "error" in out[4]
    assert out[0]["goals"][0]["goal"] == 7 and set(out[0]["scores"]) == {
        str(g) for g in range(1, 18)
    }
    assert out[3]["goals"][0]["goal"] == 4
    assert (summary.read, summary.failed) == (5, 3)


def test_json_lines_batches_by_count_and_by_characters_in_order(artefact, monkeypatch):
    class Recording(Classifier):
        batches: list[int] = []

        def classify(self, texts, **options):
            self.batches.append(len(texts))
            return super().classify(texts, **options)

    classifier = Recording(artefact, HashingEmbedder())
    monkeypatch.setattr(jsonlines, "BATCH", 3)
    monkeypatch.setattr(jsonlines, "BATCH_CHARACTERS", 40)
    texts = ["solar panels energy", "school pupils learning " * 3, "a", "b", "c", "d"]
    lines = [json.dumps({"id": i, "text": text}) for i, text in enumerate(texts)]
    out = [json.loads(line) for line in classify_lines(lines, classifier)]
    assert [row["id"] for row in out] == list(range(6))
    # The second text passes the character bound; then three short texts fill a batch.
    assert classifier.batches == [2, 3, 1]


def test_the_split_keeps_test_passages_out_of_training(artefact):
    test_ids = [e.id for e in _examples() if split_of(e.id) == "test"]
    assert test_ids
    assert artefact.training["passages"] == len(_examples()) - len(test_ids)

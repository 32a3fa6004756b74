"""Just enough of the ONNX file format (protocol buffers) to write the encoder's graph.

The `onnx` package would do this too, but importing it takes almost a second, which is a
third of the command's start-up; the few messages the encoder needs are simple to write by
hand. Field numbers are those of onnx.proto (IR version 8). The network's 85 MB of weights
are joined into the file once, at the end, not copied at every level of nesting."""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

IR_VERSION = 8
# TensorProto.DataType
FLOAT, INT32, INT64 = 1, 6, 7
_DATA_TYPES = {np.dtype(np.float32): FLOAT, np.dtype(np.int32): INT32, np.dtype(np.int64): INT64}


def _varint(value: int) -> bytes:
    if value < 0:
        value += 1 << 64  # int64 fields are written as their two's complement
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _key(field: int, wire_type: int) -> bytes:
    return _varint(field << 3 | wire_type)


def _int(field: int, value: int) -> bytes:
    return _key(field, 0) + _varint(value)


def _bytes(field: int, value: bytes) -> bytes:
    return _key(field, 2) + _varint(len(value)) + value


def _text(field: int, value: str) -> bytes:
    return _bytes(field, value.encode())


def attribute_int(name: str, value: int) -> bytes:
    return _text(1, name) + _int(3, value) + _int(20, 2)  # type INT


def attribute_float(name: str, value: float) -> bytes:
    return _text(1, name) + _key(2, 5) + struct.pack("<f", value) + _int(20, 1)  # type FLOAT


def node(
    op_type: str,
    inputs: Sequence[str],
    outputs: Sequence[str],
    *,
    domain: str = "",
    attributes: Iterable[bytes] = (),
) -> bytes:
    message = b"".join(_text(1, name) for name in inputs)
    message += b"".join(_text(2, name) for name in outputs)
    message += _text(4, op_type)
    message += b"".join(_bytes(5, attribute) for attribute in attributes)
    if domain:
        message += _text(7, domain)
    return message


Parts = list[bytes | memoryview]


def tensor(name: str, value: NDArray[np.generic]) -> Parts:
    """A TensorProto as parts to join later; the data is a view, not a copy."""
    array = np.ascontiguousarray(value, dtype=value.dtype.newbyteorder("<"))
    head = b"".join(_int(1, size) for size in array.shape)
    head += _int(2, _DATA_TYPES[array.dtype.newbyteorder("=")]) + _text(8, name)
    data = array.data.cast("B")
    return [head, _key(9, 2) + _varint(data.nbytes), data]


def _embedded(field: int, parts: Parts) -> Parts:
    """`parts` as a length-delimited field, without joining them."""
    return [_key(field, 2) + _varint(sum(len(part) for part in parts)), *parts]


def value_info(name: str, element_type: int, shape: Sequence[int | str]) -> bytes:
    dims = b"".join(
        _bytes(1, _int(1, size) if isinstance(size, int) else _text(2, size)) for size in shape
    )
    tensor_type = _int(1, element_type) + _bytes(2, dims)
    return _text(1, name) + _bytes(2, _bytes(1, tensor_type))


def model(
    *,
    name: str,
    nodes: Sequence[bytes],
    initialisers: Sequence[Parts],
    inputs: Sequence[bytes],
    outputs: Sequence[bytes],
    opsets: Sequence[tuple[str, int]],
) -> bytes:
    graph: Parts = [_bytes(1, n) for n in nodes]
    graph.append(_text(2, name))
    for initialiser in initialisers:
        graph.extend(_embedded(5, initialiser))
    graph.extend(_bytes(11, i) for i in inputs)
    graph.extend(_bytes(12, o) for o in outputs)
    message: Parts = [_int(1, IR_VERSION), _text(2, "cityimpact"), *_embedded(7, graph)]
    for domain, version in opsets:
        message.append(_bytes(8, (_text(1, domain) if domain else b"") + _int(2, version)))
    return b"".join(message)

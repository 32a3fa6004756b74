"""The carbon handprint calculation, in plain Python and NumPy (no Django)."""

from cityimpact.handprint.calculator.core import Result, UnknownFactor, assess, footprint, per_unit
from cityimpact.handprint.calculator.model import (
    EXACT,
    Assessment,
    Distribution,
    Factor,
    Input,
    Scaling,
    Shape,
    Stage,
    System,
)
from cityimpact.handprint.calculator.montecarlo import simulate, tornado
from cityimpact.handprint.calculator.units import UnitMismatch, conversion

__all__ = [
    "EXACT",
    "Assessment",
    "Distribution",
    "Factor",
    "Input",
    "Result",
    "Scaling",
    "Shape",
    "Stage",
    "System",
    "UnitMismatch",
    "UnknownFactor",
    "assess",
    "conversion",
    "footprint",
    "per_unit",
    "simulate",
    "tornado",
]

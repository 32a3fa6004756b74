"""Unit conversion for inventories (pint). A mismatch is an error, never a guess."""

from __future__ import annotations

from functools import lru_cache

import pint

_ALIASES = {
    "m3": "m**3",
    "m³": "m**3",
    "l": "liter",
    "t": "metric_ton",
    "tonne": "metric_ton",
    "m2_year": "m**2 * year",
}


class UnitMismatch(ValueError):
    """The amount's unit cannot be converted to the factor's unit."""


@lru_cache(maxsize=1)
def _registry() -> pint.UnitRegistry[float]:
    registry: pint.UnitRegistry[float] = pint.UnitRegistry()
    # Activity units of transport and counting that are not physical quantities.
    registry.define("vehicle_km = [vehicle_distance] = vkm")
    registry.define("passenger_km = [passenger_distance] = pkm")
    registry.define("item = [count] = piece = unit_item")
    registry.define("charging_point = [charging_point]")
    registry.define("trip = [trip]")
    return registry


def _normalise(unit: str) -> str:
    unit = unit.strip()
    return _ALIASES.get(unit, unit)


@lru_cache(maxsize=512)
def conversion(from_unit: str, to_unit: str) -> float:
    """How many `to_unit` one `from_unit` is (1 kWh → 3.6 MJ)."""
    if _normalise(from_unit) == _normalise(to_unit):
        return 1.0
    registry = _registry()
    try:
        quantity = registry.Quantity(1.0, _normalise(from_unit)).to(_normalise(to_unit))
    except (pint.errors.DimensionalityError, pint.errors.UndefinedUnitError) as error:
        raise UnitMismatch(f"Cannot convert {from_unit} to {to_unit}.") from error
    return float(quantity.magnitude)

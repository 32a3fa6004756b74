"""The calculation core against figures from public sources (no database)."""

import pytest

from cityimpact.handprint.calculator import (
    Assessment,
    Distribution,
    Factor,
    Input,
    Scaling,
    Shape,
    Stage,
    System,
    UnitMismatch,
    UnknownFactor,
    assess,
    per_unit,
    simulate,
    tornado,
)

# g CO2e/MJ as kg CO2e/MJ
FOSSIL = Factor("diesel_fossil", 0.0871, "MJ")
RENEWABLE = Factor("hvo", 0.0100, "MJ")
FACTORS = {f.key: f for f in (FOSSIL, RENEWABLE)}


def diesel_case(baseline_inputs) -> Assessment:
    return Assessment(
        functional_unit="1 MJ of diesel fuel",
        baseline=System("Diesel on the market", tuple(baseline_inputs)),
        solution=System("Renewable diesel", (Input(Stage.USE, "hvo", 1.0, "MJ"),)),
        factors=FACTORS,
    )


def test_renewable_against_fossil_diesel():
    result = assess(diesel_case([Input(Stage.USE, "diesel_fossil", 1.0, "MJ")]))
    assert result.handprint == pytest.approx(0.0771)  # 77.1 g/MJ
    assert result.relative == pytest.approx(0.885, abs=5e-4)  # 88.5 %
    assert result.exists


def test_baseline_is_the_market_diesel_with_12_percent_bio():
    result = assess(
        diesel_case(
            [Input(Stage.USE, "diesel_fossil", 0.88, "MJ"), Input(Stage.USE, "hvo", 0.12, "MJ")]
        )
    )
    assert result.baseline.total == pytest.approx(0.077848)
    assert result.handprint == pytest.approx(0.067848)


def test_amounts_are_converted_to_the_factor_unit():
    result = assess(diesel_case([Input(Stage.USE, "diesel_fossil", 1 / 3.6, "kWh")]))
    assert result.baseline.total == pytest.approx(0.0871)


def test_incompatible_units_are_an_error_not_a_guess():
    with pytest.raises(UnitMismatch):
        assess(diesel_case([Input(Stage.USE, "diesel_fossil", 1.0, "kg")]))


def test_unknown_factor_and_negative_amount():
    with pytest.raises(UnknownFactor):
        assess(diesel_case([Input(Stage.USE, "coal", 1.0, "MJ")]))
    with pytest.raises(ValueError):
        Input(Stage.USE, "hvo", -1.0, "MJ")


def test_no_handprint_is_said_plainly():
    result = assess(
        Assessment(
            "1 MJ",
            System("Baseline", (Input(Stage.USE, "hvo", 1, "MJ"),)),
            System("Solution", (Input(Stage.USE, "diesel_fossil", 1, "MJ"),)),
            FACTORS,
        )
    )
    assert not result.exists
    assert result.verdict.startswith("no handprint")


def test_stage_contributions_add_up():
    result = assess(
        diesel_case(
            [
                Input(Stage.MANUFACTURING, "hvo", 0.5, "MJ"),
                Input(Stage.USE, "diesel_fossil", 1, "MJ"),
            ]
        )
    )
    stages = result.baseline.by_stage()
    assert stages[Stage.MANUFACTURING] == pytest.approx(0.005)
    assert sum(stages.values()) == pytest.approx(result.baseline.total)


def test_ev_charging_on_city_land_per_charging_point():
    assert per_unit(110.0, 18) == pytest.approx(6.11, abs=0.005)  # t CO2e a year per point


def test_timber_storage_is_reported_beside_never_netted():
    factors = {"timber": Factor("timber", 50.0, "m3"), "concrete": Factor("concrete", 300.0, "m3")}
    result = assess(
        Assessment(
            "20 m3 of frame",
            System("Concrete frame", (Input(Stage.MANUFACTURING, "concrete", 20, "m3"),)),
            System("Timber frame", (Input(Stage.MANUFACTURING, "timber", 20, "m3"),)),
            factors,
            storage_kgco2e_per_unit=543 * 20,
        )
    )
    assert result.storage_kgco2e_per_unit == 10_860
    assert result.handprint == pytest.approx(20 * (300 - 50))  # storage not subtracted


def test_annual_handprint_falls_as_the_grid_decarbonises():
    factors = {
        "grid": Factor("grid", 0.20, "kWh"),
        "petrol": Factor("petrol", 2.07, "l"),
    }
    assessment = Assessment(
        "100 km driven",
        System("Petrol car", (Input(Stage.USE, "petrol", 6.0, "l"),)),
        System("Electric car", (Input(Stage.USE, "grid", 18.0, "kWh"),)),
        factors,
        scaling=Scaling(
            units_per_year=1000,
            start_year=2025,
            years=3,
            factor_by_year={"grid": {2026: 0.10, 2027: 0.05}},
        ),
    )
    result = assess(assessment)
    yearly = [y.handprint for y in result.years]
    assert yearly[0] == pytest.approx((12.42 - 3.6) * 1000)
    assert yearly[1] == pytest.approx((12.42 - 1.8) * 1000)
    assert result.cumulative == pytest.approx(sum(yearly))


def test_monte_carlo_with_exact_inputs_is_the_deterministic_result():
    assessment = diesel_case([Input(Stage.USE, "diesel_fossil", 1.0, "MJ")])
    summary = simulate(assessment, draws=1000, seed=7)
    assert summary.exact
    assert summary.mean == pytest.approx(assess(assessment).handprint)
    assert summary.p5 == pytest.approx(summary.p95)


def test_monte_carlo_interval_contains_the_result_and_is_reproducible():
    uncertain = {
        "diesel_fossil": Factor(
            "diesel_fossil", 0.0871, "MJ", uncertainty=Distribution(Shape.NORMAL, sd=0.005)
        ),
        "hvo": Factor(
            "hvo", 0.010, "MJ", uncertainty=Distribution(Shape.TRIANGULAR, low=0.006, high=0.016)
        ),
    }
    assessment = Assessment(
        "1 MJ",
        System(
            "Fossil",
            (
                Input(
                    Stage.USE,
                    "diesel_fossil",
                    1,
                    "MJ",
                    uncertainty=Distribution(Shape.UNIFORM, low=0.95, high=1.05),
                ),
            ),
        ),
        System("HVO", (Input(Stage.USE, "hvo", 1, "MJ"),)),
        uncertain,
    )
    first, second = (
        simulate(assessment, draws=5000, seed=3),
        simulate(assessment, draws=5000, seed=3),
    )
    deterministic = assess(assessment).handprint
    assert first.p5 < deterministic < first.p95
    assert (first.mean, first.p5, first.p95) == (second.mean, second.p5, second.p95)
    assert not first.exact
    swings = tornado(assessment)
    assert swings[0].width >= swings[-1].width
    assert {s.label.split(" (")[0] for s in swings} == {"Fossil: diesel_fossil", "HVO: hvo"}


def test_the_calculator_does_not_import_django():
    import ast
    from pathlib import Path

    import cityimpact.handprint.calculator as package

    for path in Path(package.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        ] + [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not [m for m in modules if m.startswith("django")], path.name

"""Espoo's example handprint assessments (loaded by `cityimpact load_handprint_demo`).

The EV charging figure is Espoo's own (up to 110 t CO2e a year from 18 public charging points
on city land, Lakanen et al. 2022); the driving distance per point that reproduces it, and
everything about the biogas buses, are example data and say so in their review note."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction

from cityimpact.core.models import City
from cityimpact.core.services import content_version_bump
from cityimpact.handprint.models import FactorChange, HandprintAssessment, InventoryLine
from cityimpact.handprint.selectors import factor_latest
from cityimpact.portfolio.selectors import initiative_get_by_slug

KM_PER_POINT = 40_891  # vkm a year per charging point that gives 6.11 t CO2e: example data

ASSESSMENTS: list[dict[str, Any]] = [
    {
        "title_en": "Public EV charging on city land",
        "title_fi": "Julkinen sähköautojen lataus kaupungin maalla",
        "title_sv": "Offentlig laddning av elbilar på stadens mark",
        "functional_unit_en": "one charging point for a year",
        "functional_unit_fi": "yksi latauspiste vuoden ajan",
        "functional_unit_sv": "en laddpunkt under ett år",
        "baseline_name_en": "Average car driving on fossil fuel",
        "baseline_name_fi": "Keskimääräinen polttomoottoriauto",
        "baseline_name_sv": "Genomsnittlig bil med fossilt bränsle",
        "solution_name_en": "Electric cars charged at the city's points",
        "solution_name_fi": "Kaupungin pisteissä ladatut sähköautot",
        "solution_name_sv": "Elbilar laddade vid stadens punkter",
        "boundary": "Use stage: fuels and electricity with their supply chains; no vehicles.",
        "data_year": 2021,
        "mechanism": HandprintAssessment.Mechanism.OWNERSHIP,
        "kind": HandprintAssessment.Kind.REALISED,
        "status": HandprintAssessment.Status.PUBLISHED,
        "review_note": (
            "Example data: distance per point chosen to match Espoo's reported "
            "110 t CO2e a year from 18 points."
        ),
        "units_per_year": 18,
        "start_year": 2022,
        "years": 3,
        "initiatives": ["sparcs"],
        "lines": [
            ("baseline", "use", "car_avg_climatediet_vkm", KM_PER_POINT, "vkm", "Driving", {}),
            (
                "solution",
                "use",
                "fi_elec_avg_consumption_syke",
                0.18 * KM_PER_POINT,
                "kWh",
                "Charging",
                {},
            ),
        ],
    },
    {
        "title_en": "Biogas for city buses from the local biogas ecosystem",
        "title_fi": "Paikallista biokaasua kaupungin busseihin",
        "title_sv": "Lokal biogas för stadens bussar",
        "functional_unit_en": "1 MJ of bus fuel",
        "functional_unit_fi": "1 MJ bussien polttoainetta",
        "functional_unit_sv": "1 MJ bussbränsle",
        "baseline_name_en": "Fossil diesel",
        "baseline_name_fi": "Fossiilinen diesel",
        "baseline_name_sv": "Fossil diesel",
        "solution_name_en": "Biogas from local waste",
        "solution_name_fi": "Biokaasu paikallisesta jätteestä",
        "solution_name_sv": "Biogas från lokalt avfall",
        "boundary": "Well to wheel, per MJ of fuel.",
        "data_year": 2019,
        "mechanism": HandprintAssessment.Mechanism.PROJECTS,
        "kind": HandprintAssessment.Kind.POTENTIAL,
        "status": HandprintAssessment.Status.PUBLISHED,
        "review_note": (
            "Example data: an illustration of the method, not an assessment by the city."
        ),
        "units_per_year": 10_000_000,
        "start_year": 2025,
        "years": 5,
        "initiatives": ["rakke"],
        "lines": [
            (
                "baseline",
                "use",
                "diesel_fossil_wtw",
                1.0,
                "MJ",
                "Diesel",
                {"shape": "normal", "sd": 0.002},
            ),
            (
                "solution",
                "use",
                "biogas_vehicle",
                1.0,
                "MJ",
                "Biogas",
                {"shape": "triangular", "low": 0.9, "high": 1.2},
            ),
        ],
    },
]


ASSESSMENTS += [
    {
        "title_en": "Ground-source heat for Kera's new blocks",
        "title_fi": "Maalämpö Keran uusiin kortteleihin",
        "title_sv": "Jordvärme för de nya kvarteren i Kera",
        "functional_unit_en": "1 MWh of heat delivered",
        "functional_unit_fi": "1 MWh toimitettua lämpöä",
        "functional_unit_sv": "1 MWh levererad värme",
        "baseline_name_en": "Espoo district heat (2021 average)",
        "baseline_name_fi": "Espoon kaukolämpö (vuoden 2021 keskiarvo)",
        "baseline_name_sv": "Fjärrvärme i Esbo (medeltal 2021)",
        "solution_name_en": "Ground-source heat pump, seasonal COP 3",
        "solution_name_fi": "Maalämpöpumppu, vuosihyötysuhde 3",
        "solution_name_sv": "Bergvärmepump, årsvärmefaktor 3",
        "boundary": "Heat production with fuel and electricity supply chains; equipment excluded.",
        "data_year": 2021,
        "mechanism": HandprintAssessment.Mechanism.OPERATING_ENVIRONMENT,
        "kind": HandprintAssessment.Kind.POTENTIAL,
        "status": HandprintAssessment.Status.PUBLISHED,
        "review_note": "Example data: the heat pump's efficiency and the scale are assumptions.",
        "units_per_year": 2_000,
        "start_year": 2025,
        "years": 5,
        "initiatives": ["kera"],
        # District heat decarbonises (example values): the same pump's handprint falls.
        "factor_changes": [
            ("espoo_dh_fortum_avg_2021", 2027, 0.10),
            ("espoo_dh_fortum_avg_2021", 2029, 0.08),
        ],
        "lines": [
            ("baseline", "use", "espoo_dh_fortum_avg_2021", 1000, "kWh", "District heat", {}),
            (
                "solution",
                "use",
                "fi_elec_avg_consumption_syke",
                1000 / 3,
                "kWh",
                "Electricity for the pump",
                {"shape": "triangular", "low": 1000 / 3.5, "high": 1000 / 2.5},
            ),
        ],
    },
    {
        "title_en": "Reused timber from Kera's demolished buildings",
        "title_fi": "Keran purkukohteiden puutavaran uudelleenkäyttö",
        "title_sv": "Återbrukat virke från rivna byggnader i Kera",
        "functional_unit_en": "1 m3 of structural timber",
        "functional_unit_fi": "1 m3 rakennepuuta",
        "functional_unit_sv": "1 m3 konstruktionsvirke",
        "baseline_name_en": "New sawn timber",
        "baseline_name_fi": "Uusi sahatavara",
        "baseline_name_sv": "Nytt sågat virke",
        "solution_name_en": "Reused timber, trucked 20 km",
        "solution_name_fi": "Uudelleenkäytetty puu, kuljetus 20 km",
        "solution_name_sv": "Återbrukat virke, transport 20 km",
        "boundary": "Cradle to gate of new timber against transport of reused timber.",
        "data_year": 2021,
        "mechanism": HandprintAssessment.Mechanism.PROJECTS,
        "kind": HandprintAssessment.Kind.POTENTIAL,
        "status": HandprintAssessment.Status.PUBLISHED,
        "review_note": "Example data: the transport distance and volumes are assumptions.",
        "units_per_year": 300,
        "start_year": 2025,
        "years": 3,
        "storage_kgco2e_per_unit": 543,
        "initiatives": ["kera", "rakke"],
        "lines": [
            ("baseline", "manufacturing", "sawn_timber_fi_a1a3", 1, "m3", "New timber", {}),
            ("solution", "distribution", "truck_vkm_lipasto_2012_2016", 20, "vkm", "Transport", {}),
        ],
    },
]


@transaction.atomic
def handprint_demo_load(*, city: City) -> Counter[str]:
    """Add the examples to a city without assessments (never re-adds what staff removed)."""
    created: Counter[str] = Counter()
    if HandprintAssessment.objects.filter(city=city).exists():
        return created
    for spec in ASSESSMENTS:
        fields = {
            k: v for k, v in spec.items() if k not in {"initiatives", "lines", "factor_changes"}
        }
        assessment = HandprintAssessment.objects.create(city=city, **fields)
        for system, stage, key, amount, unit, label, uncertainty in spec["lines"]:
            InventoryLine.objects.create(
                assessment=assessment,
                system=system,
                stage=stage,
                factor=factor_latest(key=key),
                amount=amount,
                unit=unit,
                label=label,
                **uncertainty,
            )
        for key, year, value in spec.get("factor_changes", []):
            FactorChange.objects.create(
                assessment=assessment,
                factor=factor_latest(key=key),
                year=year,
                kgco2e_per_unit=value,
            )
        for slug in spec["initiatives"]:
            try:
                assessment.initiatives.add(initiative_get_by_slug(city=city, slug=slug))
            except Exception:  # noqa: S112 - a demo initiative removed by staff is skipped
                continue
        created["assessment"] += 1
    content_version_bump()
    return created

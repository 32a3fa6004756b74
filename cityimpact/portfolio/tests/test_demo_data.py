"""The Espoo demo portfolio: every figure the seed gives sits on the right initiative."""

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.db.models import Q

from cityimpact.portfolio.models import Initiative, Outcome
from cityimpact.portfolio.services.demo import demo_load

SEED_FIGURES = Path(__file__).parent / "data" / "seed_figures.yaml"

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return demo_load()


def seed_figures() -> list[dict]:
    return yaml.safe_load(SEED_FIGURES.read_text(encoding="utf-8"))


def test_the_list_of_seed_figures_is_substantial():
    assert len(seed_figures()) >= 40


def test_every_seed_figure_is_on_its_initiative(demo):
    missing = []
    for figure in seed_figures():
        value = Decimal(str(figure["value"]))
        found = Outcome.objects.filter(
            Q(value=value) | Q(value_high=value), initiative__slug=figure["initiative"]
        ).exists()
        if not found:
            missing.append(f"{figure['initiative']}: {figure['quote']}")
    assert not missing, "Seed figures missing from the demo data:\n" + "\n".join(missing)


def test_every_initiative_is_in_three_languages(demo):
    for initiative in Initiative.objects.all():
        for field in ("title", "summary", "description"):
            for code in ("en", "fi", "sv"):
                assert getattr(initiative, f"{field}_{code}"), f"{initiative.slug}.{field}_{code}"


def test_demo_covers_the_seed(demo):
    assert Initiative.objects.count() >= 25
    assert set(Initiative.objects.values_list("themes__slug", flat=True)) >= {
        "climate-change",
        "demography-inequality",
        "digitalisation",
    }
    assert demo["outcome"] >= 40


def test_loading_twice_changes_nothing(demo):
    counts_before = Counter(
        {"initiatives": Initiative.objects.count(), "outcomes": Outcome.objects.count()}
    )
    assert not demo_load()
    assert counts_before == Counter(
        {"initiatives": Initiative.objects.count(), "outcomes": Outcome.objects.count()}
    )


def test_loading_keeps_edits_made_in_the_app(demo):
    initiative = Initiative.objects.get(slug="culture-call")
    Initiative.objects.filter(pk=initiative.pk).update(title_en="Culture Call (edited)")
    demo_load()
    initiative.refresh_from_db()
    assert initiative.title_en == "Culture Call (edited)"

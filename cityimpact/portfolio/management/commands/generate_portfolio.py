"""`cityimpact generate_portfolio --count N`: synthetic initiatives for load tests.

Generated initiatives belong to a separate tenant city ("benchmark-city") so they never mix
with a real city's portfolio, and are made with bulk inserts so 10 000 take seconds.
"""

import random
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from cityimpact.core.models import City, Organisation
from cityimpact.core.services import content_version_bump
from cityimpact.portfolio.models import Initiative, Outcome, Participation, Programme, Theme
from cityimpact.portfolio.services.search_index import initiatives_reindex

WORDS = [
    "energy",
    "community",
    "mobility",
    "circular",
    "climate",
    "school",
    "daycare",
    "culture",
    "youth",
    "data",
    "digital",
    "health",
    "greenspace",
    "biogas",
    "learning",
    "pilot",
    "district",
    "smart",
    "heat",
    "solar",
    "mentors",
    "citizens",
    "kaupunki",
    "energia",
    "oppiminen",
    "nuoret",
    "kulttuuri",
    "stad",
    "energi",
    "lärande",
    "unga",
    "kultur",
]


class Command(BaseCommand):
    help = "Generate synthetic initiatives (for benchmarks) in the city 'benchmark-city'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=1)

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])  # noqa: S311 - synthetic data, not security
        city, _ = City.objects.get_or_create(
            slug="benchmark-city",
            defaults={"name_en": "Benchmark City", "country": "FI", "is_tenant": True},
        )
        themes = list(Theme.objects.all()) or [
            Theme.objects.create(slug="generated", name_en="Generated")
        ]
        programmes = [*Programme.objects.all(), None]
        organisations = list(Organisation.objects.all()) or [
            Organisation.objects.create(slug="generated-org", name_en="Org", kind="company")
        ]
        start = Initiative.objects.filter(city=city).count()
        statuses = Initiative.Status.values

        def sentence(n: int) -> str:
            return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()

        initiatives = []
        for n in range(start, start + options["count"]):
            year = rng.randint(2010, 2025)
            initiatives.append(
                Initiative(
                    city=city,
                    slug=f"generated-{n}",
                    title_en=f"{sentence(3)} {n}",
                    title_fi=f"{sentence(3)} {n}",
                    title_sv=f"{sentence(3)} {n}",
                    summary_en=sentence(20),
                    summary_fi=sentence(20),
                    summary_sv=sentence(20),
                    description_en=sentence(60),
                    programme=rng.choice(programmes),
                    status=rng.choice(statuses),
                    start_year=year,
                    end_year=year + rng.randint(0, 5),
                    lead=rng.choice(organisations),
                )
            )
        created = Initiative.objects.bulk_create(initiatives, batch_size=1000)
        through = Initiative.themes.through
        through.objects.bulk_create(
            [through(initiative_id=i.pk, theme_id=rng.choice(themes).pk) for i in created],
            batch_size=2000,
        )
        Participation.objects.bulk_create(
            [
                Participation(initiative=i, organisation=org, role="partner")
                for i in created
                for org in rng.sample(organisations, k=min(3, len(organisations)))
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        Outcome.objects.bulk_create(
            [
                Outcome(
                    initiative=i,
                    metric_en="Participants",
                    value=rng.randint(10, 5000),
                    year=i.start_year,
                )
                for i in created
            ],
            batch_size=2000,
        )
        ids = [i.pk for i in created]
        for chunk in range(0, len(ids), 1000):
            initiatives_reindex(initiative_ids=ids[chunk : chunk + 1000])
        content_version_bump()
        self.stdout.write(
            self.style.SUCCESS(f"Generated {len(created)} initiatives in {city.slug}.")
        )

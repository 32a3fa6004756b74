import datetime as dt

import factory

from cityimpact.core.tests.factories import CityFactory
from cityimpact.sdg.models import LocalGoal, LocalIndicator, Review


class LocalGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalGoal

    city = factory.SubFactory(CityFactory)
    code = factory.Sequence(lambda n: f"E{n}")
    title_en = factory.Sequence(lambda n: f"Local goal {n}")


class LocalIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalIndicator

    city = factory.SubFactory(CityFactory)
    code = factory.Sequence(lambda n: f"I{n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "daycare centres"
    direction = LocalIndicator.Direction.INCREASE
    target_value = 120
    target_year = 2025


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    city = factory.SubFactory(CityFactory)
    slug = factory.Sequence(lambda n: f"vlr-{n}")
    title_en = "Voluntary local review"
    period_start = dt.date(2020, 1, 1)
    period_end = dt.date(2020, 9, 30)
    phase = Review.Phase.COLLECTING

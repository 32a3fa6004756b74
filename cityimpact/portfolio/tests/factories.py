import factory

from cityimpact.core.tests.factories import CityFactory, OrganisationFactory
from cityimpact.portfolio.models import (
    Adoption,
    Initiative,
    Network,
    Outcome,
    Participation,
    Programme,
    Theme,
)
from cityimpact.portfolio.services.search_index import initiatives_reindex


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    name_fi = factory.LazyAttribute(lambda t: f"Teema {t.name_en}")
    name_sv = factory.LazyAttribute(lambda t: f"Tema {t.name_en}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"programme-{n}")
    name_en = factory.Sequence(lambda n: f"Programme {n}")
    kind = Programme.Kind.EU


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"network-{n}")
    name_en = factory.Sequence(lambda n: f"Network {n}")


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    city = factory.SubFactory(CityFactory)
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    title_en = factory.Sequence(lambda n: f"Initiative {n}")
    title_fi = factory.LazyAttribute(lambda i: f"Hanke {i.title_en}")
    title_sv = factory.LazyAttribute(lambda i: f"Projekt {i.title_en}")
    summary_en = "A summary in English."
    summary_fi = "Tiivistelmä suomeksi."
    summary_sv = "En sammanfattning på svenska."
    start_year = 2020
    end_year = 2022
    status = Initiative.Status.ACTIVE

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def reindex(self, create, extracted, **kwargs):
        if create:
            initiatives_reindex(initiative_ids=[self.pk])


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    initiative = factory.SubFactory(InitiativeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Participation.Role.PARTNER


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    initiative = factory.SubFactory(InitiativeFactory)
    metric_en = "Participants"
    value = 100
    unit_en = "people"
    year = 2021


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    initiative = factory.SubFactory(InitiativeFactory)
    city = factory.SubFactory(CityFactory, is_tenant=False)
    how_en = "Took the model into use."
